import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { PromptAudience } from '../platform/db/schema.ts';

/**
 * Who a prompt is for: the community's active members with an active account, narrowed by the
 * sender's filters, never the sender. One SQL fragment for both the count the sender sees before
 * sending and the delivery itself, so the two cannot disagree.
 *
 * - organisationIds: members of these organisations
 * - jobTitle: job title contains this text (case-insensitive)
 * - expertiseTag: has this expertise tag (case-insensitive)
 * - joinedWithinDays: joined the community in the last N days
 * - inactiveForDays: not signed in to Leerkring for N days ("no activity")
 */
export function audienceSql(communityId: string, audience: PromptAudience, now: Date, excludeUserId: string | null): RawBuilder<unknown> {
  const filters = [sql`m.community_id = ${communityId}::uuid`, sql`m.status = 'active'`, sql`u.status = 'active'`];
  if (excludeUserId) filters.push(sql`u.id <> ${excludeUserId}::uuid`);
  if (audience.organisationIds && audience.organisationIds.length > 0) filters.push(sql`u.organisation_id = ANY(${audience.organisationIds}::uuid[])`);
  if (audience.jobTitle) filters.push(sql`u.job_title ILIKE ${`%${audience.jobTitle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (audience.expertiseTag) filters.push(sql`EXISTS (SELECT 1 FROM unnest(u.expertise) e WHERE lower(e) = lower(${audience.expertiseTag}))`);
  if (audience.joinedWithinDays) filters.push(sql`coalesce(m.decided_at, m.created_at) >= ${now}::timestamptz - make_interval(days => ${audience.joinedWithinDays}::int)`);
  if (audience.inactiveForDays) {
    filters.push(sql`NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id AND s.last_seen_at >= ${now}::timestamptz - make_interval(days => ${audience.inactiveForDays}::int))`);
  }
  return sql`SELECT u.id AS user_id, u.organisation_id, u.prompt_email, u.prompts_snoozed_until
    FROM community_members m JOIN users u ON u.id = m.user_id
    WHERE ${sql.join(filters, sql` AND `)}`;
}

/** How many people a prompt with these filters reaches now: a count, never names. */
export async function countAudience(db: DbOrTx, communityId: string, audience: PromptAudience, now: Date, excludeUserId: string | null): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${audienceSql(communityId, audience, now, excludeUserId)}) a`.execute(db);
  return row.rows[0]?.n ?? 0;
}
