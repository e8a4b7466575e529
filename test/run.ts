/**
 * The test command. Starts a throw-away embedded PostgreSQL (or uses TEST_DATABASE_URL), applies
 * the migrations once, then runs every colocated *.test.ts with Node's test runner, and the
 * browser tests in test/e2e (Chromium from /usr/bin/chromium; never downloaded).
 *   npm test                 everything
 *   npm test -- --unit       without the browser tests
 *   npm test -- --e2e        only the browser tests
 *   npm test -- src/accounts only files under that path
 */
import { spawn } from 'node:child_process';
import { globSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { createDb } from '../src/platform/db/database.ts';
import { migrateUp } from '../src/platform/db/migrate.ts';

const args = process.argv.slice(2);
const onlyE2e = args.includes('--e2e');
const onlyUnit = args.includes('--unit');
const filters = args.filter((a) => !a.startsWith('--'));
const root = path.resolve(import.meta.dirname, '..');

const unitFiles = onlyE2e ? [] : globSync('src/**/*.test.{ts,tsx}', { cwd: root }).concat(globSync('test/*.test.{ts,tsx}', { cwd: root }));
const e2eFiles = onlyUnit ? [] : globSync('test/e2e/**/*.test.{ts,tsx}', { cwd: root });
const files = [...unitFiles, ...e2eFiles].filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();

let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
let url = process.env.TEST_DATABASE_URL;
if (!url) {
  embedded = await startEmbeddedPostgres({ dir: path.join(root, `data/test-postgres-${process.pid}`), port: 54330 + (process.pid % 500), database: 'postgres', persistent: false });
  url = embedded.url.replace(/\/postgres$/, '/leerkring_test');
}
await recreateDatabase(url);
const { db } = createDb(url, 2);
await migrateUp(db);
await db.destroy();

const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', TEST_DATABASE_URL: url, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  });
  child.on('exit', (c) => resolve(c ?? 1));
});
await embedded?.stop();
process.exit(code);

async function recreateDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = target.pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  await client.end();
}
