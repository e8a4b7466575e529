import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { DigestFrequency, NotificationPreference } from '../platform/db/schema.ts';
import { pageWindow, type Paging } from '../platform/paging.ts';
import { userSeesCommunitySql } from '../communities/communities.policies.ts';

/**
 * SQL of the notification centre. A notification references what it is about; its title is read
 * here, live, through the visibility rules of the reader at read time: a notification about
 * something the reader can no longer see (a secret community they left, a deleted question) is
 * neither listed nor counted. Names of other features' tables are read-only joins for display.
 */

export interface GroupRow {
  kind: string;
  subjectKind: string;
  subjectId: string;
  /** The newest notification of the group: its id names the group in URLs. */
  latestId: string;
  latestAt: Date;
  latestData: Record<string, unknown>;
  total: number;
  unread: number;
  /** Question or story title, community name, …; null for the account. */
  title: string | null;
  /** The community's slug (framework, community and question subjects). */
  slug: string | null;
  /** The prompt's kind, for prompt occurrences. */
  label: string | null;
  /** Up to three people, newest first; people who may not be named are not in it. */
  actorNames: string[];
  actorCount: number;
}

/**
 * What the notification `n` of user `u` is about, if `u` may still see it: one row (title, slug,
 * label) or none. Every branch but the one for `n.subject_kind` is cut off by its first condition.
 */
function visibleSubjectSql(): RawBuilder<unknown> {
  const sees = userSeesCommunitySql('u', 'c');
  return sql`
    SELECT q.title, c.slug, NULL::text AS label FROM questions q JOIN communities c ON c.id = q.community_id
    WHERE n.subject_kind = 'question' AND q.id = n.subject_id AND q.deleted_at IS NULL AND (q.hidden_at IS NULL OR q.author_id = u.id) AND ${sees}
    UNION ALL
    SELECT p.title, NULL, NULL FROM practices p
    WHERE n.subject_kind = 'practice' AND p.id = n.subject_id AND p.deleted_at IS NULL AND (p.hidden_at IS NULL OR p.author_id = u.id)
      AND (EXISTS (SELECT 1 FROM communities c WHERE c.id = p.community_id AND ${sees})
        OR EXISTS (SELECT 1 FROM practice_shares ps JOIN communities c ON c.id = ps.community_id WHERE ps.practice_id = p.id AND ${sees}))
    UNION ALL
    SELECT c.name, c.slug, NULL FROM communities c WHERE n.subject_kind IN ('framework', 'community') AND c.id = n.subject_id AND ${sees}
    UNION ALL
    -- A story hidden by a moderator keeps its visit requests, but its title is its author's (the host's) only.
    SELECT CASE WHEN p.hidden_at IS NULL OR p.author_id = u.id THEN p.title END, NULL, NULL FROM visit_requests v JOIN practices p ON p.id = v.practice_id
    WHERE n.subject_kind = 'visit' AND v.id = n.subject_id AND u.id IN (v.requester_id, v.host_id) AND p.deleted_at IS NULL
    UNION ALL
    SELECT c.name, c.slug, pr.kind FROM prompt_occurrences o JOIN prompts pr ON pr.id = o.prompt_id JOIN communities c ON c.id = pr.community_id
    WHERE n.subject_kind = 'prompt_occurrence' AND o.id = n.subject_id AND ${sees}
      AND EXISTS (SELECT 1 FROM prompt_deliveries d WHERE d.occurrence_id = o.id AND d.user_id = u.id AND d.status = 'delivered')
    UNION ALL
    SELECT NULL, NULL, NULL WHERE n.subject_kind = 'account' AND n.subject_id = u.id
    LIMIT 1`;
}

/** The user's notifications whose subject they may see, with `unreadOnly` through notifications_unread_idx. */
const visibleNotificationsSql = (userId: string, unreadOnly: boolean) => sql`
  SELECT n.id, n.kind, n.subject_kind, n.subject_id, n.actor_id, n.data, n.read_at, n.created_at, s.title, s.slug, s.label
  FROM notifications n JOIN users u ON u.id = n.user_id
  JOIN LATERAL (${visibleSubjectSql()}) s ON true
  WHERE n.user_id = ${userId}::uuid ${unreadOnly ? sql`AND n.read_at IS NULL` : sql``}`;

interface RawGroup {
  kind: string;
  subject_kind: string;
  subject_id: string;
  latest_id: string;
  latest_at: Date;
  latest_data: Record<string, unknown> | null;
  total: number;
  unread: number;
  title: string | null;
  slug: string | null;
  label: string | null;
  actor_names: string[];
  actor_count: number;
}

/** A page of groups (kind, subject), the newest activity first. */
export async function listGroups(db: DbOrTx, userId: string, paging: Paging): Promise<GroupRow[]> {
  const { limit, offset } = pageWindow(paging);
  const sameGroup = sql`v.kind = g.kind AND v.subject_kind = g.subject_kind AND v.subject_id = g.subject_id`;
  const result = await sql<RawGroup>`
    WITH visible AS (${visibleNotificationsSql(userId, false)}),
    groups AS (
      SELECT kind, subject_kind, subject_id, count(*)::int AS total, (count(*) FILTER (WHERE read_at IS NULL))::int AS unread,
        max(created_at) AS latest_at, (array_agg(id ORDER BY created_at DESC, id DESC))[1] AS latest_id,
        (array_agg(data ORDER BY created_at DESC, id DESC))[1] AS latest_data, min(title) AS title, min(slug) AS slug, min(label) AS label
      FROM visible GROUP BY kind, subject_kind, subject_id
      ORDER BY latest_at DESC, latest_id DESC LIMIT ${limit} OFFSET ${offset}
    )
    SELECT g.*,
      (SELECT coalesce(json_agg(a.name ORDER BY a.last DESC), '[]') FROM (
        SELECT au.name, max(v.created_at) AS last FROM visible v JOIN users au ON au.id = v.actor_id
        WHERE ${sameGroup} GROUP BY au.id, au.name ORDER BY last DESC LIMIT 3) a) AS actor_names,
      (SELECT count(DISTINCT v.actor_id)::int FROM visible v WHERE ${sameGroup}) AS actor_count
    FROM groups g ORDER BY g.latest_at DESC, g.latest_id DESC`.execute(db);
  return result.rows.map((r) => ({
    kind: r.kind,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    latestId: r.latest_id,
    latestAt: r.latest_at,
    latestData: r.latest_data ?? {},
    total: r.total,
    unread: r.unread,
    title: r.title,
    slug: r.slug,
    label: r.label,
    actorNames: r.actor_names,
    actorCount: r.actor_count,
  }));
}

/**
 * The number of groups with something unread that the user may still see: the badge in the
 * header. Starts from notifications_unread_idx, so it reads only the unread rows.
 */
export async function countUnreadGroups(db: DbOrTx, userId: string): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (SELECT DISTINCT kind, subject_kind, subject_id FROM (${visibleNotificationsSql(userId, true)}) v) g`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** The group of one of the user's notifications, if its subject is still visible to them. */
export async function findVisibleGroupOf(db: DbOrTx, userId: string, notificationId: string): Promise<GroupRow | undefined> {
  const result = await sql<{ kind: string; subject_kind: string; subject_id: string; data: Record<string, unknown>; title: string | null; slug: string | null; label: string | null; id: string; created_at: Date }>`
    SELECT v.* FROM (${visibleNotificationsSql(userId, false)}) v WHERE v.id = ${notificationId}::uuid`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    kind: row.kind, subjectKind: row.subject_kind, subjectId: row.subject_id, latestId: row.id, latestAt: row.created_at, latestData: row.data ?? {},
    total: 1, unread: 0, title: row.title, slug: row.slug, label: row.label, actorNames: [], actorCount: 0,
  };
}

/** Marks every notification of one group (kind, subject) read. */
export async function markGroupRead(db: DbOrTx, userId: string, group: { kind: string; subjectKind: string; subjectId: string }, now: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where('kind', '=', group.kind)
    .where('subject_kind', '=', group.subjectKind)
    .where('subject_id', '=', group.subjectId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markAllRead(db: DbOrTx, userId: string, now: Date): Promise<number> {
  const result = await db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// --- Preferences ---------------------------------------------------------------------------

export interface PreferenceRow {
  category: string;
  communityId: string | null;
  channel: NotificationPreference;
}

export async function listPreferences(db: DbOrTx, userId: string): Promise<PreferenceRow[]> {
  const rows = await db.selectFrom('notification_preferences').select(['category', 'community_id', 'channel']).where('user_id', '=', userId).execute();
  return rows.map((r) => ({ category: r.category, communityId: r.community_id, channel: r.channel }));
}

/** Replaces all of a user's preferences (both the per-category and the per-community rows). */
export async function replacePreferences(db: DbOrTx, userId: string, rows: PreferenceRow[], now: Date): Promise<void> {
  await db.deleteFrom('notification_preferences').where('user_id', '=', userId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto('notification_preferences')
    .values(rows.map((r) => ({ user_id: userId, category: r.category, community_id: r.communityId, channel: r.channel, updated_at: now })))
    .execute();
}

export async function findDigestFrequency(db: DbOrTx, userId: string): Promise<DigestFrequency> {
  const row = await db.selectFrom('users').select('digest_frequency').where('id', '=', userId).executeTakeFirst();
  return row?.digest_frequency ?? 'daily';
}

export async function updateDigestFrequency(db: DbOrTx, userId: string, frequency: DigestFrequency): Promise<void> {
  await db.updateTable('users').set({ digest_frequency: frequency }).where('id', '=', userId).execute();
}

/** The communities a person is an active member of: the ones they may set apart. */
export async function listMyCommunities(db: DbOrTx, userId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('community_members as m')
    .innerJoin('communities as c', 'c.id', 'm.community_id')
    .select(['c.id', 'c.name'])
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
}
