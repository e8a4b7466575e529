import { createHmac, timingSafeEqual } from 'node:crypto';
import { addDays, instantToLocal, weekStartOf } from '../../platform/local-time.ts';
import type { Category } from '../notifications.models.ts';

/** Pure rules of notification mail: subjects, SMTP failures, digest periods, unsubscribe tokens. */

/**
 * A subject is one line: titles and names come from users, and a CR/LF in a header would start a
 * new header (or the body). Control characters become spaces; long subjects are cut.
 */
export function oneLine(value: string, max = 150): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export { isPermanentFailure } from '../../platform/mail/mailer.ts';

/** What unsubscribe links turn off: a notification category's mail, or the digest. */
export const MAIL_CATEGORIES = ['direct', 'activity', 'community', 'digest'] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];
export const isMailCategory = (value: string): value is MailCategory => (MAIL_CATEGORIES as readonly string[]).includes(value);
export const mailableCategory = (category: Category): MailCategory | null => (category === 'own_mail' ? null : category);

/** Digests go out from 07:00 in Amsterdam: daily every day, weekly on Monday. */
export const DIGEST_HOUR = '07:00';

export interface DigestPeriod {
  frequency: 'daily' | 'weekly';
  /** The idempotency key of digest_runs: 'd:2026-11-30' or 'w:2026-11-30' (the Monday). */
  key: string;
  /** How far back a first digest reads. */
  lookbackMs: number;
}

/**
 * The periods due at an instant: the latest 07:00 that has passed (daily) and the latest Monday
 * 07:00 (weekly). A run that missed 07:00 (a crash, a deploy) still sends the period later.
 */
export function duePeriods(now: Date): DigestPeriod[] {
  const { date, time } = instantToLocal(now);
  const day = time >= DIGEST_HOUR ? date : addDays(date, -1);
  const monday = weekStartOf(now);
  const week = date === monday && time < DIGEST_HOUR ? addDays(monday, -7) : monday;
  return [
    { frequency: 'daily', key: `d:${day}`, lookbackMs: 86_400_000 },
    { frequency: 'weekly', key: `w:${week}`, lookbackMs: 7 * 86_400_000 },
  ];
}

// Unsubscribe tokens --------------------------------------------------------------------------

/**
 * `base64url(userId.category).base64url(HMAC-SHA256(key, same), first 16 bytes)`: the link is the authorisation,
 * so it needs no log-in; changing a single character of it breaks the signature. No expiry: an
 * unsubscribe link in an old mail must keep working (RFC 8058 asks that of one-click links).
 */
export function signUnsubscribeToken(key: string, userId: string, category: MailCategory): string {
  const payload = Buffer.from(`${userId}.${category}`).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

export function readUnsubscribeToken(key: string, token: string): { userId: string; category: MailCategory } | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0 || token.length > 200) return null;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [userId, category, ...more] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
  if (!userId || !category || more.length > 0 || !/^[0-9a-f-]{36}$/.test(userId) || !isMailCategory(category)) return null;
  return { userId, category };
}

/** HMAC-SHA256 cut to 128 bits (RFC 2104 allows it): the whole token stays under Fastify's 100-character path parameter limit. */
const sign = (key: string, payload: string) => createHmac('sha256', key).update(payload).digest().subarray(0, 16).toString('base64url');
