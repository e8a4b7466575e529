import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { PromptDeliveryStatus } from '../platform/db/schema.ts';
import { isUuid } from '../platform/text.ts';

/** SQL of what the sender sees: counts per occurrence, the poll distribution, and the answers. */

export interface OccurrenceCounts {
  occurrenceId: string;
  delivered: number;
  held: number;
  snoozed: number;
  optedOut: number;
  responded: number;
}

export async function countPerOccurrence(db: DbOrTx, promptId: string): Promise<OccurrenceCounts[]> {
  const rows = await sql<{ occurrence_id: string; status: PromptDeliveryStatus | null; n: number; responded: number }>`
    SELECT o.id AS occurrence_id, d.status, count(d.user_id)::int AS n,
      count(r.id)::int AS responded
    FROM prompt_occurrences o
    LEFT JOIN prompt_deliveries d ON d.occurrence_id = o.id
    LEFT JOIN prompt_responses r ON r.occurrence_id = d.occurrence_id AND r.user_id = d.user_id
    WHERE o.prompt_id = ${promptId}::uuid
    GROUP BY o.id, o.number, d.status ORDER BY o.number`.execute(db);
  const byOccurrence = new Map<string, OccurrenceCounts>();
  for (const row of rows.rows) {
    const counts = byOccurrence.get(row.occurrence_id) ?? { occurrenceId: row.occurrence_id, delivered: 0, held: 0, snoozed: 0, optedOut: 0, responded: 0 };
    if (row.status === 'opted_out') counts.optedOut += row.n;
    else if (row.status) counts[row.status] += row.n;
    counts.responded += row.responded;
    byOccurrence.set(row.occurrence_id, counts);
  }
  return [...byOccurrence.values()];
}

/** How many chose each option (by position), over all occurrences. */
export async function countChoices(db: DbOrTx, promptId: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('prompt_responses')
    .select(['choice', sql<number>`count(*)::int`.as('n')])
    .where('prompt_id', '=', promptId)
    .where('choice', 'is not', null)
    .groupBy('choice')
    .execute();
  return new Map(rows.map((r) => [r.choice as number, r.n]));
}

export interface NamedResponseRow {
  id: string;
  occurrenceId: string;
  userId: string;
  name: string;
  choice: number | null;
  body: string;
  mayReuse: boolean;
  updatedAt: Date;
}

/** Answers with their authors: for prompts whose answers are not anonymous. */
export async function listNamedResponses(db: DbOrTx, promptId: string, limit: number): Promise<NamedResponseRow[]> {
  const rows = await db
    .selectFrom('prompt_responses as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.occurrence_id', 'r.user_id', 'u.name', 'r.choice', 'r.body', 'r.may_reuse', 'r.updated_at'])
    .where('r.prompt_id', '=', promptId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, occurrenceId: r.occurrence_id, userId: r.user_id, name: r.name, choice: r.choice, body: r.body, mayReuse: r.may_reuse, updatedAt: r.updated_at }));
}

/**
 * The texts of anonymous answers, and nothing else: no author, no id, no time, no occurrence.
 * Ordered by the answer's random id, so the order says nothing about who answered when.
 */
export async function listAnonymousTexts(db: DbOrTx, promptId: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('prompt_responses').select('body').where('prompt_id', '=', promptId).where('body', '<>', '').orderBy('id').limit(limit).execute();
  return rows.map((r) => r.body);
}

export async function findNamedResponse(db: DbOrTx, responseId: string): Promise<(NamedResponseRow & { promptId: string }) | undefined> {
  if (!isUuid(responseId)) return undefined;
  const r = await db
    .selectFrom('prompt_responses as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.prompt_id', 'r.occurrence_id', 'r.user_id', 'u.name', 'r.choice', 'r.body', 'r.may_reuse', 'r.updated_at'])
    .where('r.id', '=', responseId)
    .executeTakeFirst();
  return r && { id: r.id, promptId: r.prompt_id, occurrenceId: r.occurrence_id, userId: r.user_id, name: r.name, choice: r.choice, body: r.body, mayReuse: r.may_reuse, updatedAt: r.updated_at };
}
