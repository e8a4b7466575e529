import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import type { QueuedMailMessage } from '../db/schema.ts';

export interface QueuedMail {
  id: string;
  purpose: string;
  message: QueuedMailMessage;
  attempts: number;
}

export async function queueMail(db: DbOrTx, row: { id: string; purpose: string; message: QueuedMailMessage; nextAt: Date; error: string }): Promise<void> {
  await db.insertInto('mail_retries').values({ id: row.id, purpose: row.purpose, message: JSON.stringify(row.message), next_at: row.nextAt, last_error: row.error }).execute();
}

/**
 * Claims up to `limit` due mails for this worker: their next attempt moves `leaseMs` ahead and
 * commits before anything is sent, so a second worker never takes the same mail meanwhile.
 */
export async function claimDueMails(db: DbOrTx, now: Date, leaseMs: number, limit: number): Promise<QueuedMail[]> {
  const { rows } = await sql<QueuedMail>`
    UPDATE mail_retries SET next_at = ${new Date(now.getTime() + leaseMs)}
    WHERE id IN (SELECT id FROM mail_retries WHERE next_at <= ${now} ORDER BY next_at FOR UPDATE SKIP LOCKED LIMIT ${limit})
    RETURNING id, purpose, message, attempts`.execute(db);
  return rows;
}

export async function deleteQueuedMail(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('mail_retries').where('id', '=', id).execute();
}

export async function postponeQueuedMail(db: DbOrTx, id: string, nextAt: Date, error: string): Promise<void> {
  await db.updateTable('mail_retries').set((eb) => ({ attempts: eb('attempts', '+', 1), next_at: nextAt, last_error: error })).where('id', '=', id).execute();
}
