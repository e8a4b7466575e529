import type { Deps } from '../platform/deps.ts';
import type { JobDefinition } from '../platform/jobs/jobs.ts';
import { rollupSignals } from './rollup.ts';
import { databaseNow } from './rollup.repository.ts';

export const SIGNALS_ROLLUP_JOB = 'signals.rollup';

/** Hourly, on the database clock: the weekly figures the signal pages read (see rollup.ts). */
export const signalsRollup = (deps: Pick<Deps, 'db' | 'logger'>): JobDefinition => ({
  name: SIGNALS_ROLLUP_JOB,
  schedule: '23 * * * *',
  retryLimit: 2,
  handle: async () => {
    const run = await rollupSignals(deps, await databaseNow(deps.db));
    if (run.isBackfill) deps.logger.info({ weeks: run.weeks.length }, 'signals backfilled');
  },
});
