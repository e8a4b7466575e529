import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { PracticeCommentKind, PracticeReactionKind, PracticeTryResult } from '../platform/db/schema.ts';
import { pageWindow } from '../platform/paging.ts';
import { SLUG_PATTERN, isUuid } from '../platform/text.ts';
import { communityForUserJsonSql, communityFromJson, type CommunityJsonRow, type CommunityRef, type CommunityView } from '../communities/communities.repository.ts';
import { learningQuestionJsonSql, type LearningQuestionRef } from '../frameworks/frameworks.repository.ts';
import { userSeesCommunitySql, visibleCommunitySql } from '../communities/communities.policies.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { COMMENTS_PAGE_SIZE, TRAIL_LIMIT, type PracticeListFilter } from './practices.models.ts';

/**
 * SQL for practice stories and everything on them: shares, reactions, remarks, tried reports
 * and attachment records. User and organisation names come from read-only joins, for display.
 */

export interface PracticeRow {
  id: string;
  communityId: string;
  authorId: string | null;
  authorName: string | null;
  title: string;
  situation: string;
  action: string;
  outcome: string;
  learning: string;
  tags: string[];
  learningQuestionId: string | null;
  recognisedCount: number;
  willTryCount: number;
  triedCount: number;
  commentCount: number;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  createdAt: Date;
  editedAt: Date | null;
}

function practiceQuery(db: DbOrTx) {
  return db
    .selectFrom('practices as p')
    .leftJoin('users as u', 'u.id', 'p.author_id')
    .select([
      'p.id', 'p.community_id', 'p.author_id', 'u.name as author_name', 'p.title', 'p.situation', 'p.action', 'p.outcome', 'p.learning', 'p.tags',
      'p.learning_question_id', 'p.recognised_count', 'p.will_try_count', 'p.tried_count', 'p.comment_count', 'p.deleted_at', 'p.hidden_at',
      'p.hidden_reason', 'p.created_at', 'p.edited_at',
    ]);
}

type PracticeQueryRow = Awaited<ReturnType<ReturnType<typeof practiceQuery>['execute']>>[number];

const toPractice = (r: PracticeQueryRow): PracticeRow => ({
  id: r.id,
  communityId: r.community_id,
  authorId: r.author_id,
  authorName: r.author_name,
  title: r.title,
  situation: r.situation,
  action: r.action,
  outcome: r.outcome,
  learning: r.learning,
  tags: r.tags,
  learningQuestionId: r.learning_question_id,
  recognisedCount: r.recognised_count,
  willTryCount: r.will_try_count,
  triedCount: r.tried_count,
  commentCount: r.comment_count,
  deletedAt: r.deleted_at,
  hiddenAt: r.hidden_at,
  hiddenReason: r.hidden_reason,
  createdAt: r.created_at,
  editedAt: r.edited_at,
});

/** The other communities the story is shown in, each as `userId` sees it. */
function sharesJsonSql(practiceId: RawBuilder<unknown>, userId: string): RawBuilder<CommunityJsonRow[]> {
  return sql<CommunityJsonRow[]>`(SELECT coalesce(json_agg(${communityForUserJsonSql(sql.ref('s.community_id'), userId)} ORDER BY s.created_at), '[]')
    FROM practice_shares s WHERE s.practice_id = ${practiceId})`;
}

export interface PracticeWithCommunities {
  practice: PracticeRow;
  home: CommunityView | null;
  shares: CommunityView[];
}

/**
 * The story and every community it is shown in, as `userId` sees them, in one round trip: every
 * action on a story starts here. `lock` takes the story's row lock (FOR UPDATE OF p).
 */
export async function findPracticeWithCommunities(db: DbOrTx, id: string, userId: string, options: { lock?: boolean } = {}): Promise<PracticeWithCommunities | undefined> {
  if (!isUuid(id)) return undefined;
  let query = practiceQuery(db)
    .select([communityForUserJsonSql(sql.ref('p.community_id'), userId).as('home'), sharesJsonSql(sql.ref('p.id'), userId).as('shares')])
    .where('p.id', '=', id);
  if (options.lock) query = query.forUpdate(['p']);
  const row = await query.executeTakeFirst();
  return row && { practice: toPractice(row), home: row.home && communityFromJson(row.home), shares: row.shares.map(communityFromJson) };
}

export interface PracticeCommentRow {
  id: string;
  communityId: string;
  kind: PracticeCommentKind;
  authorId: string | null;
  authorName: string | null;
  body: string;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  createdAt: Date;
}

export interface PracticeTryRow {
  id: string;
  parentId: string | null;
  depth: number;
  communityId: string;
  authorId: string | null;
  authorName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  team: string;
  result: PracticeTryResult;
  adapted: string;
  howItWent: string;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  createdAt: Date;
}

export interface AttachmentRow {
  id: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  isImage: boolean;
  createdAt: Date;
}

export interface PracticePageRows extends PracticeWithCommunities {
  learningQuestion: LearningQuestionRef | null;
  myReactions: PracticeReactionKind[];
  comments: PracticeCommentRow[];
  tries: PracticeTryRow[];
  attachments: AttachmentRow[];
}

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
const date = (value: string) => new Date(value);
const maybeDate = (value: string | null) => (value === null ? null : new Date(value));

/**
 * The whole practice page in one round trip: the story, its communities as the user sees them,
 * the user's reactions, the remarks, the trail and the attachments. Read before any rule is
 * applied; the use case applies them and discards what may not be seen.
 */
export async function findPracticePage(db: DbOrTx, id: string, userId: string): Promise<PracticePageRows | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await practiceQuery(db)
    .select([
      communityForUserJsonSql(sql.ref('p.community_id'), userId).as('home'),
      sharesJsonSql(sql.ref('p.id'), userId).as('shares'),
      learningQuestionJsonSql(sql.ref('p.learning_question_id')).as('learning_question'),
      sql<PracticeReactionKind[]>`ARRAY(SELECT r.kind FROM practice_reactions r WHERE r.practice_id = p.id AND r.user_id = ${userId})`.as('my_reactions'),
      sql<Json<PracticeCommentRow>[]>`(SELECT coalesce(json_agg(x ORDER BY x."createdAt", x.id), '[]') FROM (
        SELECT k.id, k.community_id AS "communityId", k.kind, k.author_id AS "authorId", ku.name AS "authorName", k.body, k.deleted_at AS "deletedAt",
          k.hidden_at AS "hiddenAt", k.hidden_reason AS "hiddenReason", k.created_at AS "createdAt"
        FROM practice_comments k LEFT JOIN users ku ON ku.id = k.author_id
        WHERE k.practice_id = p.id AND k.deleted_at IS NULL ORDER BY k.created_at, k.id LIMIT ${COMMENTS_PAGE_SIZE * 4}) x)`.as('comments'),
      sql<Json<PracticeTryRow>[]>`(SELECT coalesce(json_agg(x ORDER BY x."createdAt", x.id), '[]') FROM (
        SELECT t.id, t.parent_id AS "parentId", t.depth, t.community_id AS "communityId", t.author_id AS "authorId", tu.name AS "authorName",
          t.organisation_id AS "organisationId", o.name AS "organisationName", t.team, t.result, t.adapted, t.how_it_went AS "howItWent",
          t.deleted_at AS "deletedAt", t.hidden_at AS "hiddenAt", t.hidden_reason AS "hiddenReason", t.created_at AS "createdAt"
        FROM practice_tries t LEFT JOIN users tu ON tu.id = t.author_id LEFT JOIN organisations o ON o.id = t.organisation_id
        WHERE t.practice_id = p.id AND t.deleted_at IS NULL ORDER BY t.created_at, t.id LIMIT ${TRAIL_LIMIT}) x)`.as('tries'),
      sql<Json<AttachmentRow>[]>`(SELECT coalesce(json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type,
          'byteSize', a.byte_size, 'isImage', a.is_image, 'createdAt', a.created_at) ORDER BY a.created_at, a.id), '[]')
        FROM practice_attachments a WHERE a.practice_id = p.id)`.as('attachments'),
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    practice: toPractice(row),
    home: row.home && communityFromJson(row.home),
    shares: row.shares.map(communityFromJson),
    learningQuestion: row.learning_question,
    myReactions: row.my_reactions,
    comments: row.comments.map((c) => ({ ...c, deletedAt: maybeDate(c.deletedAt), hiddenAt: maybeDate(c.hiddenAt), createdAt: date(c.createdAt) })),
    tries: row.tries.map((t) => ({ ...t, deletedAt: maybeDate(t.deletedAt), hiddenAt: maybeDate(t.hiddenAt), createdAt: date(t.createdAt) })),
    attachments: row.attachments.map((a) => ({ ...a, createdAt: date(a.createdAt) })),
  };
}

export interface NewPractice {
  id: string;
  communityId: string;
  authorId: string;
  title: string;
  situation: string;
  action: string;
  outcome: string;
  learning: string;
  tags: string[];
  learningQuestionId: string | null;
  now: Date;
}

export async function insertPractice(db: DbOrTx, p: NewPractice): Promise<void> {
  await db
    .insertInto('practices')
    .values({
      id: p.id, community_id: p.communityId, author_id: p.authorId, title: p.title, situation: p.situation, action: p.action, outcome: p.outcome,
      learning: p.learning, tags: p.tags, learning_question_id: p.learningQuestionId, created_at: p.now, last_activity_at: p.now,
    })
    .execute();
}

export type PracticeContent = Pick<NewPractice, 'title' | 'situation' | 'action' | 'outcome' | 'learning' | 'tags' | 'learningQuestionId'>;

export async function updatePracticeContent(db: DbOrTx, id: string, c: PracticeContent, now: Date): Promise<void> {
  await db
    .updateTable('practices')
    .set({ title: c.title, situation: c.situation, action: c.action, outcome: c.outcome, learning: c.learning, tags: c.tags, learning_question_id: c.learningQuestionId, edited_at: now, last_activity_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setPracticeState(db: DbOrTx, id: string, changes: Partial<{ deleted_at: Date | null; hidden_at: Date | null; hidden_by: string | null; hidden_reason: string | null }>): Promise<void> {
  await db.updateTable('practices').set(changes).where('id', '=', id).execute();
}

/** Counters move with the rows they count, in the same transaction, by relative updates. */
export async function adjustPracticeCounts(db: DbOrTx, id: string, delta: { recognised?: number; willTry?: number; tried?: number; comments?: number }, activityAt?: Date): Promise<void> {
  await db
    .updateTable('practices')
    .set((eb) => ({
      recognised_count: eb('recognised_count', '+', delta.recognised ?? 0),
      will_try_count: eb('will_try_count', '+', delta.willTry ?? 0),
      tried_count: eb('tried_count', '+', delta.tried ?? 0),
      comment_count: eb('comment_count', '+', delta.comments ?? 0),
      ...(activityAt ? { last_activity_at: activityAt } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

// Reactions ----------------------------------------------------------------------------------

/** True when the row was added (or removed): a repeated click changes nothing and counts nothing. */
export async function setReaction(db: DbOrTx, practiceId: string, userId: string, kind: PracticeReactionKind, on: boolean, now: Date): Promise<boolean> {
  if (on) {
    const added = await db.insertInto('practice_reactions').values({ practice_id: practiceId, user_id: userId, kind, created_at: now }).onConflict((oc) => oc.doNothing()).returning('kind').executeTakeFirst();
    return added !== undefined;
  }
  const removed = await db.deleteFrom('practice_reactions').where('practice_id', '=', practiceId).where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst();
  return removed.numDeletedRows > 0n;
}

// Remarks ------------------------------------------------------------------------------------

export async function insertComment(db: DbOrTx, c: { id: string; practiceId: string; communityId: string; kind: PracticeCommentKind; authorId: string; body: string; now: Date }): Promise<void> {
  await db
    .insertInto('practice_comments')
    .values({ id: c.id, practice_id: c.practiceId, community_id: c.communityId, kind: c.kind, author_id: c.authorId, body: c.body, created_at: c.now })
    .execute();
}

export async function findComment(db: DbOrTx, id: string): Promise<{ id: string; practiceId: string; communityId: string; authorId: string | null; deletedAt: Date | null; hiddenAt: Date | null } | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('practice_comments').select(['id', 'practice_id', 'community_id', 'author_id', 'deleted_at', 'hidden_at']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, practiceId: row.practice_id, communityId: row.community_id, authorId: row.author_id, deletedAt: row.deleted_at, hiddenAt: row.hidden_at };
}

export async function setCommentState(db: DbOrTx, id: string, changes: Partial<{ deleted_at: Date | null; hidden_at: Date | null; hidden_by: string | null; hidden_reason: string | null }>): Promise<void> {
  await db.updateTable('practice_comments').set(changes).where('id', '=', id).execute();
}

// Tried reports ------------------------------------------------------------------------------

export interface TryFacts {
  id: string;
  practiceId: string;
  communityId: string;
  authorId: string | null;
  authorName: string | null;
  team: string;
  depth: number;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

export async function findTry(db: DbOrTx, id: string): Promise<TryFacts | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db
    .selectFrom('practice_tries as t')
    .leftJoin('users as u', 'u.id', 't.author_id')
    .select(['t.id', 't.practice_id', 't.community_id', 't.author_id', 'u.name as author_name', 't.team', 't.depth', 't.deleted_at', 't.hidden_at'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, practiceId: row.practice_id, communityId: row.community_id, authorId: row.author_id, authorName: row.author_name, team: row.team, depth: row.depth, deletedAt: row.deleted_at, hiddenAt: row.hidden_at };
}

export async function insertTry(
  db: DbOrTx,
  t: { id: string; practiceId: string; parentId: string | null; depth: number; communityId: string; authorId: string; organisationId: string; team: string; result: PracticeTryResult; adapted: string; howItWent: string; now: Date },
): Promise<void> {
  await db
    .insertInto('practice_tries')
    .values({
      id: t.id, practice_id: t.practiceId, parent_id: t.parentId, depth: t.depth, community_id: t.communityId, author_id: t.authorId, organisation_id: t.organisationId,
      team: t.team, result: t.result, adapted: t.adapted, how_it_went: t.howItWent, created_at: t.now,
    })
    .execute();
}

export async function setTryState(db: DbOrTx, id: string, changes: Partial<{ deleted_at: Date | null; hidden_at: Date | null; hidden_by: string | null; hidden_reason: string | null }>): Promise<void> {
  await db.updateTable('practice_tries').set(changes).where('id', '=', id).execute();
}

/** The team a person named last time, to fill in the next report. */
export async function findLastTeam(db: DbOrTx, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('practice_tries').select('team').where('author_id', '=', userId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row?.team;
}

// Shares -------------------------------------------------------------------------------------

export async function insertShare(db: DbOrTx, s: { id: string; practiceId: string; communityId: string; sharedBy: string; now: Date }): Promise<boolean> {
  const result = await db
    .insertInto('practice_shares')
    .values({ id: s.id, practice_id: s.practiceId, community_id: s.communityId, shared_by: s.sharedBy, created_at: s.now })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

export async function listShareIds(db: DbOrTx, practiceId: string): Promise<{ id: string; communityId: string }[]> {
  const rows = await db.selectFrom('practice_shares').select(['id', 'community_id']).where('practice_id', '=', practiceId).execute();
  return rows.map((r) => ({ id: r.id, communityId: r.community_id }));
}

/** Communities the user is an active member of, other than the story's own: where it could be shared to. */
export async function listShareTargets(db: DbOrTx, userId: string, practiceId: string, homeId: string): Promise<{ id: string; name: string; allowsSharing: boolean }[]> {
  const rows = await db
    .selectFrom('community_members as m')
    .innerJoin('communities as c', 'c.id', 'm.community_id')
    .select(['c.id', 'c.name', 'c.allow_practice_sharing'])
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .where('c.id', '<>', homeId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('practice_shares as s').select('s.id').whereRef('s.community_id', '=', 'c.id').where('s.practice_id', '=', practiceId))))
    .orderBy('c.name')
    .limit(200)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, allowsSharing: r.allow_practice_sharing }));
}

// The gallery --------------------------------------------------------------------------------

export interface PracticeListRow {
  id: string;
  communityId: string;
  /** Null when the reader may not see the story's own community (it is shown to them through a share). */
  communityName: string | null;
  title: string;
  situation: string;
  tags: string[];
  authorName: string | null;
  recognisedCount: number;
  willTryCount: number;
  triedCount: number;
  commentCount: number;
  createdAt: Date;
}

/**
 * One page of the stories shown in a community: its own and those shared into it. Read by slug
 * too, so the page can read it at the same time as the community (the rule is applied after).
 * The candidates come from two indexed lookups, each cut at the end of the page, so the cost
 * does not grow with the stories elsewhere on the platform; only the page is joined.
 */
export async function listCommunityPractices(db: DbOrTx, community: CommunityRef, actor: Actor, filter: PracticeListFilter): Promise<PracticeListRow[]> {
  if ('slug' in community ? !SLUG_PATTERN.test(community.slug) : !isUuid(community.id)) return [];
  const { limit, offset } = pageWindow(filter);
  const communityId = 'slug' in community ? sql<string>`(SELECT id FROM communities WHERE slug = ${community.slug})` : sql<string>`${community.id}::uuid`;
  const conditions = (alias: string) => {
    const p = (column: string) => sql.ref(`${alias}.${column}`);
    const parts = [sql`${p('deleted_at')} IS NULL`, sql`${p('hidden_at')} IS NULL`];
    if (filter.tag) parts.push(sql`${p('tags')} @> ARRAY[${filter.tag}]::text[]`);
    if (filter.learningQuestionId) parts.push(sql`${p('learning_question_id')} = ${filter.learningQuestionId}::uuid`);
    return sql.join(parts, sql` AND `);
  };
  const order = (alias: string) => (filter.sort === 'tried' ? sql`${sql.ref(`${alias}.tried_count`)} DESC, ${sql.ref(`${alias}.created_at`)} DESC, ${sql.ref(`${alias}.id`)} DESC` : sql`${sql.ref(`${alias}.created_at`)} DESC, ${sql.ref(`${alias}.id`)} DESC`);
  const end = limit + offset;
  const candidates = sql<string>`(
    (SELECT own.id FROM practices own WHERE own.community_id = ${communityId} AND ${conditions('own')} ORDER BY ${order('own')} LIMIT ${end})
    UNION ALL
    (SELECT shared.id FROM practice_shares s JOIN practices shared ON shared.id = s.practice_id
      WHERE s.community_id = ${communityId} AND ${conditions('shared')} ORDER BY ${order('shared')} LIMIT ${end})
  )`;
  const rows = await db
    .selectFrom('practices as p')
    .innerJoin('communities as c', 'c.id', 'p.community_id')
    .leftJoin('users as u', 'u.id', 'p.author_id')
    .select([
      'p.id', 'p.community_id', sql<string | null>`CASE WHEN ${visibleCommunitySql(actor, 'c')} THEN c.name END`.as('community_name'), 'p.title',
      sql<string>`left(p.situation, 400)`.as('situation'), 'p.tags', 'u.name as author_name', 'p.recognised_count', 'p.will_try_count', 'p.tried_count', 'p.comment_count', 'p.created_at',
    ])
    .where('p.id', 'in', candidates)
    .orderBy(order('p'))
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    communityId: r.community_id,
    communityName: r.community_name,
    title: r.title,
    situation: r.situation,
    tags: r.tags,
    authorName: r.author_name,
    recognisedCount: r.recognised_count,
    willTryCount: r.will_try_count,
    triedCount: r.tried_count,
    commentCount: r.comment_count,
    createdAt: r.created_at,
  }));
}

// Attachments --------------------------------------------------------------------------------

export interface StoredAttachment extends AttachmentRow {
  practiceId: string;
  uploaderId: string | null;
  storageKey: string;
}

export async function insertAttachment(db: DbOrTx, a: Omit<StoredAttachment, 'createdAt'> & { now: Date }): Promise<void> {
  await db
    .insertInto('practice_attachments')
    .values({
      id: a.id, practice_id: a.practiceId, uploader_id: a.uploaderId, file_name: a.fileName, content_type: a.contentType, byte_size: a.byteSize,
      storage_key: a.storageKey, is_image: a.isImage, created_at: a.now,
    })
    .execute();
}

export async function findAttachment(db: DbOrTx, id: string): Promise<StoredAttachment | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await db.selectFrom('practice_attachments').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, practiceId: r.practice_id, uploaderId: r.uploader_id, fileName: r.file_name, contentType: r.content_type, byteSize: r.byte_size, storageKey: r.storage_key, isImage: r.is_image, createdAt: r.created_at };
}

export async function countAttachments(db: DbOrTx, practiceId: string): Promise<number> {
  const row = await db.selectFrom('practice_attachments').select(sql<number>`count(*)::int`.as('n')).where('practice_id', '=', practiceId).executeTakeFirstOrThrow();
  return row.n;
}

export async function deleteAttachment(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('practice_attachments').where('id', '=', id).execute();
}

// Signals ------------------------------------------------------------------------------------

export interface LearningQuestionPracticeRow {
  learningQuestionId: string;
  shared: number;
  tried: number;
}

/** Per learning question: how many stories were shared and how often they were tried. Counts only. */
export async function countByLearningQuestion(db: DbOrTx, communityId: string, learningQuestionIds: readonly string[]): Promise<LearningQuestionPracticeRow[]> {
  if (learningQuestionIds.length === 0) return [];
  const rows = await db
    .selectFrom('practices as p')
    .select(['p.learning_question_id', sql<number>`count(*)::int`.as('shared'), sql<number>`coalesce(sum(p.tried_count), 0)::int`.as('tried')])
    .where('p.community_id', '=', communityId)
    .where('p.learning_question_id', 'in', [...learningQuestionIds])
    .where('p.deleted_at', 'is', null)
    .where('p.hidden_at', 'is', null)
    .groupBy('p.learning_question_id')
    .execute();
  return rows.map((r) => ({ learningQuestionId: r.learning_question_id as string, shared: r.shared, tried: r.tried }));
}

// Who hears about a tried report ---------------------------------------------------------------

export interface Recipient {
  userId: string;
  name: string;
  email: string;
  locale: 'nl' | 'en';
}

export interface TryNotice {
  practiceId: string;
  practiceTitle: string;
  reporterName: string | null;
  team: string;
  organisationName: string | null;
  result: PracticeTryResult;
  /** The story's author and, when tried from a report, that report's author: active accounts only. */
  storyAuthor: Recipient | null;
  parentAuthor: Recipient | null;
}

/**
 * A recipient of the tried mail: an active account that may see the community the report was
 * written in and may still read the story (through its own community or one it is shown in) —
 * the same rules as the page, so the mail never tells more than the trail would.
 */
const recipientJson = (userId: RawBuilder<unknown>) =>
  sql<Recipient | null>`(SELECT json_build_object('userId', r.id, 'name', r.name, 'email', r.email, 'locale', r.locale) FROM users r
    WHERE r.id = ${userId} AND r.status = 'active'
      AND EXISTS (SELECT 1 FROM communities tc WHERE tc.id = t.community_id AND ${userSeesCommunitySql('r', 'tc')})
      AND EXISTS (SELECT 1 FROM communities sc WHERE (sc.id = p.community_id OR sc.id IN (SELECT ps.community_id FROM practice_shares ps WHERE ps.practice_id = p.id)) AND ${userSeesCommunitySql('r', 'sc')}))`;

export async function findTryNotice(db: DbOrTx, tryId: string): Promise<TryNotice | undefined> {
  const row = await db
    .selectFrom('practice_tries as t')
    .innerJoin('practices as p', 'p.id', 't.practice_id')
    .leftJoin('practice_tries as parent', 'parent.id', 't.parent_id')
    .leftJoin('users as u', 'u.id', 't.author_id')
    .leftJoin('organisations as o', 'o.id', 't.organisation_id')
    .select([
      'p.id as practice_id', 'p.title', 'u.name as reporter_name', 't.team', 'o.name as organisation_name', 't.result',
      recipientJson(sql.ref('p.author_id')).as('story_author'),
      recipientJson(sql.ref('parent.author_id')).as('parent_author'),
    ])
    .where('t.id', '=', tryId)
    .where('t.deleted_at', 'is', null)
    .where('t.hidden_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('p.hidden_at', 'is', null)
    .executeTakeFirst();
  return row && {
    practiceId: row.practice_id, practiceTitle: row.title, reporterName: row.reporter_name, team: row.team, organisationName: row.organisation_name,
    result: row.result, storyAuthor: row.story_author, parentAuthor: row.parent_author,
  };
}
