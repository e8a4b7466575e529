import type { DbOrTx } from '../../platform/db/database.ts';
import { isUuid } from '../questions.repository.ts';

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

/** A question page shows at most this many comments per post; the oldest first. */
export const MAX_COMMENTS_PER_POST = 50;

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

/** The live comments of a question page: on the question itself and on the answers shown. */
export async function listComments(db: DbOrTx, questionId: string): Promise<CommentRow[]> {
  const rows = await commentQuery(db)
    .where('k.question_id', '=', questionId)
    .where('k.deleted_at', 'is', null)
    .orderBy('k.created_at', 'asc')
    .orderBy('k.id', 'asc')
    .limit(2000)
    .execute();
  return rows.map(toComment);
}

export async function insertComment(db: DbOrTx, c: { id: string; questionId: string; answerId: string | null; authorId: string; body: string; now: Date }): Promise<void> {
  await db.insertInto('comments').values({ id: c.id, question_id: c.questionId, answer_id: c.answerId, author_id: c.authorId, body: c.body, created_at: c.now }).execute();
}

export async function setCommentState(db: DbOrTx, id: string, changes: Partial<{ deleted_at: Date | null; hidden_at: Date | null; hidden_by: string | null; hidden_reason: string | null }>): Promise<void> {
  await db.updateTable('comments').set(changes).where('id', '=', id).execute();
}
