/**
 * `npm run bench -- --only prompt-delivery`: how long delivering one prompt to a community of
 * 10,000 active members takes (issue 6, target under 60 s), on the fresh database bench/run.ts
 * prepared. No HTTP server: it calls the delivery engine as the minute job does.
 *
 *   1. an organisation, a facilitator and a community with 10,000 active members (INSERT … SELECT
 *      generate_series; every tenth member has prompt mail switched off, every tenth reads English);
 *   2. per prompt, sent "now":
 *      a. in-app and mail queued: runPromptScheduler with no mail batches: the occurrence is claimed,
 *         one INSERT … SELECT writes 10,000 deliveries (audience, opt-outs, snoozes, budget) and
 *         marks 9,000 of them mail_wanted (queued);
 *      b. sending the queued mails: runPromptScheduler again, mail batches only: claim 100 at a
 *         time, render each mail (JSX, both parts, recipient's language), hand it to the mailer,
 *         mark them sent. Measured with a no-op mailer (the engine's own cost) for the first
 *         prompt and with the file mailer (nodemailer building each message and writing an .eml,
 *         what a pilot without SMTP does) for the second;
 *   3. a table on stdout and JSON in bench/results/<time>-prompt-delivery.json.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createAppI18n } from '../src/app/messages.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createDb, type Db } from '../src/platform/db/database.ts';
import { migrateUp } from '../src/platform/db/migrate.ts';
import { createEventBus } from '../src/platform/events/events.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createMailer, type Mailer } from '../src/platform/mail/mailer.ts';
import { runPromptScheduler } from '../src/prompts/delivery.ts';
import { planOccurrences } from '../src/prompts/prompts.models.ts';
import { insertPrompt } from '../src/prompts/prompts.repository.ts';

export const PROMPT_DELIVERY_SCENARIO = 'prompt-delivery';
const MEMBERS = 10_000;
const TARGET_MS = 60_000;

interface Phase {
  prompt: string;
  phase: string;
  ms: number;
  rows: number;
}

export async function runPromptDeliveryBench(databaseUrl: string, options: { resultsDir: string; dataDir: string }): Promise<number> {
  const startedAt = new Date();
  const { db } = createDb(databaseUrl, 4);
  const mailDir = path.join(options.dataDir, 'mail');
  const fileMailer = createMailer({ from: 'Leerkring <noreply@leerkring.test>', dir: mailDir });
  try {
    await migrateUp(db);
    const setupStarted = performance.now();
    const { communityId, senderId } = await createCommunityOfMembers(db, MEMBERS);
    const setupMs = performance.now() - setupStarted;
    console.log(`Community with ${MEMBERS} active members created in ${Math.round(setupMs)} ms`);

    const noop: Mailer = { send: async () => undefined, close: () => undefined };
    const phases: Phase[] = [];
    const base = new Date();
    for (const [index, mailer, label] of [[0, noop, 'no-op mailer'], [1, fileMailer, 'file mailer (.eml per mail)']] as const) {
      const now = new Date(base.getTime() + index * 3_600_000);
      const name = `prompt ${index + 1}`;
      const deps = engineDeps(db, databaseUrl, options.dataDir, mailer);
      await schedulePromptNow(db, communityId, senderId, now, name);

      let started = performance.now();
      const delivered = await runPromptScheduler(deps, now, { mailBatches: 0 });
      const deliverMs = performance.now() - started;
      const counts = delivered.occurrences[0]?.counts;
      const queued = await countQueued(db);
      if (delivered.occurrences.length !== 1 || counts?.delivered !== MEMBERS || queued !== MEMBERS * 0.9) {
        throw new Error(`${name}: expected ${MEMBERS} deliveries and ${MEMBERS * 0.9} queued mails, got ${JSON.stringify(counts)} and ${queued}`);
      }
      phases.push({ prompt: name, phase: 'in-app delivered + mail queued', ms: deliverMs, rows: counts.delivered });

      started = performance.now();
      const sent = await runPromptScheduler(deps, new Date(now.getTime() + 1_000), { mailBatches: 1_000 });
      const mailMs = performance.now() - started;
      if (sent.mailed !== queued || (await countQueued(db)) !== 0) throw new Error(`${name}: ${sent.mailed} of ${queued} mails sent`);
      phases.push({ prompt: name, phase: `mails sent through the ${label}`, ms: mailMs, rows: sent.mailed });
    }

    console.log(`\nDelivering one prompt to ${MEMBERS} members (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}; PostgreSQL on the same machine)\n`);
    console.log('| prompt | phase | rows | seconds | per 1,000 rows |');
    console.log('|---|---|---|---|---|');
    for (const p of phases) console.log(`| ${p.prompt} | ${p.phase} | ${p.rows.toLocaleString('en')} | ${(p.ms / 1000).toFixed(2)} | ${((p.ms / p.rows) * 1000).toFixed(0)} ms |`);
    const worstDelivery = Math.max(...phases.filter((p) => p.phase.startsWith('in-app')).map((p) => p.ms));
    const worstTotal = Math.max(...[0, 1].map((i) => (phases[i * 2]?.ms ?? 0) + (phases[i * 2 + 1]?.ms ?? 0)));
    console.log(`\nIn-app + mail queued: ${(worstDelivery / 1000).toFixed(2)} s (target < ${TARGET_MS / 1000} s: ${worstDelivery < TARGET_MS ? 'met' : 'MISSED'}); including sending every mail: ${(worstTotal / 1000).toFixed(2)} s`);

    await fs.mkdir(options.resultsDir, { recursive: true });
    const file = path.join(options.resultsDir, `${startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-prompt-delivery.json`);
    await fs.writeFile(
      file,
      `${JSON.stringify({ scenario: PROMPT_DELIVERY_SCENARIO, startedAt: startedAt.toISOString(), node: process.versions.node, machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model }, members: MEMBERS, setupMs: Math.round(setupMs), phases: phases.map((p) => ({ ...p, ms: Math.round(p.ms) })), targetMs: TARGET_MS, targetMet: worstDelivery < TARGET_MS }, null, 2)}\n`,
    );
    console.log(`Results: ${path.relative(process.cwd(), file)}`);
    return worstDelivery < TARGET_MS ? 0 : 1;
  } finally {
    fileMailer.close();
    await db.destroy();
    await fs.rm(options.dataDir, { recursive: true, force: true });
  }
}

function engineDeps(db: Db, databaseUrl: string, dataDir: string, mailer: Mailer) {
  const logger = createLogger('warn');
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, { dataDir, filesDir: path.join(dataDir, 'files') });
  return { db, events: createEventBus(logger), mailer, i18n: createAppI18n(), config, logger };
}

/** One organisation (budget high enough for the two prompts), its facilitator, and `count` members in two statements. */
async function createCommunityOfMembers(db: Db, count: number): Promise<{ communityId: string; senderId: string }> {
  const organisationId = randomUUID();
  const communityId = randomUUID();
  const senderId = randomUUID();
  await sql`INSERT INTO organisations (id, slug, name, kind, email_domains, allow_self_signup, prompt_budget_per_week)
    VALUES (${organisationId}::uuid, 'bench-prikkels', 'Gemeente Prikkelstad', 'municipality', '{bench-prikkels.test}', false, 2)`.execute(db);
  await sql`INSERT INTO users (id, organisation_id, email, name, status, locale, email_verified_at)
    VALUES (${senderId}::uuid, ${organisationId}::uuid, 'begeleider@bench-prikkels.test', 'Bente Begeleider', 'active', 'nl', now())`.execute(db);
  await sql`INSERT INTO communities (id, slug, name, purpose, tags, visibility, organisation_id, created_by)
    VALUES (${communityId}::uuid, 'wijkteams-prikkels', 'Wijkteams', 'Leren van elkaars huisbezoeken', '{wijkteam}', 'open', ${organisationId}::uuid, ${senderId}::uuid)`.execute(db);
  await sql`INSERT INTO users (id, organisation_id, email, name, status, locale, email_verified_at, prompt_email)
    SELECT gen_random_uuid(), ${organisationId}::uuid, 'lid-' || i || '@bench-prikkels.test', 'Lid ' || i, 'active',
      CASE WHEN i % 10 = 3 THEN 'en' ELSE 'nl' END, now(), i % 10 <> 0
    FROM generate_series(1, ${count}::int) AS i`.execute(db);
  await sql`INSERT INTO community_members (community_id, user_id, role, status, decided_at)
    SELECT ${communityId}::uuid, id, CASE WHEN id = ${senderId}::uuid THEN 'facilitator' ELSE 'member' END, 'active', now()
    FROM users WHERE organisation_id = ${organisationId}::uuid`.execute(db);
  await sql`ANALYZE users, community_members`.execute(db);
  return { communityId, senderId };
}

async function schedulePromptNow(db: Db, communityId: string, senderId: string, now: Date, text: string): Promise<void> {
  const planned = planOccurrences('now', {}, now);
  if (!('occurrences' in planned)) throw new Error('a prompt sent now always has one occurrence');
  await insertPrompt(
    db,
    {
      id: randomUUID(), communityId, authorId: senderId, kind: 'reflection', text: `Welk huisbezoek liep deze week anders dan je verwachtte? (${text})`, learningQuestionId: null,
      responseMode: 'text', visibility: 'facilitators', pollOptions: [], audience: {}, scheduleKind: 'now', schedule: {}, responseWindowHours: 72, reminderAfterHours: 48, now,
    },
    planned.occurrences,
    () => randomUUID(),
  );
}

async function countQueued(db: Db): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM prompt_deliveries WHERE mail_wanted AND mailed_at IS NULL`.execute(db);
  return result.rows[0]?.n ?? 0;
}
