import { randomBytes } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/db/schema.ts';
import { userSeesCommunitySql } from '../../communities/communities.policies.ts';
import { LIVE_CHANNEL } from '../outbox.ts';

/**
 * SQL of notification mail. Notifications reference what they are about; the title is read
 * here, at send time, through the visibility rule of the recipient (`userSeesCommunitySql`), so a
 * mail never carries a title the person can no longer see. `n` names a notifications row and `u`
 * its recipient's users row.
 */
export const subjectLateral = sql`LEFT JOIN LATERAL (
    SELECT q.title, NULL::text AS slug FROM questions q JOIN communities c ON c.id = q.community_id
    WHERE n.subject_kind = 'question' AND q.id = n.subject_id AND q.deleted_at IS NULL AND q.hidden_at IS NULL AND ${userSeesCommunitySql('u', 'c')}
    UNION ALL
    SELECT p.title, NULL::text FROM practices p JOIN communities c ON c.id = coalesce(n.community_id, p.community_id)
    WHERE n.subject_kind = 'practice' AND p.id = n.subject_id AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND ${userSeesCommunitySql('u', 'c')}
    UNION ALL
    SELECT c.name, c.slug FROM communities c
    WHERE n.subject_kind IN ('framework', 'community') AND c.id = n.subject_id AND ${userSeesCommunitySql('u', 'c')}
    LIMIT 1
  ) s ON true`;

export interface Recipient {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
}

/** One line of a mail: one kind about one thing, with how many there were. */
export interface NotificationGroup {
  kind: string;
  subjectKind: string;
  subjectId: string;
  /** Null: the person can no longer see it; it is left out. */
  title: string | null;
  slug: string | null;
  count: number;
}

// E-mail at once ------------------------------------------------------------------------------

/** Due to be mailed, and not held by another sender (a claim older than ten minutes is a crashed sender's). */
function pendingImmediate(alias: string, now: Date): RawBuilder<unknown> {
  const a = (column: string) => sql.ref(`${alias}.${column}`);
  return sql`${a('channel')} = 'immediate' AND ${a('mailed_at')} IS NULL AND ${a('mail_next_attempt_at')} <= ${now}::timestamptz
    AND (${a('mail_claimed_at')} IS NULL OR ${a('mail_claimed_at')} < ${now}::timestamptz - interval '10 minutes')`;
}

/**
 * Bounced addresses and accounts no longer active get no mail: their pending notifications are
 * given up (no next attempt; mailed_at stays empty, as they were never mailed), so the minute job
 * does not read them again. They stay in the notification centre.
 */
export async function giveUpUndeliverable(db: DbOrTx): Promise<void> {
  await sql`UPDATE notifications n SET mail_next_attempt_at = NULL
    FROM users u WHERE u.id = n.user_id AND (u.email_bounced_at IS NOT NULL OR u.status <> 'active')
      AND n.channel = 'immediate' AND n.mailed_at IS NULL AND n.mail_next_attempt_at IS NOT NULL`.execute(db);
}

export interface ClaimedBatch {
  recipient: Recipient;
  ids: string[];
  maxAttempts: number;
}

/**
 * Claims every pending notification of up to `limit` people whose oldest pending one is at least
 * `batchMs` old (so a burst becomes one mail). The person is locked (SKIP LOCKED) and the claim
 * is re-checked on each updated row, so two senders never claim the same notification, nor split
 * one person's notifications between them.
 */
export async function claimImmediate(db: DbOrTx, now: Date, batchMs: number, limit: number): Promise<ClaimedBatch[]> {
  const result = await sql<{ user_id: string; email: string; name: string; locale: Locale; ids: string[]; max_attempts: number }>`
    WITH due AS (
      SELECT n.user_id FROM notifications n
      WHERE ${pendingImmediate('n', now)}
      GROUP BY n.user_id
      HAVING min(n.created_at) <= ${new Date(now.getTime() - batchMs)}::timestamptz
      LIMIT ${limit}
    ),
    -- One sender per person: the person's row is the lock, so two senders never split one
    -- person's notifications into two mails. (NO KEY: inserts that reference the user still go on.)
    people AS (
      SELECT u.id FROM users u WHERE u.id IN (SELECT user_id FROM due) ORDER BY u.id FOR NO KEY UPDATE SKIP LOCKED
    ),
    claimed AS (
      UPDATE notifications n SET mail_claimed_at = ${now}::timestamptz
      WHERE n.user_id IN (SELECT id FROM people) AND ${pendingImmediate('n', now)}
      RETURNING n.id, n.user_id, n.mail_attempts
    )
    SELECT c.user_id, u.email, u.name, u.locale, array_agg(c.id) AS ids, max(c.mail_attempts)::int AS max_attempts
    FROM claimed c JOIN users u ON u.id = c.user_id
    GROUP BY c.user_id, u.email, u.name, u.locale`.execute(db);
  return result.rows.map((r) => ({ recipient: { userId: r.user_id, email: r.email, name: r.name, locale: r.locale }, ids: r.ids, maxAttempts: r.max_attempts }));
}

/** The claimed notifications grouped per kind and subject, with the titles the person may see now. */
export async function groupsOf(db: DbOrTx, ids: string[]): Promise<NotificationGroup[]> {
  if (ids.length === 0) return [];
  const result = await sql<{ kind: string; subject_kind: string; subject_id: string; title: string | null; slug: string | null; n: number; first: Date }>`
    SELECT n.kind, n.subject_kind, n.subject_id, s.title, s.slug, count(*)::int AS n, min(n.created_at) AS first
    FROM notifications n JOIN users u ON u.id = n.user_id ${subjectLateral}
    WHERE n.id = ANY(${ids}::uuid[])
    GROUP BY n.kind, n.subject_kind, n.subject_id, s.title, s.slug
    ORDER BY first, n.kind`.execute(db);
  return result.rows.map(toGroup);
}

export const toGroup = (r: { kind: string; subject_kind: string; subject_id: string; title: string | null; slug: string | null; n: number }): NotificationGroup => ({
  kind: r.kind, subjectKind: r.subject_kind, subjectId: r.subject_id, title: r.title, slug: r.slug, count: r.n,
});

export async function markSent(db: DbOrTx, ids: string[], now: Date): Promise<void> {
  if (ids.length > 0) await db.updateTable('notifications').set({ mailed_at: now }).where('id', 'in', ids).execute();
}

/** Nothing left to mail (the person can no longer see any of it): never tried again. */
export async function markGivenUp(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.updateTable('notifications').set({ mail_next_attempt_at: null, mail_claimed_at: null }).where('id', 'in', ids).execute();
}

/** A temporary failure: the claim is dropped and the next attempt waits (backoff). */
export async function markRetry(db: DbOrTx, ids: string[], nextAttemptAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('notifications')
    .set((eb) => ({ mail_claimed_at: null, mail_attempts: eb('mail_attempts', '+', 1), mail_next_attempt_at: nextAttemptAt }))
    .where('id', 'in', ids).execute();
}

/**
 * A permanent failure: no more mail to this address (until it changes), pending mail given up,
 * and the person is told in the notification centre (one such notification per person: event 0).
 */
export async function markBounced(db: DbOrTx, userId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ email_bounced_at: now }).where('id', '=', userId).where('email_bounced_at', 'is', null).execute();
    await tx.updateTable('notifications').set({ mail_next_attempt_at: null, mail_claimed_at: null })
      .where('user_id', '=', userId).where('channel', '=', 'immediate').where('mailed_at', 'is', null).execute();
    await sql`INSERT INTO notifications (id, user_id, kind, community_id, subject_kind, subject_id, actor_id, data, channel, created_at, event_id)
      VALUES (gen_random_uuid(), ${userId}::uuid, 'email_bounced', NULL, 'account', ${userId}::uuid, NULL, '{}'::jsonb, 'in_app', ${now}::timestamptz, 0)
      ON CONFLICT DO NOTHING`.execute(tx);
    await sql`SELECT pg_notify(${LIVE_CHANNEL}, ${userId}::text)`.execute(tx);
  });
}

// Unsubscribe key -----------------------------------------------------------------------------

const KEY_NAME = 'unsubscribe_hmac_key';

/** The signing key, made by whichever instance needs it first; every instance reads the same one. */
export async function unsubscribeKey(db: DbOrTx): Promise<string> {
  await db.insertInto('platform_secrets').values({ name: KEY_NAME, value: randomBytes(32).toString('base64url') }).onConflict((oc) => oc.doNothing()).execute();
  const row = await db.selectFrom('platform_secrets').select('value').where('name', '=', KEY_NAME).executeTakeFirstOrThrow();
  return row.value;
}
