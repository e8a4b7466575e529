import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { createDb, type Db } from './database.ts';
import { migrateDown, migrateUp, readMigrations } from './migrate.ts';
import { testDatabaseUrl } from '../../../test/harness.ts';

/** Applies every migration to an empty database, rolls all back, and applies them again. */
describe('migrations', () => {
  let db: Db;
  let url: string;
  const name = `leerkring_migrations_${process.pid}`;
  before(async () => {
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const target = new URL(testDatabaseUrl());
    target.pathname = `/${name}`;
    url = target.toString();
    db = createDb(url, 1).db;
  });
  after(async () => {
    await db.destroy();
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  const tables = async () =>
    (await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`.execute(db)).rows.map((r) => r.table_name);

  it('apply, roll back and re-apply cleanly', async () => {
    const all = (await readMigrations()).map((m) => m.name);
    assert.deepEqual(await migrateUp(db), all);
    assert.deepEqual(await migrateUp(db), [], 'a second run applies nothing');
    assert.ok((await tables()).includes('communities'));
    assert.deepEqual(await migrateDown(db, Infinity), [...all].reverse());
    assert.deepEqual(await tables(), []);
    assert.deepEqual(await migrateUp(db), all);
  });
});
