import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../migrations');

interface Migration {
  name: string;
  up: string;
  down: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.up.sql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const name = file.replace(/\.up\.sql$/, '');
      return {
        name,
        up: await fs.readFile(path.join(dir, file), 'utf8'),
        down: await fs.readFile(path.join(dir, `${name}.down.sql`), 'utf8'),
      };
    }),
  );
}

// An advisory lock so that several instances starting at once apply each migration once.
const MIGRATION_LOCK = 4_242_001;

/** Applies every migration not yet applied, each in its own transaction. Returns their names. */
export async function migrateUp(db: Db, dir?: string): Promise<string[]> {
  const migrations = await readMigrations(dir);
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
      const applied = new Set((await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(conn)).rows.map((r) => r.name));
      const done: string[] = [];
      for (const migration of migrations.filter((m) => !applied.has(m.name))) {
        await conn.transaction().execute(async (trx) => {
          await sql.raw(migration.up).execute(trx);
          await sql`INSERT INTO schema_migrations (name) VALUES (${migration.name})`.execute(trx);
        });
        done.push(migration.name);
      }
      return done;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/** Rolls back the last `steps` applied migrations (all with Infinity). */
export async function migrateDown(db: Db, steps = 1, dir?: string): Promise<string[]> {
  const migrations = new Map((await readMigrations(dir)).map((m) => [m.name, m]));
  const applied = (await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name DESC`.execute(db)).rows;
  const undone: string[] = [];
  for (const { name } of applied.slice(0, steps)) {
    const migration = migrations.get(name);
    if (!migration) throw new Error(`Migration ${name} is applied but its files are missing`);
    await db.transaction().execute(async (trx) => {
      await sql.raw(migration.down).execute(trx);
      await sql`DELETE FROM schema_migrations WHERE name = ${name}`.execute(trx);
    });
    undone.push(name);
  }
  return undone;
}
