import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../platform/logger.ts';

/**
 * WEB_WORKERS > 1: the main process keeps the database (the embedded cluster, migrations, the
 * demo seed) and the job worker, and forks that many processes that only serve HTTP on the
 * shared port (node:cluster hands out connections round robin). A worker that dies is replaced.
 */

export const isWebWorker = () => cluster.isWorker;

export function forkWebWorkers(count: number, databaseUrl: string, logger: Logger): { stop(): Promise<void> } {
  let isStopping = false;
  // Workers use the database the main process prepared, and never run jobs or seed.
  const env = { DATABASE_URL: databaseUrl, PROCESS_MODE: 'web', SEED_DEMO: 'false' };
  const fork = () => cluster.fork(env);
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    // A worker that shut down cleanly (Ctrl+C reaches every process of the group) is not replaced.
    if (isStopping || code === 0) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'web worker exited; starting another');
    fork();
  });
  return {
    async stop() {
      isStopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once('exit', () => resolve());
              worker.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
