import type { Config } from './config.ts';
import type { Clock, Ids } from './clock.ts';
import type { Db } from './db/database.ts';
import type { EventBus } from './events/events.ts';
import type { I18n } from './i18n/i18n.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { Logger } from './logger.ts';
import type { Mailer } from './mail/mailer.ts';
import type { RateLimiter } from './auth/rate-limit.ts';
import type { FileStore } from './files/storage.ts';

/** Everything a use case may depend on. Built once in src/app/deps.ts; tests build their own. */
export interface Deps {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  ids: Ids;
  i18n: I18n;
  mailer: Mailer;
  jobs: Jobs;
  events: EventBus & { now: () => Date };
  rateLimiter: RateLimiter;
  /** Attachment bytes: DATA_DIR/files, or an S3 bucket. */
  files: FileStore;
}
