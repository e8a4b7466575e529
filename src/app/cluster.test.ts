import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { testDatabaseUrl } from '../../test/harness.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** `npm start` with WEB_WORKERS=2, as a real process: two workers serve one port, and SIGTERM stops them all. */
describe('web workers', () => {
  it('serves from two worker processes on one port and shuts down cleanly', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: testDatabaseUrl(), WEB_WORKERS: '2', PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const listening: string[] = [];
    const lines = readline.createInterface({ input: child.stdout });
    const bothListening = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`workers did not start: ${listening.join(', ')}`)), 60_000);
      lines.on('line', (line) => {
        const match = line.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
        if (!match?.[1]) return;
        listening.push(match[1]);
        if (listening.length === 2) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    try {
      await bothListening;
      assert.equal(new Set(listening).size, 1, 'both workers share the one port');
      for (let i = 0; i < 6; i++) assert.equal((await fetch(`${listening[0]}/healthz`)).status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });
});
