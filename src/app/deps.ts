import path from 'node:path';
import type { Config } from '../platform/config.ts';
import { randomIds, systemClock } from '../platform/clock.ts';
import { createDb } from '../platform/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../platform/db/embedded.ts';
import type { Deps } from '../platform/deps.ts';
import { createEventBus } from '../platform/events/events.ts';
import { createJobs } from '../platform/jobs/jobs.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { createMailer } from '../platform/mail/mailer.ts';
import { createRateLimiter } from '../platform/auth/rate-limit.ts';
import { createFileStore } from '../platform/files/file-store.ts';
import { createAppI18n } from './messages.ts';
import { subscribeAll } from './events.ts';

export interface Runtime {
  deps: Deps;
  /** The database actually used: DATABASE_URL, or the embedded cluster this process started. */
  databaseUrl: string;
  close(): Promise<void>;
}

/** Builds every dependency from config: the only place that knows how they are made. */
export async function createDeps(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<Runtime> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    logger.info({ dir: path.join(config.dataDir, 'postgres') }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dir: path.join(config.dataDir, 'postgres'),
      port: config.embeddedPgPort,
      database: 'leerkring',
      onLog: (message) => logger.debug({ postgres: message.trim() }, 'embedded postgres'),
    });
    databaseUrl = embedded.url;
  }
  const { db } = createDb(databaseUrl, config.databasePoolSize);
  const events = createEventBus(logger, () => systemClock.now());
  const deps: Deps = {
    config,
    db,
    logger,
    clock: systemClock,
    ids: randomIds,
    i18n: createAppI18n(),
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dir: path.join(config.dataDir, 'mail') }),
    jobs: createJobs(databaseUrl, logger),
    events,
    rateLimiter: createRateLimiter(db),
    files: createFileStore(config),
  };
  subscribeAll(deps);
  return {
    deps,
    databaseUrl,
    async close() {
      await deps.jobs.stop();
      deps.mailer.close();
      await db.destroy();
      await embedded?.stop();
    },
  };
}
