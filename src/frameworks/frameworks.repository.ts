import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { FrameworkVersionStatus } from '../platform/db/schema.ts';
import type { FrameworkContent, LearningQuestion } from './frameworks.models.ts';

/** The SQL of frameworks, their versions and learning questions (migrations/0007). */

export interface VersionRow extends FrameworkContent {
  id: string;
  frameworkId: string;
  number: number;
  status: FrameworkVersionStatus;
  changeNote: string;
  createdAt: Date;
  publishedAt: Date | null;
  publishedByName: string | null;
}

export type VersionSummary = Omit<VersionRow, keyof FrameworkContent>;

export async function findFrameworkId(db: DbOrTx, communityId: string): Promise<string | undefined> {
  return (await db.selectFrom('frameworks').select('id').where('community_id', '=', communityId).executeTakeFirst())?.id;
}

/** Creates the community's framework on first save; two managers saving at once get the same one. */
export async function ensureFramework(db: DbOrTx, input: { id: string; communityId: string; now: Date }): Promise<string> {
  await db.insertInto('frameworks').values({ id: input.id, community_id: input.communityId, created_at: input.now }).onConflict((oc) => oc.column('community_id').doNothing()).execute();
  return (await findFrameworkId(db, input.communityId))!;
}

function versionQuery(db: DbOrTx) {
  return db
    .selectFrom('framework_versions as v')
    .leftJoin('users as p', 'p.id', 'v.published_by')
    .select([
      'v.id',
      'v.framework_id as frameworkId',
      'v.number',
      'v.status',
      'v.purpose',
      'v.room',
      'v.constraints',
      'v.indicators',
      sql<string | null>`v.review_date::text`.as('reviewDate'),
      'v.change_note as changeNote',
      'v.created_at as createdAt',
      'v.published_at as publishedAt',
      'p.name as publishedByName',
    ]);
}

async function withLearningQuestions(db: DbOrTx, rows: Omit<VersionRow, 'learningQuestions'>[]): Promise<VersionRow[]> {
  if (rows.length === 0) return [];
  const questions = await db
    .selectFrom('framework_version_learning_questions')
    .select(['version_id as versionId', 'learning_question_id as id', 'kind', 'text', 'explanation'])
    .where('version_id', 'in', rows.map((r) => r.id))
    .orderBy('version_id')
    .orderBy('position')
    .execute();
  return rows.map((row) => ({ ...row, learningQuestions: questions.filter((q) => q.versionId === row.id).map(({ versionId: _, ...q }) => q) }));
}

export async function findDraft(db: DbOrTx, frameworkId: string, options: { lock?: boolean } = {}): Promise<VersionRow | undefined> {
  let query = versionQuery(db).where('v.framework_id', '=', frameworkId).where('v.status', '=', 'draft');
  if (options.lock) query = query.forUpdate('v');
  const row = await query.executeTakeFirst();
  return row ? (await withLearningQuestions(db, [row]))[0] : undefined;
}

/** The current framework: the newest published version. */
export async function findLatestPublished(db: DbOrTx, frameworkId: string): Promise<VersionRow | undefined> {
  const row = await versionQuery(db).where('v.framework_id', '=', frameworkId).where('v.status', '=', 'published').orderBy('v.number', 'desc').limit(1).executeTakeFirst();
  return row ? (await withLearningQuestions(db, [row]))[0] : undefined;
}

export async function findPublishedByNumbers(db: DbOrTx, frameworkId: string, numbers: number[]): Promise<VersionRow[]> {
  const rows = await versionQuery(db).where('v.framework_id', '=', frameworkId).where('v.status', '=', 'published').where('v.number', 'in', numbers).execute();
  return withLearningQuestions(db, rows);
}

/** The history, newest first; at most `limit` versions. */
export async function listPublished(db: DbOrTx, frameworkId: string, limit = 200): Promise<VersionSummary[]> {
  const rows = await versionQuery(db).where('v.framework_id', '=', frameworkId).where('v.status', '=', 'published').orderBy('v.number', 'desc').limit(limit).execute();
  return rows.map(({ purpose: _p, room: _r, constraints: _c, indicators: _i, reviewDate: _d, ...summary }) => summary);
}

export async function nextVersionNumber(db: DbOrTx, frameworkId: string): Promise<number> {
  const row = await db.selectFrom('framework_versions').select(sql<number>`coalesce(max(number), 0) + 1`.as('next')).where('framework_id', '=', frameworkId).executeTakeFirstOrThrow();
  return Number(row.next);
}

export async function insertDraft(db: DbOrTx, input: { id: string; frameworkId: string; number: number; createdBy: string; now: Date }): Promise<void> {
  await db.insertInto('framework_versions').values({ id: input.id, framework_id: input.frameworkId, number: input.number, status: 'draft', created_by: input.createdBy, created_at: input.now }).execute();
}

/** Only a draft changes: the WHERE clause (and a trigger in the database) keep published versions as they were. */
export async function updateDraftContent(db: DbOrTx, versionId: string, content: Omit<FrameworkContent, 'learningQuestions'>): Promise<void> {
  await db
    .updateTable('framework_versions')
    .set({ purpose: content.purpose, room: content.room, constraints: content.constraints, indicators: content.indicators, review_date: content.reviewDate })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .execute();
}

/** The learning questions of this framework, to tell a kept id from a new or foreign one. */
export async function listLearningQuestionIds(db: DbOrTx, frameworkId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('learning_questions').select('id').where('framework_id', '=', frameworkId).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertLearningQuestions(db: DbOrTx, frameworkId: string, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.insertInto('learning_questions').values(ids.map((id) => ({ id, framework_id: frameworkId, created_at: now }))).execute();
}

export async function replaceDraftLearningQuestions(db: DbOrTx, versionId: string, questions: LearningQuestion[]): Promise<void> {
  await db.deleteFrom('framework_version_learning_questions').where('version_id', '=', versionId).execute();
  if (questions.length === 0) return;
  await db
    .insertInto('framework_version_learning_questions')
    .values(questions.map((q, position) => ({ version_id: versionId, learning_question_id: q.id, position, kind: q.kind, text: q.text, explanation: q.explanation })))
    .execute();
}

export async function publishDraft(db: DbOrTx, versionId: string, input: { changeNote: string; publishedBy: string; now: Date }): Promise<void> {
  await db
    .updateTable('framework_versions')
    .set({ status: 'published', change_note: input.changeNote, published_by: input.publishedBy, published_at: input.now })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .execute();
}

export interface LearningQuestionRef {
  id: string;
  kind: 'what' | 'how';
  text: string;
}

/** SQL: the id of a community's current (newest published) framework version, or NULL. */
const currentVersionIdSql = (communityId: RawBuilder<unknown>) => sql<string>`(SELECT v.id FROM framework_versions v JOIN frameworks f ON f.id = v.framework_id
  WHERE f.community_id = ${communityId} AND v.status = 'published' ORDER BY v.number DESC LIMIT 1)`;

/** The learning questions of a community's current framework, in order: what questions can be linked to. */
export async function listCurrentLearningQuestions(db: DbOrTx, communityId: string): Promise<LearningQuestionRef[]> {
  const rows = await db
    .selectFrom('framework_version_learning_questions as lq')
    .select(['lq.learning_question_id as id', 'lq.kind', 'lq.text'])
    .where('lq.version_id', '=', currentVersionIdSql(sql`${communityId}::uuid`))
    .orderBy('lq.position')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as LearningQuestionRef['kind'], text: r.text }));
}

/** listCurrentLearningQuestions for several communities in one query, keyed by community id. */
export async function listCurrentLearningQuestionsFor(db: DbOrTx, communityIds: readonly string[]): Promise<Map<string, LearningQuestionRef[]>> {
  const result = new Map<string, LearningQuestionRef[]>(communityIds.map((id) => [id, []]));
  if (communityIds.length === 0) return result;
  const { rows } = await sql<LearningQuestionRef & { communityId: string }>`
    SELECT c.id AS "communityId", lq.learning_question_id AS id, lq.kind, lq.text
    FROM unnest(${communityIds}::uuid[]) AS c(id)
    JOIN framework_version_learning_questions lq ON lq.version_id = ${currentVersionIdSql(sql`c.id`)}
    ORDER BY c.id, lq.position`.execute(db);
  for (const { communityId, ...lq } of rows) result.get(communityId)!.push(lq);
  return result;
}

/**
 * SQL for another feature's page query: a learning question as JSON, worded as in the newest
 * published version that has it (a question keeps its link when the wording is sharpened), or NULL.
 */
export function learningQuestionJsonSql(learningQuestionId: RawBuilder<unknown>): RawBuilder<LearningQuestionRef | null> {
  return sql<LearningQuestionRef | null>`(SELECT json_build_object('id', lq.learning_question_id, 'kind', lq.kind, 'text', lq.text)
    FROM framework_version_learning_questions lq JOIN framework_versions v ON v.id = lq.version_id AND v.status = 'published'
    WHERE lq.learning_question_id = ${learningQuestionId} ORDER BY v.number DESC LIMIT 1)`;
}

export interface DueReview {
  versionId: string;
  communityId: string;
  communitySlug: string;
  communityName: string;
  organisationId: string;
  reviewDate: string;
  learningQuestions: LearningQuestionRef[];
}

/**
 * Current versions whose review date has come (on `today`, a YYYY-MM-DD in Europe/Amsterdam) and
 * whose managers were not reminded yet. A version that is no longer current is not reviewed.
 */
export async function listDueReviews(db: DbOrTx, today: string, limit = 100): Promise<DueReview[]> {
  const rows = await db
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', 'f.id', 'v.framework_id')
    // Read-only join for the community's name, slug and owner: src/communities owns the table.
    .innerJoin('communities as c', 'c.id', 'f.community_id')
    .select(['v.id', 'c.id as community_id', 'c.slug', 'c.name', 'c.organisation_id', sql<string>`v.review_date::text`.as('review_date')])
    .select(sql<LearningQuestionRef[]>`(SELECT coalesce(json_agg(json_build_object('id', lq.learning_question_id, 'kind', lq.kind, 'text', lq.text) ORDER BY lq.position), '[]')
      FROM framework_version_learning_questions lq WHERE lq.version_id = v.id)`.as('learning_questions'))
    .where('v.status', '=', 'published')
    .where('v.review_reminded_at', 'is', null)
    .where('v.review_date', '<=', sql<string>`${today}::date`)
    .where(sql<boolean>`v.number = (SELECT max(n.number) FROM framework_versions n WHERE n.framework_id = v.framework_id AND n.status = 'published')`)
    .orderBy('v.review_date')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ versionId: r.id, communityId: r.community_id, communitySlug: r.slug, communityName: r.name, organisationId: r.organisation_id, reviewDate: r.review_date, learningQuestions: r.learning_questions }));
}

/** Claims the reminder of one version: true for the one caller that gets it (two workers never both mail). */
export async function markReviewReminded(db: DbOrTx, versionId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('framework_versions').set({ review_reminded_at: now }).where('id', '=', versionId).where('review_reminded_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** What a community's home page shows of its current framework. */
export interface FrameworkSummary {
  number: number;
  purpose: string;
  learningQuestions: number;
  publishedAt: string;
}

/**
 * SQL for the community home query: the current framework in compact form as JSON, or NULL
 * before the first publication. Published versions are readable by whoever sees the community,
 * so no further rule applies.
 */
export function frameworkSummaryJsonSql(communityId: RawBuilder<unknown>): RawBuilder<FrameworkSummary | null> {
  return sql<FrameworkSummary | null>`(SELECT json_build_object('number', v.number, 'purpose', left(v.purpose, 400), 'publishedAt', v.published_at,
      'learningQuestions', (SELECT count(*) FROM framework_version_learning_questions lq WHERE lq.version_id = v.id))
    FROM framework_versions v JOIN frameworks f ON f.id = v.framework_id
    WHERE f.community_id = ${communityId} AND v.status = 'published' ORDER BY v.number DESC LIMIT 1)`;
}

/**
 * Records that `userId` has seen version `number` and returns the version seen before (null on
 * a first visit). Never moves back: an old tab cannot undo a newer visit.
 */
export async function recordSeenVersion(db: DbOrTx, userId: string, frameworkId: string, number: number, now: Date): Promise<number | null> {
  const before = await db.selectFrom('framework_views').select('seen_number').where('user_id', '=', userId).where('framework_id', '=', frameworkId).executeTakeFirst();
  if (before && before.seen_number >= number) return before.seen_number;
  await db
    .insertInto('framework_views')
    .values({ user_id: userId, framework_id: frameworkId, seen_number: number, seen_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'framework_id']).doUpdateSet({ seen_number: sql`greatest(framework_views.seen_number, excluded.seen_number)`, seen_at: now }))
    .execute();
  return before?.seen_number ?? null;
}
