import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import { K } from './privacy.ts';
import { SEARCH_MISS_METRIC } from './signals.models.ts';
import type { WeeklyRow } from './signals.figures.ts';

/** The stored weekly figures of one community for some weeks (search misses apart). */
export async function listWeeklyRows(db: DbOrTx, communityId: string, weeks: readonly string[]): Promise<WeeklyRow[]> {
  if (weeks.length === 0) return [];
  const { rows } = await sql<WeeklyRow>`
    SELECT week_start::text AS "weekStart", metric, subject, value, people FROM signal_weekly
    WHERE community_id = ${communityId} AND week_start = ANY(${weeks}::date[]) AND metric <> ${SEARCH_MISS_METRIC}`.execute(db);
  return rows;
}

/** Median hours from asking to the first answer, over the answered questions asked in the weeks. */
export async function medianHoursToFirstAnswer(db: DbOrTx, communityId: string, from: string, to: string): Promise<number | null> {
  const { rows } = await sql<{ median: number | null }>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_answer_at - asked_at) / 3600)::float8 AS median
    FROM signal_questions WHERE community_id = ${communityId} AND week_start BETWEEN ${from}::date AND ${to}::date AND first_answer_at IS NOT NULL`.execute(db);
  return rows[0]?.median ?? null;
}

/**
 * Searches that found nothing, counted per query text over the weeks. Texts searched fewer than K
 * times never leave the database (a rare search may name someone).
 */
export async function listSearchMisses(db: DbOrTx, communityId: string, from: string, to: string, limit: number): Promise<{ query: string; count: number }[]> {
  const { rows } = await sql<{ query: string; count: number }>`
    SELECT subject AS query, sum(value)::int AS count FROM signal_weekly
    WHERE community_id = ${communityId} AND metric = ${SEARCH_MISS_METRIC} AND week_start BETWEEN ${from}::date AND ${to}::date
    GROUP BY subject HAVING sum(value) >= ${K} ORDER BY count DESC, query LIMIT ${limit}`.execute(db);
  return rows;
}
