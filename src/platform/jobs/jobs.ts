import { PgBoss } from 'pg-boss';
import type { Logger } from '../logger.ts';

/**
 * A job is a typed definition plus a handler; every feature's jobs are listed in src/app/jobs.ts.
 * pg-boss keeps them durable, retried and scheduled exactly once across instances.
 */
export interface JobDefinition<T extends object = object> {
  name: string;
  /** Cron in Europe/Amsterdam for recurring jobs. */
  schedule?: string;
  retryLimit?: number;
  handle(data: T): Promise<void>;
}

export interface Jobs {
  send<T extends object>(name: string, data: T, options?: { singletonKey?: string; startAfter?: Date }): Promise<void>;
  start(definitions: JobDefinition[], options: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export function createJobs(connectionString: string, logger: Logger): Jobs {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'leerkring-jobs' });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  let isStarted = false;
  return {
    async send(name, data, options) {
      await boss.send(name, data, { singletonKey: options?.singletonKey, startAfter: options?.startAfter });
    },
    async start(definitions, { work }) {
      await boss.start();
      isStarted = true;
      for (const definition of definitions) {
        await boss.createQueue(definition.name, { retryLimit: definition.retryLimit ?? 5, retryBackoff: true });
        if (definition.schedule) await boss.schedule(definition.name, definition.schedule, {}, { tz: 'Europe/Amsterdam' });
        if (!work) continue;
        await boss.work<object>(definition.name, async (jobs) => {
          for (const job of jobs) await definition.handle(job.data);
        });
      }
    },
    async stop() {
      if (isStarted) await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
