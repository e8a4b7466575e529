import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { CommunityRole, MembershipStatus } from '../../platform/db/schema.ts';
import { pageWindow, type Paging } from '../../platform/paging.ts';
import { likePattern } from '../../platform/text.ts';
import { manageableCommunitySql } from '../communities.policies.ts';

/**
 * SQL for community_members. People's names, job titles and organisation names come from
 * read-only joins on users and organisations, for display only (those tables belong to
 * src/accounts and src/organisations).
 *
 * Columns, by status: `created_at` is when the row entered its current status (asked, invited,
 * or joined), so "recent members" and the list index agree. For an invitation `decided_by` is
 * the inviter until the invitee answers; for a request it is the facilitator who decided.
 *
 * A deactivated user keeps their rows, so reactivation gives their communities back. Until then
 * every list here leaves them out (a join on users with status 'active', before any LIMIT),
 * every count (hasActiveAccountSql), and the last-facilitator rule: a deactivated facilitator
 * runs nothing.
 */

/**
 * SQL: the person of the membership row `alias` has an active account. Written as "has no
 * inactive account" so that counts probe the small partial index users_not_active_idx
 * (migrations/0005) instead of fetching every member's users row.
 */
export const hasActiveAccountSql = (alias: string) =>
  sql<SqlBool>`NOT EXISTS (SELECT 1 FROM users inactive WHERE inactive.id = ${sql.ref(`${alias}.user_id`)} AND inactive.status <> 'active')`;

export async function findMembership(db: DbOrTx, communityId: string, userId: string, options: { activeAccountOnly?: boolean } = {}) {
  let query = db
    .selectFrom('community_members as m')
    .select(['m.user_id', 'm.status', 'm.role'])
    .where('m.community_id', '=', communityId)
    .where('m.user_id', '=', userId);
  if (options.activeAccountOnly) query = query.where(hasActiveAccountSql('m'));
  return query.executeTakeFirst();
}

export async function insertMembership(
  db: DbOrTx,
  row: { communityId: string; userId: string; role: CommunityRole; status: MembershipStatus; message?: string; now: Date; decidedBy?: string | null },
): Promise<void> {
  await db
    .insertInto('community_members')
    .values({
      community_id: row.communityId,
      user_id: row.userId,
      role: row.role,
      status: row.status,
      message: row.message ?? '',
      created_at: row.now,
      decided_at: row.status === 'active' ? row.now : null,
      decided_by: row.decidedBy ?? null,
    })
    .execute();
}

/**
 * A request approved or an invitation accepted: the row becomes an active membership. False
 * when there is no such row, or its person has been deactivated (their request waits, unseen).
 */
export async function activateMembership(db: DbOrTx, communityId: string, userId: string, from: MembershipStatus, decidedBy: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('community_members')
    .set({ status: 'active', created_at: now, decided_at: now, decided_by: decidedBy })
    .where('community_id', '=', communityId)
    .where('user_id', '=', userId)
    .where('status', '=', from)
    .where(({ exists, selectFrom }) => exists(selectFrom('users as u').select('u.id').whereRef('u.id', '=', 'community_members.user_id').where('u.status', '=', 'active')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteMembership(db: DbOrTx, communityId: string, userId: string, status: MembershipStatus): Promise<boolean> {
  const result = await db
    .deleteFrom('community_members')
    .where('community_id', '=', communityId)
    .where('user_id', '=', userId)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function setMemberRole(db: DbOrTx, communityId: string, userId: string, role: CommunityRole): Promise<void> {
  await db.updateTable('community_members').set({ role }).where('community_id', '=', communityId).where('user_id', '=', userId).execute();
}

/** Facilitators who can still run the community: a deactivated one cannot, so they do not count. */
export async function countActiveFacilitators(db: DbOrTx, communityId: string): Promise<number> {
  const row = await db
    .selectFrom('community_members as m')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('m.community_id', '=', communityId)
    .where('m.status', '=', 'active')
    .where('m.role', '=', 'facilitator')
    .where(hasActiveAccountSql('m'))
    .executeTakeFirst();
  return row?.count ?? 0;
}

export interface MemberRow {
  userId: string;
  name: string;
  jobTitle: string;
  organisationId: string;
  organisationName: string;
  role: CommunityRole;
  joinedAt: Date;
}

/** Active members, facilitators first, then by name; `q` searches (part of) the name. */
export async function listMembers(db: DbOrTx, communityId: string, options: Paging & { q: string }): Promise<MemberRow[]> {
  let query = db
    .selectFrom('community_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id as userId', 'u.name', 'u.job_title as jobTitle', 'o.id as organisationId', 'o.name as organisationName', 'm.role', 'm.created_at as joinedAt'])
    .where('m.community_id', '=', communityId)
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active');
  if (options.q) query = query.where(sql<boolean>`lower(u.name) LIKE ${likePattern(options.q.toLowerCase())}`);
  return query
    .orderBy(sql`m.role = 'facilitator'`, 'desc')
    .orderBy(sql`lower(u.name)`)
    .orderBy('u.id')
    .limit(pageWindow(options).limit)
    .offset(pageWindow(options).offset)
    .execute();
}

export interface PendingRow {
  userId: string;
  name: string;
  jobTitle: string;
  organisationName: string;
  status: MembershipStatus;
  message: string;
  createdAt: Date;
}

/** Requests to decide on and invitations not yet answered, oldest first: first come, first served. */
export async function listPending(db: DbOrTx, communityId: string, paging: Paging): Promise<PendingRow[]> {
  return db
    .selectFrom('community_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id as userId', 'u.name', 'u.job_title as jobTitle', 'o.name as organisationName', 'm.status', 'm.message', 'm.created_at as createdAt'])
    .where('m.community_id', '=', communityId)
    .where('m.status', 'in', ['requested', 'invited'])
    .where('u.status', '=', 'active')
    .orderBy(sql`m.status = 'requested'`, 'desc')
    .orderBy('m.created_at')
    .orderBy('u.id')
    .limit(pageWindow(paging).limit)
    .offset(pageWindow(paging).offset)
    .execute();
}

export interface MyCommunityRow {
  slug: string;
  name: string;
  purpose: string;
  role: CommunityRole;
}

/** The actor's own memberships for the start page; the full, paged list is /gemeenschappen?mijn=1. */
export async function listMyCommunities(db: DbOrTx, userId: string, limit: number): Promise<MyCommunityRow[]> {
  return db
    .selectFrom('community_members as m')
    .innerJoin('communities as c', 'c.id', 'm.community_id')
    .select(['c.slug', 'c.name', 'c.purpose', 'm.role'])
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .orderBy(sql`lower(c.name)`)
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

export interface InvitationRow {
  slug: string;
  name: string;
  purpose: string;
  invitedBy: string | null;
  invitedAt: Date;
}

/** Invitations the actor has not answered yet; an invitation makes even a secret community visible. */
export async function listMyInvitations(db: DbOrTx, userId: string, limit: number): Promise<InvitationRow[]> {
  return db
    .selectFrom('community_members as m')
    .innerJoin('communities as c', 'c.id', 'm.community_id')
    .leftJoin('users as inviter', 'inviter.id', 'm.decided_by')
    .select(['c.slug', 'c.name', 'c.purpose', 'inviter.name as invitedBy', 'm.created_at as invitedAt'])
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'invited')
    .orderBy('m.created_at', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

export interface WaitingRequestRow {
  slug: string;
  communityName: string;
  userId: string;
  name: string;
  organisationName: string;
  requestedAt: Date;
}

/**
 * Requests in every community the actor manages. The rule is manageableCommunitySql; the
 * candidate list before it (communities I facilitate, and my organisation's when I am its
 * admin) only lets PostgreSQL start from indexes instead of every open request on the platform.
 */
export async function listRequestsWaitingFor(db: DbOrTx, actor: Actor, limit: number): Promise<WaitingRequestRow[]> {
  const candidates = sql<string>`(
    SELECT community_id FROM community_members WHERE user_id = ${actor.userId} AND status = 'active' AND role = 'facilitator'
    UNION SELECT id FROM communities WHERE organisation_id = ${actor.organisationId} AND ${sql.lit(actor.role === 'admin')}
  )`;
  return db
    .selectFrom('community_members as m')
    .innerJoin('communities as c', 'c.id', 'm.community_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['c.slug', 'c.name as communityName', 'u.id as userId', 'u.name', 'o.name as organisationName', 'm.created_at as requestedAt'])
    .where('m.status', '=', 'requested')
    .where('m.community_id', 'in', candidates)
    .where('u.status', '=', 'active')
    .where(manageableCommunitySql(actor))
    .orderBy('m.created_at')
    .orderBy('c.id')
    .orderBy('u.id')
    .limit(limit)
    .execute();
}

/** Which of these people are active members (with an active account): invitees to answer a question. */
export async function filterActiveMembers(db: DbOrTx, communityId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('community_members as m')
    .select('m.user_id')
    .where('m.community_id', '=', communityId)
    .where('m.user_id', 'in', [...userIds])
    .where('m.status', '=', 'active')
    .where(hasActiveAccountSql('m'))
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Active members mentioned in a text as "@Full Name" (any case), at most 20. The names are
 * matched by the database against the community's members, so no name list leaves it.
 */
export async function findMentionedMembers(db: DbOrTx, communityId: string, text: string): Promise<string[]> {
  if (!text.includes('@')) return [];
  const rows = await db
    .selectFrom('community_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.community_id', '=', communityId)
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active')
    .where(sql<boolean>`strpos(lower(${text}), '@' || lower(u.name)) > 0`)
    .limit(20)
    .execute();
  return rows.map((r) => r.id);
}
