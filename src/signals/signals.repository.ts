import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import { K } from './privacy.ts';
import { SEARCH_MISS_METRIC } from './signals.models.ts';
import type { WeeklyRow } from './signals.figures.ts';

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

// --- Several communities at once (the organisation and chain views) ----------------------------

export interface ScopeCommunity {
  id: string;
  slug: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

/**
 * The communities an organisation view or chain view covers, by name. Never secret ones (their
 * signals are for their facilitators only). Organisation: the ones it owns. Chain: the ones shared
 * between organisations (with at least one partner) that it owns or is a partner in; every one of
 * them is visible to the organisation's users by the visibility rule (open, or closed and eligible).
 */
export async function listScopeCommunities(db: DbOrTx, scope: 'organisation' | 'chain', organisationId: string): Promise<ScopeCommunity[]> {
  const where = scope === 'organisation'
    ? sql`c.organisation_id = ${organisationId}`
    : sql`(c.id IN (SELECT p.community_id FROM community_partners p WHERE p.organisation_id = ${organisationId})
        OR (c.organisation_id = ${organisationId} AND EXISTS (SELECT 1 FROM community_partners p WHERE p.community_id = c.id)))`;
  const { rows } = await sql<ScopeCommunity>`
    SELECT c.id, c.slug, c.name, c.organisation_id AS "organisationId", o.name AS "organisationName"
    FROM communities c JOIN organisations o ON o.id = c.organisation_id
    WHERE c.visibility <> 'secret' AND ${where}
    ORDER BY lower(c.name), c.id`.execute(db);
  return rows;
}

/** The stored weekly figures of some communities for some weeks (search misses apart), in one query. */
export async function listWeeklyRowsFor(db: DbOrTx, communityIds: readonly string[], weeks: readonly string[]): Promise<(WeeklyRow & { communityId: string })[]> {
  if (weeks.length === 0 || communityIds.length === 0) return [];
  const { rows } = await sql<WeeklyRow & { communityId: string }>`
    SELECT community_id AS "communityId", week_start::text AS "weekStart", metric, subject, value, people FROM signal_weekly
    WHERE community_id = ANY(${communityIds}::uuid[]) AND week_start = ANY(${weeks}::date[]) AND metric <> ${SEARCH_MISS_METRIC}`.execute(db);
  return rows;
}

/** medianHoursToFirstAnswer over the answered questions of several communities. */
export async function medianHoursToFirstAnswerIn(db: DbOrTx, communityIds: readonly string[], from: string, to: string): Promise<number | null> {
  if (communityIds.length === 0) return null;
  const { rows } = await sql<{ median: number | null }>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_answer_at - asked_at) / 3600)::float8 AS median
    FROM signal_questions WHERE community_id = ANY(${communityIds}::uuid[]) AND week_start BETWEEN ${from}::date AND ${to}::date AND first_answer_at IS NOT NULL`.execute(db);
  return rows[0]?.median ?? null;
}

/**
 * Searches that found nothing over several communities: per query text the sum of the counts that
 * each community shows on its own (at least K there), so the total is made of shown figures only.
 */
export async function listSearchMissesIn(db: DbOrTx, communityIds: readonly string[], from: string, to: string, limit: number): Promise<{ query: string; count: number }[]> {
  if (communityIds.length === 0) return [];
  const { rows } = await sql<{ query: string; count: number }>`
    SELECT query, sum(count)::int AS count FROM (
      SELECT community_id, subject AS query, sum(value) AS count FROM signal_weekly
      WHERE community_id = ANY(${communityIds}::uuid[]) AND metric = ${SEARCH_MISS_METRIC} AND week_start BETWEEN ${from}::date AND ${to}::date
      GROUP BY community_id, subject HAVING sum(value) >= ${K}
    ) shown GROUP BY query ORDER BY count DESC, query LIMIT ${limit}`.execute(db);
  return rows;
}

export async function findOrganisationName(db: DbOrTx, organisationId: string): Promise<string> {
  return (await db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow()).name;
}

/** When the rollup last wrote ('never' before its first run): the figure cache's generation. */
export async function rollupStamp(db: DbOrTx): Promise<string> {
  const row = await db.selectFrom('signal_rollup_state').select('last_run_at').where('id', '=', 1).executeTakeFirst();
  return row ? row.last_run_at.toISOString() : 'never';
}
