import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { FrameworkResponseKind, FrameworkResponseStatus, FrameworkResponseTarget } from '../../platform/db/schema.ts';

/** The SQL of member responses to a framework (migrations/0008). */

/**
 * A response as stored. authorId and authorName are here for the use cases only: they strip
 * both for unsigned responses (and the SQL already leaves the name out for those).
 */
export interface ResponseRow {
  id: string;
  frameworkId: string;
  versionId: string;
  target: FrameworkResponseTarget;
  learningQuestionId: string | null;
  kind: FrameworkResponseKind;
  body: string;
  signed: boolean;
  authorId: string | null;
  authorName: string | null;
  status: FrameworkResponseStatus;
  reply: string;
  repliedAt: Date | null;
  creditProposer: boolean;
  createdAt: Date;
}

function responseQuery(db: DbOrTx) {
  return db
    .selectFrom('framework_responses as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select([
      'r.id',
      'r.framework_id as frameworkId',
      'r.version_id as versionId',
      'r.target',
      'r.learning_question_id as learningQuestionId',
      'r.kind',
      'r.body',
      'r.signed',
      'r.author_id as authorId',
      sql<string | null>`CASE WHEN r.signed THEN u.name END`.as('authorName'),
      'r.status',
      'r.reply',
      'r.replied_at as repliedAt',
      'r.credit_proposer as creditProposer',
      'r.created_at as createdAt',
    ]);
}

/** All responses to the framework, oldest first (at most `limit`). */
export async function listResponses(db: DbOrTx, frameworkId: string, limit = 1000): Promise<ResponseRow[]> {
  return responseQuery(db).where('r.framework_id', '=', frameworkId).orderBy('r.created_at').orderBy('r.id').limit(limit).execute();
}

/** Answered flags and proposals: their reply is for everyone who can read the framework. */
export async function listAnswered(db: DbOrTx, frameworkId: string, limit = 500): Promise<ResponseRow[]> {
  return responseQuery(db).where('r.framework_id', '=', frameworkId).where('r.status', '<>', 'open').orderBy('r.replied_at', 'desc').limit(limit).execute();
}

export async function findResponse(db: DbOrTx, frameworkId: string, id: string, options: { lock?: boolean } = {}): Promise<ResponseRow | undefined> {
  let query = responseQuery(db).where('r.framework_id', '=', frameworkId).where('r.id', '=', id);
  if (options.lock) query = query.forUpdate('r');
  return query.executeTakeFirst();
}

export interface NewResponse {
  id: string;
  frameworkId: string;
  versionId: string;
  target: FrameworkResponseTarget;
  learningQuestionId: string | null;
  kind: FrameworkResponseKind;
  body: string;
  signed: boolean;
  authorId: string;
  now: Date;
}

export async function insertResponse(db: DbOrTx, r: NewResponse): Promise<void> {
  await db
    .insertInto('framework_responses')
    .values({ id: r.id, framework_id: r.frameworkId, version_id: r.versionId, target: r.target, learning_question_id: r.learningQuestionId, kind: r.kind, body: r.body, signed: r.signed, author_id: r.authorId, created_at: r.now })
    .execute();
}

export async function replyToResponse(db: DbOrTx, id: string, input: { status: FrameworkResponseStatus; reply: string; creditProposer: boolean; repliedBy: string; now: Date }): Promise<void> {
  await db
    .updateTable('framework_responses')
    .set({ status: input.status, reply: input.reply, credit_proposer: input.creditProposer, replied_by: input.repliedBy, replied_at: input.now })
    .where('id', '=', id)
    .execute();
}

/** Open "unclear" flags per learning question of a framework: counts only, for the signals. */
export async function countOpenUnclearByLearningQuestion(db: DbOrTx, frameworkId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('framework_responses')
    .select(['learning_question_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('framework_id', '=', frameworkId)
    .where('kind', '=', 'unclear')
    .where('status', '=', 'open')
    .where('learning_question_id', 'is not', null)
    .groupBy('learning_question_id')
    .execute();
  return new Map(rows.map((r) => [r.learning_question_id as string, Number(r.count)]));
}
