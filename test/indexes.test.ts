/**
 * Indexes that rules and hot paths depend on (migrations/0005_indexes): every foreign key is
 * indexed, the organisation member list is read in index order, and an address has at most one
 * open invitation per organisation, also when two administrators invite it at the same moment.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { insertInvitation } from '../src/accounts/invitations/invitations.repository.ts';
import { inviteMember } from '../src/accounts/invitations/invitations.usecases.ts';
import { listMembers } from '../src/organisations/members/members.repository.ts';
import { hashToken } from '../src/platform/auth/tokens.ts';
import { createDb } from '../src/platform/db/database.ts';
import { MIGRATIONS_DIR, migrateDown, migrateUp } from '../src/platform/db/migrate.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { actorOf, createCapturingMailer, createTestDeps, createTestOrganisation, createTestUser, testDatabaseUrl, type TestDeps } from './harness.ts';


describe('indexes', () => {
  let deps: TestDeps;
  before(async () => {
    deps = await createTestDeps({ mailer: createCapturingMailer() });
  });
  after(() => deps.close());

  it('has an index starting with the columns of every foreign key (deleting a user must not scan tables)', async () => {
    const { rows } = await sql<{ constraint_name: string }>`
      SELECT c.conname AS constraint_name
      FROM pg_constraint c
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND NOT EXISTS (
          SELECT 1 FROM pg_index i
          WHERE i.indrelid = c.conrelid
            AND i.indpred IS NULL
            AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey
        )
      ORDER BY 1`.execute(deps.db);
    assert.deepEqual(rows.map((r) => r.constraint_name), []);
  });

  it('reads the organisation member list in index order, without sorting', async () => {
    const org = await createTestOrganisation(deps);
    for (const name of ['bea', 'Aad', 'Cor']) await createTestUser(deps, org.id, { name });
    const statements: { sql: string; parameters: readonly unknown[] }[] = [];
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    const recording = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => void statements.push(e.query) });
    try {
      assert.deepEqual((await listMembers(recording, org.id, { limit: 20, offset: 0 })).map((m) => m.name), ['Aad', 'bea', 'Cor']);
      const client = await pool.connect();
      try {
        // In a small test database a scan and a sort may be cheaper; the point is that the index
        // can deliver this order. With sorting discouraged, a plan that still sorts has no index for it.
        await client.query('BEGIN');
        for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) await client.query(`SET LOCAL ${setting} = off`);
        const plan = (await client.query(`EXPLAIN (COSTS OFF) ${statements[0]!.sql}`, [...statements[0]!.parameters])).rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
        await client.query('ROLLBACK');
        assert.match(plan, /users_organisation_lower_name_idx/, plan);
        assert.doesNotMatch(plan, /Sort/, plan);
      } finally {
        client.release();
      }
    } finally {
      await recording.destroy();
    }
  });

  it('keeps one open invitation when two administrators invite the same address at the same moment', async () => {
    const org = await createTestOrganisation(deps);
    const admins = await Promise.all([1, 2, 3, 4].map(() => createTestUser(deps, org.id, { role: 'admin' })));
    const email = `tegelijk-${randomUUID().slice(0, 8)}@example.test`;
    const results = await Promise.allSettled(admins.map((admin) => inviteMember(deps, actorOf(admin), org.id, { email, role: 'member' })));
    assert.deepEqual(results.filter((r) => r.status === 'rejected').map((r) => String(r.reason)), [], 'every sender is answered as for a re-invite');
    const open = await deps.db.selectFrom('invitations').select('id').where('organisation_id', '=', org.id).where('email', '=', email).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
    assert.equal(open.length, 1);
  });

  it('replaces an invitation that commits while a second one is being sent', async () => {
    const org = await createTestOrganisation(deps);
    const admin = await createTestUser(deps, org.id, { role: 'admin' });
    const email = `race-${randomUUID().slice(0, 8)}@example.test`;
    const openInvitations = () =>
      deps.db.selectFrom('invitations').select('id').where('organisation_id', '=', org.id).where('email', '=', email).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstId = '';
    // The first invitation: inserted, not yet committed, while the second is sent.
    const first = deps.db.transaction().execute(async (tx) => {
      const now = new Date();
      firstId = (await insertInvitation(tx, { id: randomUUID(), organisationId: org.id, email, role: 'member', locale: 'nl', invitedBy: admin.id, tokenHash: hashToken(randomUUID()), now, expiresAt: new Date(now.getTime() + 86_400_000) })).id;
      await held;
    });
    while (!firstId) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = inviteMember(deps, actorOf(admin), org.id, { email, role: 'member' });
    // Wait until the second insert waits for the first transaction (the unique index); give up after 5 s.
    for (let waited = 0; waited < 5000; waited += 20) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'insert into "invitations"%'`.execute(deps.db);
      if (rows[0]!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await first;
    const view = await second;
    assert.deepEqual((await openInvitations()).map((r) => r.id), [view.id], 'the newest link works, the first is revoked');
    assert.notEqual(view.id, firstId);
  });
});

describe('migration 0005: one open invitation per address', () => {
  const name = `leerkring_indexes_${process.pid}`;
  let db: Awaited<ReturnType<typeof createDb>>['db'];
  let before0005: string;
  let through0005: string;
  const admin = () => new pg.Client({ connectionString: testDatabaseUrl() });

  before(async () => {
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const target = new URL(testDatabaseUrl());
    target.pathname = `/${name}`;
    db = createDb(target.toString(), 1).db;
    before0005 = await fs.mkdtemp(path.join(os.tmpdir(), 'leerkring-migrations-'));
    through0005 = await fs.mkdtemp(path.join(os.tmpdir(), 'leerkring-migrations-'));
    for (const file of await fs.readdir(MIGRATIONS_DIR)) {
      if (file < '0005') await fs.copyFile(path.join(MIGRATIONS_DIR, file), path.join(before0005, file));
      if (file < '0006') await fs.copyFile(path.join(MIGRATIONS_DIR, file), path.join(through0005, file));
    }
  });
  after(async () => {
    await db.destroy();
    await fs.rm(before0005, { recursive: true, force: true });
    await fs.rm(through0005, { recursive: true, force: true });
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });

  it('revokes older duplicates of an open invitation, keeps the newest, then builds the index', async () => {
    await migrateUp(db, before0005);
    const orgId = randomUUID();
    await db.insertInto('organisations').values({ id: orgId, slug: `dubbel-${orgId.slice(0, 8)}`, name: 'Gemeente Dubbel', kind: 'municipality' }).execute();
    const invite = (email: string, createdAt: string, accepted = false) =>
      db
        .insertInto('invitations')
        .values({ id: randomUUID(), organisation_id: orgId, email, role: 'member', token_hash: hashToken(randomUUID()), created_at: new Date(createdAt), expires_at: new Date('2030-01-01'), accepted_at: accepted ? new Date(createdAt) : null })
        .returning('id')
        .executeTakeFirstOrThrow();
    const older = await invite('dubbel@example.test', '2026-01-01T10:00:00Z');
    const newest = await invite('DUBBEL@example.test', '2026-01-02T10:00:00Z');
    const accepted = await invite('dubbel@example.test', '2025-12-01T10:00:00Z', true);
    const single = await invite('enkel@example.test', '2026-01-01T10:00:00Z');

    assert.deepEqual(await migrateUp(db, through0005), ['0005_indexes']);
    const open = await db.selectFrom('invitations').select('id').where('accepted_at', 'is', null).where('revoked_at', 'is', null).orderBy('email').execute();
    assert.deepEqual(open.map((r) => r.id).sort(), [newest.id, single.id].sort());
    const untouched = await db.selectFrom('invitations').select(['id', 'revoked_at']).where('id', 'in', [accepted.id, older.id]).execute();
    assert.equal(untouched.find((r) => r.id === accepted.id)?.revoked_at, null, 'an accepted invitation is history, not a duplicate');
    assert.notEqual(untouched.find((r) => r.id === older.id)?.revoked_at, null);
    await assert.rejects(invite('Dubbel@example.test', '2026-01-03T10:00:00Z'), { code: '23505', constraint: 'invitations_open_email_key' });

    assert.deepEqual(await migrateDown(db, 1, through0005), ['0005_indexes']);
    await invite('dubbel@example.test', '2026-01-03T10:00:00Z');
  });
});
