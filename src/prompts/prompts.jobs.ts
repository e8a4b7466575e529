import type { Deps } from '../platform/deps.ts';
import type { JobDefinition } from '../platform/jobs/jobs.ts';
import { runPromptScheduler } from './delivery.ts';
import { databaseNow } from './delivery.repository.ts';

export const PROMPT_SCHEDULER_JOB = 'prompts.scheduler';

/**
 * Every minute, on the database clock: due occurrences go out, held ones are released, reminders
 * and mails are sent. pg-boss runs a scheduled job once per minute across all instances; a prompt
 * sent "now" also queues a run at once. Several runs at the same time are safe (see delivery.ts).
 */
export const promptScheduler = (deps: Pick<Deps, 'db' | 'events' | 'mailer' | 'i18n' | 'config' | 'logger'>): JobDefinition => ({
  name: PROMPT_SCHEDULER_JOB,
  schedule: '* * * * *',
  retryLimit: 2,
  handle: async () => {
    const run = await runPromptScheduler(deps, await databaseNow(deps.db));
    if (run.occurrences.length > 0 || run.released > 0) deps.logger.info({ occurrences: run.occurrences.length, released: run.released, mailed: run.mailed, reminded: run.reminded }, 'prompts delivered');
  },
});
