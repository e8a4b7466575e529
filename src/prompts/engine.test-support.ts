import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { createDb } from '../platform/db/database.ts';
import { migrateUp } from '../platform/db/migrate.ts';
import type { Deps } from '../platform/deps.ts';
import type { PromptKind, PromptScheduleKind, PromptScheduleSpec } from '../platform/db/schema.ts';
import { testDatabaseUrl } from '../../test/harness.ts';
import { planOccurrences } from './prompts.models.ts';
import { insertPrompt } from './prompts.repository.ts';

/**
 * Support for the *.engine.test.ts files. The scheduler is global by design: one run delivers
 * every due occurrence and releases every held delivery in the database, whoever created them.
 * A test that drives it with an injected clock (years ahead, weeks apart) would deliver other
 * test files' prompts at the wrong moment, and theirs would deliver ours. So each engine test
 * file gets a database of its own, migrated, and dropped afterwards.
 */
export async function useOwnDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const shared = new URL(testDatabaseUrl());
  const name = `leerkring_engine_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new URL(shared);
  admin.pathname = '/postgres';
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const own = new URL(shared);
  own.pathname = `/${name}`;
  const url = own.toString();
  const { db } = createDb(url, 1);
  await migrateUp(db);
  await db.destroy();
  // createTestDeps reads it; every deps of this test file now talks to the database of its own.
  process.env.TEST_DATABASE_URL = url;
  return { url, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface TestPromptOptions {
  communityId: string;
  authorId: string;
  kind?: PromptKind;
  text?: string;
  scheduleKind?: PromptScheduleKind;
  schedule?: PromptScheduleSpec;
  responseWindowHours?: number;
  reminderAfterHours?: number | null;
  /** The moment the sender schedules it (and "now" for a prompt sent now). */
  now: Date;
}

/** Schedules a prompt as the compose use case would: planned occurrences, then the rows. */
export async function scheduleTestPrompt(deps: Pick<Deps, 'db'>, options: TestPromptOptions): Promise<{ promptId: string; occurrences: { id: string; number: number; scheduledFor: Date }[] }> {
  const scheduleKind = options.scheduleKind ?? 'now';
  const schedule = options.schedule ?? {};
  const planned = planOccurrences(scheduleKind, schedule, options.now);
  if (!('occurrences' in planned)) throw new Error(`schedule refused: ${JSON.stringify(planned.problem)}`);
  const promptId = randomUUID();
  await insertPrompt(
    deps.db,
    {
      id: promptId, communityId: options.communityId, authorId: options.authorId, kind: options.kind ?? 'reflection', text: options.text ?? 'Wat heb je deze week geleerd?',
      learningQuestionId: null, responseMode: 'text', visibility: 'facilitators', pollOptions: [], audience: {}, scheduleKind, schedule,
      responseWindowHours: options.responseWindowHours ?? 48, reminderAfterHours: options.reminderAfterHours ?? null, now: options.now,
    },
    planned.occurrences,
    () => randomUUID(),
  );
  const occurrences = await deps.db.selectFrom('prompt_occurrences').select(['id', 'number', 'scheduled_for']).where('prompt_id', '=', promptId).orderBy('number').execute();
  return { promptId, occurrences: occurrences.map((o) => ({ id: o.id, number: o.number, scheduledFor: o.scheduled_for })) };
}

/**
 * `count` active users of an organisation, members of a community, in two statements
 * (INSERT … SELECT generate_series), for tests and the benchmark that need hundreds or thousands.
 */
export async function insertBulkMembers(deps: Pick<Deps, 'db'>, options: { organisationId: string; communityId: string; count: number; tag: string; promptEmailEvery?: number; englishEvery?: number }): Promise<void> {
  const noMailEvery = options.promptEmailEvery ?? 0;
  const englishEvery = options.englishEvery ?? 0;
  await sql`
    INSERT INTO users (id, organisation_id, email, name, password_hash, role, is_platform_admin, status, locale, expertise, job_title, email_verified_at, prompt_email)
    SELECT gen_random_uuid(), ${options.organisationId}::uuid, ${options.tag} || '-' || i || '@example.test', 'Lid ' || i, 'x', 'member', false, 'active',
      CASE WHEN ${englishEvery}::int > 0 AND i % ${englishEvery}::int = 0 THEN 'en' ELSE 'nl' END, '{}', '', now(),
      NOT (${noMailEvery}::int > 0 AND i % ${noMailEvery}::int = 0)
    FROM generate_series(1, ${options.count}::int) AS i`.execute(deps.db);
  await sql`
    INSERT INTO community_members (community_id, user_id, role, status, message, decided_at)
    SELECT ${options.communityId}::uuid, u.id, 'member', 'active', '', now() FROM users u WHERE u.email LIKE ${`${options.tag}-%@example.test`}`.execute(deps.db);
}
