import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.ts';
import { isUuid } from '../questions.models.ts';

/** SQL for comments: short remarks under a question or an answer. */

export interface CommentRow {
  id: string;
  questionId: string;
  answerId: string | null;
  authorId: string | null;
  authorName: string | null;
  body: string;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  createdAt: Date;
}


function commentQuery(db: DbOrTx) {
  return db
    .selectFrom('comments as k')
    .leftJoin('users as u', 'u.id', 'k.author_id')
    .select(['k.id', 'k.question_id', 'k.answer_id', 'k.author_id', 'u.name as author_name', 'k.body', 'k.deleted_at', 'k.hidden_at', 'k.hidden_reason', 'k.created_at']);
}

type CommentQueryRow = Awaited<ReturnType<ReturnType<typeof commentQuery>['execute']>>[number];

const toComment = (r: CommentQueryRow): CommentRow => ({
  id: r.id,
  questionId: r.question_id,
  answerId: r.answer_id,
  authorId: r.author_id,
  authorName: r.author_name,
  body: r.body,
  deletedAt: r.deleted_at,
  hiddenAt: r.hidden_at,
  hiddenReason: r.hidden_reason,
  createdAt: r.created_at,
});

export async function findComment(db: DbOrTx, id: string, options: { lock?: boolean } = {}): Promise<CommentRow | undefined> {
  if (!isUuid(id)) return undefined;
  let query = commentQuery(db).where('k.id', '=', id);
  if (options.lock) query = query.forUpdate(['k']);
  const row = await query.executeTakeFirst();
  return row && toComment(row);
}

/** The JSON shape of a comment inside the question page query: dates arrive as ISO text. */
export interface CommentJsonRow {
  id: string;
  question_id: string;
  answer_id: string | null;
  author_id: string | null;
  author_name: string | null;
  body: string;
  deleted_at: string | null;
  hidden_at: string | null;
  hidden_reason: string | null;
  created_at: string;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

export const commentFromJson = (r: CommentJsonRow): CommentRow => ({
  id: r.id,
  questionId: r.question_id,
  answerId: r.answer_id,
  authorId: r.author_id,
  authorName: r.author_name,
  body: r.body,
  deletedAt: date(r.deleted_at),
  hiddenAt: date(r.hidden_at),
  hiddenReason: r.hidden_reason,
  createdAt: new Date(r.created_at),
});

/** At most this many comments are read for one question page, oldest first. */
export const MAX_COMMENTS_PER_PAGE = 2000;

/** SQL, for the question page query: the live comments of a question (on it and its answers), as a JSON array. */
export function commentsJsonSql(questionId: RawBuilder<unknown>): RawBuilder<CommentJsonRow[]> {
  return sql<CommentJsonRow[]>`(SELECT coalesce(json_agg(x ORDER BY x.created_at, x.id), '[]') FROM (
    SELECT k.id, k.question_id, k.answer_id, k.author_id, ku.name AS author_name, k.body, k.deleted_at, k.hidden_at, k.hidden_reason, k.created_at
    FROM comments k LEFT JOIN users ku ON ku.id = k.author_id
    WHERE k.question_id = ${questionId} AND k.deleted_at IS NULL
    ORDER BY k.created_at, k.id LIMIT ${MAX_COMMENTS_PER_PAGE}) x)`;
}

export async function insertComment(db: DbOrTx, c: { id: string; questionId: string; answerId: string | null; authorId: string; body: string; now: Date }): Promise<void> {
  await db.insertInto('comments').values({ id: c.id, question_id: c.questionId, answer_id: c.answerId, author_id: c.authorId, body: c.body, created_at: c.now }).execute();
}

export async function setCommentState(db: DbOrTx, id: string, changes: Partial<{ deleted_at: Date | null; hidden_at: Date | null; hidden_by: string | null; hidden_reason: string | null }>): Promise<void> {
  await db.updateTable('comments').set(changes).where('id', '=', id).execute();
}
