import type { Deps } from '../platform/deps.ts';
import { addDays, weekStartOf } from '../platform/local-time.ts';
import * as rollup from './rollup.repository.ts';

/** On the first run the rollup fills this many weeks back (a year and a quarter, for "year" with its comparison). */
export const BACKFILL_WEEKS = 104;
const WEEK_MS = 7 * 86_400_000;

export interface RollupOptions {
  /** Recompute this many weeks back from the current one (a backfill); default: this week and the previous one. */
  weeks?: number;
}

export interface RollupRun {
  weeks: string[];
  isBackfill: boolean;
}

/**
 * Recomputes the weekly figures: all of them for the current and previous week (Monday,
 * Europe/Amsterdam), or on the first run (or when asked) a backfill of N weeks; and the question
 * cohort figures of older weeks whose questions got or lost an answer since the previous run. Set-based and idempotent: running it twice changes nothing;
 * two instances running at once queue on an advisory lock.
 *
 * Known limits: a week is final once it is more than a week old, except for its question cohorts
 * (answered later moves them) — a deleted story or a released held prompt in an old week is only
 * corrected by a backfill.
 */
export async function rollupSignals(deps: Pick<Deps, 'db'>, now: Date, options: RollupOptions = {}): Promise<RollupRun> {
  return deps.db.transaction().execute(async (tx) => {
    await rollup.lockRollup(tx);
    const lastRun = await rollup.lastRunAt(tx);
    const current = weekStartOf(now);
    // After an outage, every week since the last run is caught up too.
    const missed = lastRun ? Math.ceil((now.getTime() - lastRun.getTime()) / WEEK_MS) + 1 : BACKFILL_WEEKS;
    const count = options.weeks ?? Math.min(BACKFILL_WEEKS, Math.max(2, missed));
    const weeks = Array.from({ length: Math.max(1, count) }, (_, i) => addDays(current, -7 * i));
    const since = new Date(Math.min((lastRun ?? now).getTime(), now.getTime() - 2 * WEEK_MS));
    const changed = (await rollup.weeksWithAnswerChanges(tx, since)).filter((week) => !weeks.includes(week));
    const all = [...new Set([...weeks, ...changed])].sort();
    await rollup.rollupQuestions(tx, all);
    // Older weeks with answer changes: only their question cohorts move, their activity is final.
    await rollup.rollupWeekly(tx, weeks, changed);
    await rollup.recordRun(tx, now);
    return { weeks: all, isBackfill: !lastRun || options.weeks !== undefined };
  });
}
