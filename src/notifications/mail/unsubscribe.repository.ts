import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.ts';
import { KINDS } from '../notifications.models.ts';
import type { MailCategory } from './mail.models.ts';

export async function userExists(db: DbOrTx, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst());
}

/**
 * No more mail for a category: the preference for every community becomes "in the notification
 * centre only" (what was off stays off), per-community choices that mailed become in-app too,
 * and what is still waiting to be mailed in that category is not mailed.
 */
export async function stopCategoryMail(db: DbOrTx, userId: string, category: Exclude<MailCategory, 'digest'>, now: Date): Promise<void> {
  const kinds = Object.entries(KINDS).filter(([, c]) => c === category).map(([kind]) => kind);
  await db.transaction().execute(async (tx) => {
    await sql`INSERT INTO notification_preferences (user_id, category, community_id, channel, updated_at)
      VALUES (${userId}::uuid, ${category}, NULL, 'in_app', ${now}::timestamptz)
      ON CONFLICT (user_id, category, coalesce(community_id, '00000000-0000-0000-0000-000000000000'))
      DO UPDATE SET channel = CASE WHEN notification_preferences.channel = 'off' THEN 'off' ELSE 'in_app' END, updated_at = excluded.updated_at`.execute(tx);
    await tx.updateTable('notification_preferences').set({ channel: 'in_app', updated_at: now })
      .where('user_id', '=', userId).where('category', '=', category).where('community_id', 'is not', null).where('channel', 'in', ['immediate', 'digest']).execute();
    await tx.updateTable('notifications').set({ channel: 'in_app', mail_next_attempt_at: null })
      .where('user_id', '=', userId).where('kind', 'in', kinds).where('channel', 'in', ['immediate', 'digest']).where('mailed_at', 'is', null).where('mail_claimed_at', 'is', null).execute();
  });
}

export async function stopDigest(db: DbOrTx, userId: string): Promise<void> {
  await db.updateTable('users').set({ digest_frequency: 'off' }).where('id', '=', userId).execute();
}
