/**
 * `npm run bench -- --only digest`: how long building and sending the daily digest for 10,000
 * people takes (issue 7, target under 120 s), on the fresh database bench/run.ts prepared. No HTTP
 * server: it calls `sendDigests` as the digest job does.
 *
 *   1. an organisation, a community with 10,000 active members (digest daily, expertise
 *      "jeugdzorg", every tenth reads English), 20 open questions tagged "jeugdzorg" asked in the
 *      last day, and per member three digest-channel notifications about two of those questions
 *      (INSERT … SELECT generate_series);
 *   2. one digest run: per batch of 200 people the period is claimed, the notifications (titles
 *      through the visibility rule), waiting prompts and framework versions are read in one
 *      statement each, the answerable questions per person (listAnswerableQuestions), and each
 *      digest is rendered (JSX, both parts, the reader's language, signed unsubscribe link) and
 *      handed to a NO-OP mailer: the engine's own cost, without SMTP;
 *   3. a second run at the same moment, which must find nothing to do; a table on stdout and
 *      JSON in bench/results/<time>-digest.json.
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
import { createLogger } from '../src/platform/logger.ts';
import type { Mailer } from '../src/platform/mail/mailer.ts';
import { sendDigests } from '../src/notifications/mail/digest.ts';

export const DIGEST_SCENARIO = 'digest';
const PEOPLE = 10_000;
const QUESTIONS = 20;
const TARGET_MS = 120_000;

export async function runDigestBench(databaseUrl: string, options: { resultsDir: string; dataDir: string }): Promise<number> {
  const startedAt = new Date();
  const { db } = createDb(databaseUrl, 4);
  try {
    await migrateUp(db);
    const now = new Date();
    let started = performance.now();
    await createDataset(db, now);
    const setupMs = performance.now() - started;
    console.log(`${PEOPLE} people, ${QUESTIONS} open questions and ${PEOPLE * 3} digest notifications created in ${Math.round(setupMs)} ms`);

    let mailed = 0;
    let bytes = 0;
    const noop: Mailer = { send: async (m) => void ((mailed += 1), (bytes += m.html.length + m.text.length)), close: () => undefined };
    const logger = createLogger('warn');
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, { dataDir: options.dataDir, filesDir: path.join(options.dataDir, 'files') });
    const deps = { db, mailer: noop, i18n: createAppI18n(), config, logger };

    started = performance.now();
    const run = await sendDigests(deps, now);
    const runMs = performance.now() - started;
    if (run.sent !== PEOPLE || mailed !== PEOPLE) throw new Error(`expected ${PEOPLE} digests, sent ${run.sent} (${JSON.stringify(run)})`);
    started = performance.now();
    const again = await sendDigests(deps, now);
    const againMs = performance.now() - started;
    if (again.claimed !== 0) throw new Error(`a second run claimed ${again.claimed}`);

    console.log(`\nDaily digest for ${PEOPLE.toLocaleString('en')} people (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}; PostgreSQL on the same machine; no-op mailer)\n`);
    console.log('| run | digests | seconds | per 1,000 digests |');
    console.log('|---|---|---|---|');
    console.log(`| build and send (no-op mailer) | ${run.sent.toLocaleString('en')} | ${(runMs / 1000).toFixed(2)} | ${((runMs / run.sent) * 1000).toFixed(0)} ms |`);
    console.log(`| second run, nothing due | 0 | ${(againMs / 1000).toFixed(2)} | – |`);
    console.log(`\nAverage digest: ${Math.round(bytes / mailed / 1024)} kB (text + HTML). Target < ${TARGET_MS / 1000} s: ${runMs < TARGET_MS ? 'met' : 'MISSED'}`);

    await fs.mkdir(options.resultsDir, { recursive: true });
    const file = path.join(options.resultsDir, `${startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-digest.json`);
    await fs.writeFile(file, `${JSON.stringify({
      scenario: DIGEST_SCENARIO, startedAt: startedAt.toISOString(), node: process.versions.node, machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model },
      people: PEOPLE, mailer: 'no-op', setupMs: Math.round(setupMs), runMs: Math.round(runMs), secondRunMs: Math.round(againMs), run, targetMs: TARGET_MS, targetMet: runMs < TARGET_MS,
    }, null, 2)}\n`);
    console.log(`Results: ${path.relative(process.cwd(), file)}`);
    return runMs < TARGET_MS ? 0 : 1;
  } finally {
    await db.destroy();
    await fs.rm(options.dataDir, { recursive: true, force: true });
  }
}

export async function createDataset(db: Db, now: Date): Promise<void> {
  const organisationId = randomUUID();
  const communityId = randomUUID();
  const askerId = randomUUID();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  await sql`INSERT INTO organisations (id, slug, name, kind, email_domains, allow_self_signup)
    VALUES (${organisationId}::uuid, 'bench-overzicht', 'Gemeente Overzichtstad', 'municipality', '{bench-overzicht.test}', false)`.execute(db);
  await sql`INSERT INTO users (id, organisation_id, email, name, status, locale, email_verified_at, digest_frequency)
    VALUES (${askerId}::uuid, ${organisationId}::uuid, 'vrager@bench-overzicht.test', 'Vera Vrager', 'active', 'nl', now(), 'off')`.execute(db);
  await sql`INSERT INTO communities (id, slug, name, purpose, tags, visibility, organisation_id, created_by)
    VALUES (${communityId}::uuid, 'jeugd-overzicht', 'Jeugd en gezin', 'Samen leren over jeugdhulp', '{jeugdzorg}', 'secret', ${organisationId}::uuid, ${askerId}::uuid)`.execute(db);
  await sql`INSERT INTO users (id, organisation_id, email, name, status, locale, email_verified_at, expertise, digest_frequency)
    SELECT gen_random_uuid(), ${organisationId}::uuid, 'lid-' || i || '@bench-overzicht.test', 'Lid ' || i, 'active',
      CASE WHEN i % 10 = 3 THEN 'en' ELSE 'nl' END, now(), '{jeugdzorg}', 'daily'
    FROM generate_series(1, ${PEOPLE}::int) AS i`.execute(db);
  await sql`INSERT INTO community_members (community_id, user_id, role, status, decided_at)
    SELECT ${communityId}::uuid, id, 'member', 'active', now() FROM users WHERE organisation_id = ${organisationId}::uuid`.execute(db);
  await sql`INSERT INTO questions (id, community_id, author_id, kind, title, body, tags, created_at, last_activity_at)
    SELECT gen_random_uuid(), ${communityId}::uuid, ${askerId}::uuid, 'how', 'Hoe betrek ik school en huisarts bij gezin ' || i || '?', 'Toelichting', '{jeugdzorg}',
      ${hourAgo}::timestamptz + i * interval '1 second', ${hourAgo}::timestamptz
    FROM generate_series(1, ${QUESTIONS}::int) AS i`.execute(db);
  // Three per person: two answers on one followed question, a comment on another.
  await sql`WITH q AS (SELECT id, row_number() OVER (ORDER BY created_at) - 1 AS n FROM questions WHERE community_id = ${communityId}::uuid),
    m AS (SELECT user_id, row_number() OVER (ORDER BY user_id) AS i FROM community_members WHERE community_id = ${communityId}::uuid AND user_id <> ${askerId}::uuid)
    INSERT INTO notifications (id, user_id, kind, community_id, subject_kind, subject_id, actor_id, channel, created_at, event_id)
    SELECT gen_random_uuid(), m.user_id, k.kind, ${communityId}::uuid, 'question', q.id, ${askerId}::uuid, 'digest', ${hourAgo}::timestamptz + k.n * interval '1 minute', m.i * 10 + k.n
    FROM m CROSS JOIN (VALUES ('answer_posted_followed', 0, 0), ('answer_posted_followed', 1, 0), ('comment_posted', 2, 1)) AS k(kind, n, shift)
      JOIN q ON q.n = (m.i + k.shift) % ${QUESTIONS}`.execute(db);
  await sql`ANALYZE users, community_members, questions, notifications`.execute(db);
}
