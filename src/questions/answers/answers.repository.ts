import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Paging } from '../../platform/paging.ts';
import { pageWindow } from '../../platform/paging.ts';
import { isUuid } from '../questions.models.ts';

/** SQL for answers and "this helped". Counters move with their rows, in the same transaction. */

export interface AnswerRow {
  id: string;
  questionId: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  helpedCount: number;
  helpedByMe: boolean;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  createdAt: Date;
  editedAt: Date | null;
}

function answerQuery(db: DbOrTx, userId: string) {
  return db
    .selectFrom('answers as a')
    .leftJoin('users as u', 'u.id', 'a.author_id')
    .select([
      'a.id', 'a.question_id', 'a.author_id', 'u.name as author_name', 'a.body', 'a.helped_count', 'a.deleted_at', 'a.hidden_at', 'a.hidden_reason', 'a.created_at', 'a.edited_at',
      sql<boolean>`EXISTS (SELECT 1 FROM answer_helped h WHERE h.answer_id = a.id AND h.user_id = ${userId})`.as('helped_by_me'),
    ]);
}

type AnswerQueryRow = Awaited<ReturnType<ReturnType<typeof answerQuery>['execute']>>[number];

const toAnswer = (r: AnswerQueryRow): AnswerRow => ({
  id: r.id,
  questionId: r.question_id,
  authorId: r.author_id,
  authorName: r.author_name,
  body: r.body,
  helpedCount: r.helped_count,
  helpedByMe: r.helped_by_me,
  deletedAt: r.deleted_at,
  hiddenAt: r.hidden_at,
  hiddenReason: r.hidden_reason,
  createdAt: r.created_at,
  editedAt: r.edited_at,
});

export async function findAnswer(db: DbOrTx, id: string, userId: string, options: { lock?: boolean } = {}): Promise<AnswerRow | undefined> {
  if (!isUuid(id)) return undefined;
  let query = answerQuery(db, userId).where('a.id', '=', id);
  if (options.lock) query = query.forUpdate(['a']);
  const row = await query.executeTakeFirst();
  return row && toAnswer(row);
}

/** The JSON shape of an answer inside the question page query: dates arrive as ISO text. */
export interface AnswerJsonRow {
  id: string;
  question_id: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  helped_count: number;
  helped_by_me: boolean;
  deleted_at: string | null;
  hidden_at: string | null;
  hidden_reason: string | null;
  created_at: string;
  edited_at: string | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

export const answerFromJson = (r: AnswerJsonRow): AnswerRow => ({
  id: r.id,
  questionId: r.question_id,
  authorId: r.author_id,
  authorName: r.author_name,
  body: r.body,
  helpedCount: r.helped_count,
  helpedByMe: r.helped_by_me,
  deletedAt: date(r.deleted_at),
  hiddenAt: date(r.hidden_at),
  hiddenReason: r.hidden_reason,
  createdAt: new Date(r.created_at),
  editedAt: date(r.edited_at),
});

const answerColumns = (userId: string) => sql`a.id, a.question_id, a.author_id, au.name AS author_name, a.body, a.helped_count,
  EXISTS (SELECT 1 FROM answer_helped h WHERE h.answer_id = a.id AND h.user_id = ${userId}) AS helped_by_me,
  a.deleted_at, a.hidden_at, a.hidden_reason, a.created_at, a.edited_at`;

/**
 * SQL, for the question page query: one page of the question's answers in the order they came
 * (deleted ones left out, the accepted one too: the page shows it first), as a JSON array; one
 * row more than the page, to tell whether there is a next page. Walks answers_question_idx.
 */
export function answerPageJsonSql(questionId: RawBuilder<unknown>, acceptedId: RawBuilder<unknown>, userId: string, paging: Paging): RawBuilder<AnswerJsonRow[]> {
  const { limit, offset } = pageWindow(paging);
  return sql<AnswerJsonRow[]>`(SELECT coalesce(json_agg(x ORDER BY x.created_at, x.id), '[]') FROM (
    SELECT ${answerColumns(userId)} FROM answers a LEFT JOIN users au ON au.id = a.author_id
    WHERE a.question_id = ${questionId} AND a.deleted_at IS NULL AND a.id IS DISTINCT FROM ${acceptedId}
    ORDER BY a.created_at, a.id LIMIT ${limit} OFFSET ${offset}) x)`;
}

/** SQL: one answer as JSON (the accepted one, for the question page), or NULL. */
export function answerJsonSql(answerId: RawBuilder<unknown>, userId: string): RawBuilder<AnswerJsonRow | null> {
  return sql<AnswerJsonRow | null>`(SELECT row_to_json(x) FROM (
    SELECT ${answerColumns(userId)} FROM answers a LEFT JOIN users au ON au.id = a.author_id WHERE a.id = ${answerId} AND a.deleted_at IS NULL) x)`;
}

export async function insertAnswer(db: DbOrTx, a: { id: string; questionId: string; authorId: string; body: string; now: Date }): Promise<void> {
  await db.insertInto('answers').values({ id: a.id, question_id: a.questionId, author_id: a.authorId, body: a.body, created_at: a.now }).execute();
}

export async function updateAnswerBody(db: DbOrTx, id: string, body: string, now: Date): Promise<void> {
  await db.updateTable('answers').set({ body, edited_at: now }).where('id', '=', id).execute();
}

export async function setAnswerState(db: DbOrTx, id: string, changes: Partial<{ deleted_at: Date | null; hidden_at: Date | null; hidden_by: string | null; hidden_reason: string | null }>): Promise<void> {
  await db.updateTable('answers').set(changes).where('id', '=', id).execute();
}

/**
 * "This helped", once per person: the insert (or delete) reports whether a row changed, and
 * only then does the counter move, so 50 clicks at once leave the count equal to the rows.
 */
export async function addHelped(db: DbOrTx, answerId: string, userId: string, now: Date): Promise<boolean> {
  const inserted = await db.insertInto('answer_helped').values({ answer_id: answerId, user_id: userId, created_at: now }).onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
  if (inserted) await db.updateTable('answers').set((eb) => ({ helped_count: eb('helped_count', '+', 1) })).where('id', '=', answerId).execute();
  return Boolean(inserted);
}

export async function removeHelped(db: DbOrTx, answerId: string, userId: string): Promise<boolean> {
  const deleted = await db.deleteFrom('answer_helped').where('answer_id', '=', answerId).where('user_id', '=', userId).returning('user_id').executeTakeFirst();
  if (deleted) await db.updateTable('answers').set((eb) => ({ helped_count: eb('helped_count', '-', 1) })).where('id', '=', answerId).execute();
  return Boolean(deleted);
}

/** The live answers of a question: to take them out of (or back into) search with it. */
export async function listLiveAnswersForIndex(db: DbOrTx, questionId: string): Promise<{ id: string; body: string; createdAt: Date }[]> {
  return db.selectFrom('answers').select(['id', 'body', 'created_at as createdAt']).where('question_id', '=', questionId).where('deleted_at', 'is', null).where('hidden_at', 'is', null).execute();
}
