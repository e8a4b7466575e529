import type { DbOrTx } from '../platform/db/database.ts';

/** SQL for revisions: every version of a question or an answer, the first included. */

export interface RevisionRow {
  id: string;
  editorId: string | null;
  editorName: string | null;
  title: string | null;
  body: string;
  tags: string[] | null;
  createdAt: Date;
}

export async function insertRevision(db: DbOrTx, r: { id: string; questionId: string; answerId: string | null; editorId: string; title: string | null; body: string; tags: string[] | null; now: Date }): Promise<void> {
  await db
    .insertInto('revisions')
    .values({ id: r.id, question_id: r.questionId, answer_id: r.answerId, editor_id: r.editorId, title: r.title, body: r.body, tags: r.tags, created_at: r.now })
    .execute();
}

/** Versions of a question (answerId null) or of one answer: the newest `limit`, oldest first. */
export async function listRevisions(db: DbOrTx, questionId: string, answerId: string | null, limit: number): Promise<RevisionRow[]> {
  const rows = await db
    .selectFrom('revisions as r')
    .leftJoin('users as u', 'u.id', 'r.editor_id')
    .select(['r.id', 'r.editor_id', 'u.name as editor_name', 'r.title', 'r.body', 'r.tags', 'r.created_at'])
    .where('r.question_id', '=', questionId)
    .where((eb) => (answerId ? eb('r.answer_id', '=', answerId) : eb('r.answer_id', 'is', null)))
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  // The newest `limit` versions, shown oldest first.
  return rows.reverse().map((r) => ({ id: r.id, editorId: r.editor_id, editorName: r.editor_name, title: r.title, body: r.body, tags: r.tags, createdAt: r.created_at }));
}
