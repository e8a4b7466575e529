import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { CommunityRole, CommunityVisibility, MembershipStatus } from '../platform/db/schema.ts';
import { pageWindow } from '../platform/paging.ts';
import { SLUG_PATTERN, likePattern } from '../platform/text.ts';
import type { ListFilter } from './communities.models.ts';
import { visibleCommunitySql, type CommunityFacts } from './communities.policies.ts';
import { hasActiveAccountSql } from './membership/membership.repository.ts';
import { frameworkSummaryJsonSql, type FrameworkSummary } from '../frameworks/frameworks.repository.ts';

/**
 * SQL for communities and their partner organisations. Memberships live in
 * membership/membership.repository.ts. Organisation names come from read-only joins, for
 * display only: src/organisations owns that table.
 */

export type CommunityRef = { slug: string } | { id: string };

export interface OrganisationRef {
  id: string;
  name: string;
}

export interface CommunityView extends CommunityFacts {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  tags: string[];
  organisationName: string;
  partners: OrganisationRef[];
  /** Members may ask questions without showing their name to other members. */
  allowPseudonymousQuestions: boolean;
  /** Practice stories may be shared from this community to another, and into it (both ends must allow it). */
  allowPracticeSharing: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One query: the community, its owner's and partners' names, and the asking user's membership.
 * `lock` takes a row lock on the community, which serialises membership changes per community
 * (so two facilitators leaving at once cannot both pass the last-facilitator check).
 */
export async function findCommunityForUser(db: DbOrTx, ref: CommunityRef, userId: string, options: { lock?: boolean } = {}): Promise<CommunityView | undefined> {
  return (await queryCommunityForUser(db, ref, userId, { ...options, withStats: false }))?.community;
}

/**
 * The community home page in one round trip: the community, the asker's membership and the
 * counts and people the page shows. The stats are read before the visibility rule is applied
 * (in TypeScript, by the use case), and are discarded with the row when it says no.
 */
export async function findCommunityWithStats(db: DbOrTx, ref: CommunityRef, userId: string): Promise<{ community: CommunityView; stats: CommunityStats } | undefined> {
  const found = await queryCommunityForUser(db, ref, userId, { withStats: true });
  return found?.stats ? { community: found.community, stats: found.stats } : undefined;
}

async function queryCommunityForUser(db: DbOrTx, ref: CommunityRef, userId: string, options: { lock?: boolean; withStats: boolean }): Promise<{ community: CommunityView; stats?: CommunityStats } | undefined> {
  // A malformed slug (or a NUL byte in the URL) cannot match; answer "not found" without asking.
  if ('slug' in ref && !SLUG_PATTERN.test(ref.slug)) return undefined;
  let query = db
    .selectFrom('communities as c')
    // Read-only join for the display name; src/organisations owns the table.
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('community_members as m', (join) => join.onRef('m.community_id', '=', 'c.id').on('m.user_id', '=', userId))
    .select(['c.id', 'c.slug', 'c.name', 'c.purpose', 'c.tags', 'c.visibility', 'c.organisation_id', 'c.created_at', 'c.updated_at', 'c.allow_pseudonymous_questions', 'c.allow_practice_sharing', 'o.name as organisation_name', 'm.status as my_status', 'm.role as my_role'])
    .select(
      sql<OrganisationRef[]>`(SELECT coalesce(json_agg(json_build_object('id', po.id, 'name', po.name) ORDER BY po.name), '[]')
        FROM community_partners p JOIN organisations po ON po.id = p.organisation_id WHERE p.community_id = c.id)`.as('partners'),
    );
  query = 'slug' in ref ? query.where('c.slug', '=', ref.slug) : query.where('c.id', '=', ref.id);
  if (options.lock) query = query.forUpdate(['c']);
  const row = await (options.withStats ? query.select(statsJsonSql(sql.ref('c.id')).as('stats')) : query).executeTakeFirst();
  if (!row) return undefined;
  const stats = 'stats' in row ? (row.stats as CommunityStats) : undefined;
  const community: CommunityView = {
    ...listRowFields(row, row.partners.map((p) => p.id)),
    organisationName: row.organisation_name,
    partners: row.partners,
    allowPseudonymousQuestions: row.allow_pseudonymous_questions,
    allowPracticeSharing: row.allow_practice_sharing,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  return { community, stats };
}

/** The JSON shape of communityForUserJsonSql: dates arrive as ISO text. */
export interface CommunityJsonRow extends CommunityRowBase {
  organisation_name: string;
  allow_pseudonymous_questions: boolean;
  allow_practice_sharing: boolean;
  partners: OrganisationRef[];
  created_at: string;
  updated_at: string;
}

/**
 * SQL: one community as `userId` sees it (with their membership), as a JSON value. Other
 * features select it next to their own rows, so a page that needs a community and its own
 * content still takes one round trip; the visibility rule is then applied to the result
 * (canSeeCommunity), exactly as for findCommunityForUser.
 */
export function communityForUserJsonSql(communityId: RawBuilder<unknown>, userId: string): RawBuilder<CommunityJsonRow | null> {
  return sql<CommunityJsonRow | null>`(SELECT json_build_object(
      'id', c.id, 'slug', c.slug, 'name', c.name, 'purpose', c.purpose, 'tags', c.tags, 'visibility', c.visibility,
      'organisation_id', c.organisation_id, 'organisation_name', o.name, 'allow_pseudonymous_questions', c.allow_pseudonymous_questions, 'allow_practice_sharing', c.allow_practice_sharing,
      'created_at', c.created_at, 'updated_at', c.updated_at, 'my_status', m.status, 'my_role', m.role,
      'partners', (SELECT coalesce(json_agg(json_build_object('id', po.id, 'name', po.name) ORDER BY po.name), '[]')
        FROM community_partners p JOIN organisations po ON po.id = p.organisation_id WHERE p.community_id = c.id))
    FROM communities c
    JOIN organisations o ON o.id = c.organisation_id
    LEFT JOIN community_members m ON m.community_id = c.id AND m.user_id = ${userId}
    WHERE c.id = ${communityId})`;
}

export function communityFromJson(row: CommunityJsonRow): CommunityView {
  return {
    ...listRowFields(row, row.partners.map((p) => p.id)),
    organisationName: row.organisation_name,
    partners: row.partners,
    allowPseudonymousQuestions: row.allow_pseudonymous_questions,
    allowPracticeSharing: row.allow_practice_sharing,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

interface CommunityRowBase {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  tags: string[];
  visibility: CommunityVisibility;
  organisation_id: string;
  my_status: MembershipStatus | null;
  my_role: CommunityRole | null;
}

/** The fields every community read shares, with the asking user's membership. */
function listRowFields(row: CommunityRowBase, partnerOrganisationIds: string[]): CommunityListRow {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    purpose: row.purpose,
    tags: row.tags,
    visibility: row.visibility,
    organisationId: row.organisation_id,
    partnerOrganisationIds,
    membership: row.my_status && row.my_role ? { status: row.my_status, role: row.my_role } : null,
  };
}

export interface PersonSummary {
  userId: string;
  name: string;
  jobTitle: string;
  organisationName: string;
}

export interface CommunityStats {
  memberCount: number;
  pendingCount: number;
  facilitators: PersonSummary[];
  recentMembers: PersonSummary[];
  /** The current framework in compact form (src/frameworks builds that SQL), or null. */
  framework: FrameworkSummary | null;
}

/** `p` is one person picked by a limited select below, with their organisation's name. */
const personJson = sql`json_build_object('userId', p.id, 'name', p.name, 'jobTitle', p.job_title, 'organisationName', p.organisation_name)`;

const STATS_LIMITS = { facilitators: 20, recent: 6 };

/**
 * Everything the community home page counts and lists, as one JSON value, on indexed paths:
 * community_members by (community_id, status, …), users and organisations by primary key, and
 * for the counts the small index of inactive accounts. People whose account is not active are
 * in no count or list; in the limited lists the users join comes before the LIMIT, so they take
 * no place in them.
 */
function statsJsonSql(communityId: RawBuilder<unknown>) {
  const members = (status: 'active' | 'requested') => sql`community_members m WHERE m.community_id = ${communityId} AND m.status = ${sql.lit(status)}`;
  const activePeople = sql`community_members m
    JOIN users u ON u.id = m.user_id AND u.status = 'active'
    JOIN organisations uo ON uo.id = u.organisation_id
    WHERE m.community_id = ${communityId} AND m.status = 'active'`;
  const person = sql`u.id, u.name, u.job_title, uo.name AS organisation_name`;
  return sql<CommunityStats>`json_build_object(
    'memberCount', (SELECT count(*) FROM ${members('active')} AND ${hasActiveAccountSql('m')}),
    'pendingCount', (SELECT count(*) FROM ${members('requested')} AND ${hasActiveAccountSql('m')}),
    'facilitators', (SELECT coalesce(json_agg(${personJson} ORDER BY lower(p.name), p.id), '[]') FROM (
      SELECT ${person} FROM ${activePeople} AND m.role = 'facilitator' ORDER BY lower(u.name), u.id LIMIT ${STATS_LIMITS.facilitators}
    ) p),
    'recentMembers', (SELECT coalesce(json_agg(${personJson} ORDER BY p.joined_at DESC, p.id), '[]') FROM (
      SELECT ${person}, m.created_at AS joined_at FROM ${activePeople} ORDER BY m.created_at DESC LIMIT ${STATS_LIMITS.recent}
    ) p),
    'framework', ${frameworkSummaryJsonSql(communityId)}
  )`;
}

export interface CommunityListRow extends CommunityFacts {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  tags: string[];
}

/** Name or tag search, "mine" and visibility, all in SQL so paging and counts stay right. */
function visibleCommunitiesQuery(db: DbOrTx, actor: Actor, filter: Pick<ListFilter, 'q' | 'mine'>) {
  let query = db
    .selectFrom('communities as c')
    .leftJoin('community_members as m', (join) => join.onRef('m.community_id', '=', 'c.id').on('m.user_id', '=', actor.userId))
    .where(visibleCommunitySql(actor));
  if (filter.q) {
    query = query.where(sql<boolean>`(lower(c.name) LIKE ${likePattern(filter.q.toLowerCase())} OR c.tags @> ARRAY[${filter.q.toLowerCase()}]::text[])`);
  }
  if (filter.mine) query = query.where('m.status', '=', 'active');
  return query;
}

export async function listVisibleCommunities(db: DbOrTx, actor: Actor, filter: ListFilter): Promise<CommunityListRow[]> {
  const rows = await visibleCommunitiesQuery(db, actor, filter)
    .select(['c.id', 'c.slug', 'c.name', 'c.purpose', 'c.tags', 'c.visibility', 'c.organisation_id', 'm.status as my_status', 'm.role as my_role'])
    .select(sql<string[]>`ARRAY(SELECT organisation_id FROM community_partners WHERE community_id = c.id)`.as('partner_ids'))
    .orderBy(sql`lower(c.name)`)
    .orderBy('c.id')
    .limit(pageWindow(filter).limit)
    .offset(pageWindow(filter).offset)
    .execute();
  return rows.map((row) => listRowFields(row, row.partner_ids));
}

export async function countVisibleCommunities(db: DbOrTx, actor: Actor, filter: Pick<ListFilter, 'q' | 'mine'>): Promise<number> {
  const row = await visibleCommunitiesQuery(db, actor, filter).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
  return row?.count ?? 0;
}

/** Member counts for one page of cards: one grouped query, not one count per card. Deactivated people do not count. */
export async function countMembers(db: DbOrTx, communityIds: string[]): Promise<Map<string, number>> {
  if (communityIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('community_members as m')
    .select(['m.community_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('m.community_id', 'in', communityIds)
    .where('m.status', '=', 'active')
    .where(hasActiveAccountSql('m'))
    .groupBy('m.community_id')
    .execute();
  return new Map(rows.map((r) => [r.community_id, r.count]));
}

/** Another transaction took the same slug between our check and our insert. */
export const isSlugConflict = (error: unknown): boolean => {
  const pgError = error as { code?: string; constraint?: string } | undefined;
  return pgError?.code === '23505' && pgError.constraint === 'communities_slug_key';
};

export async function isSlugTaken(db: DbOrTx, slug: string): Promise<boolean> {
  return Boolean(await db.selectFrom('communities').select('id').where('slug', '=', slug).executeTakeFirst());
}

export interface NewCommunity {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  tags: string[];
  visibility: CommunityVisibility;
  organisationId: string;
  createdBy: string | null;
  allowPseudonymousQuestions: boolean;
  allowPracticeSharing?: boolean;
  now: Date;
}

export async function insertCommunity(db: DbOrTx, community: NewCommunity): Promise<void> {
  await db
    .insertInto('communities')
    .values({
      id: community.id,
      slug: community.slug,
      name: community.name,
      purpose: community.purpose,
      tags: community.tags,
      visibility: community.visibility,
      organisation_id: community.organisationId,
      created_by: community.createdBy,
      allow_pseudonymous_questions: community.allowPseudonymousQuestions,
      allow_practice_sharing: community.allowPracticeSharing ?? true,
      created_at: community.now,
      updated_at: community.now,
    })
    .execute();
}

export async function updateCommunity(
  db: DbOrTx,
  id: string,
  changes: { name?: string; purpose?: string; tags?: string[]; visibility?: CommunityVisibility; allowPseudonymousQuestions?: boolean; allowPracticeSharing?: boolean },
  now: Date,
): Promise<void> {
  const { allowPseudonymousQuestions, allowPracticeSharing, ...rest } = changes;
  await db.updateTable('communities').set({ ...rest, allow_pseudonymous_questions: allowPseudonymousQuestions, allow_practice_sharing: allowPracticeSharing, updated_at: now }).where('id', '=', id).execute();
}

export async function replacePartners(db: DbOrTx, communityId: string, organisationIds: readonly string[]): Promise<void> {
  await db.deleteFrom('community_partners').where('community_id', '=', communityId).execute();
  if (organisationIds.length === 0) return;
  await db
    .insertInto('community_partners')
    .values(organisationIds.map((organisationId) => ({ community_id: communityId, organisation_id: organisationId })))
    .execute();
}
