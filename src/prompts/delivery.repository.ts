import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { Locale, PromptAudience, PromptDeliveryStatus, PromptKind, PromptResponseMode, PromptVisibility } from '../platform/db/schema.ts';
import { audienceSql } from './audience.repository.ts';

/**
 * SQL of the delivery engine. Every statement is set-based: one occurrence to 10,000 members is
 * one INSERT … SELECT. The primary key of prompt_deliveries (occurrence, person) is the
 * idempotency key; occurrences are claimed with FOR UPDATE SKIP LOCKED.
 */

/** Serialises everything that counts against the weekly noise budget, across every instance. */
const BUDGET_LOCK = 7_240_001;
export async function lockBudget(tx: DbOrTx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${BUDGET_LOCK})`.execute(tx);
}

export interface DueOccurrence {
  id: string;
  promptId: string;
  number: number;
  communityId: string;
  authorId: string | null;
  audience: PromptAudience;
  responseWindowHours: number;
  reminderAfterHours: number | null;
}

/** The oldest due occurrence no other worker holds, locked for this transaction; cancelled prompts never go out. */
export async function claimDueOccurrence(tx: DbOrTx, now: Date): Promise<DueOccurrence | undefined> {
  const row = await tx
    .selectFrom('prompt_occurrences as o')
    .innerJoin('prompts as p', 'p.id', 'o.prompt_id')
    .select(['o.id', 'o.prompt_id', 'o.number', 'p.community_id', 'p.author_id', 'p.audience', 'p.response_window_hours', 'p.reminder_after_hours'])
    .where('o.delivered_at', 'is', null)
    .where('o.scheduled_for', '<=', now)
    .where('p.cancelled_at', 'is', null)
    .orderBy('o.scheduled_for')
    .limit(1)
    .forUpdate(['o'])
    .skipLocked()
    .executeTakeFirst();
  return row && {
    id: row.id, promptId: row.prompt_id, number: row.number, communityId: row.community_id, authorId: row.author_id, audience: row.audience,
    responseWindowHours: row.response_window_hours, reminderAfterHours: row.reminder_after_hours,
  };
}

export type DeliveryCounts = Record<PromptDeliveryStatus, number>;
const emptyCounts = (): DeliveryCounts => ({ delivered: 0, held: 0, snoozed: 0, opted_out: 0 });

/**
 * Delivers one occurrence to its audience as it is now: opted out of the community, snoozed,
 * over this week's budget (held for a later week), or delivered. Returns the counts per status.
 */
export async function insertDeliveries(tx: DbOrTx, occurrence: DueOccurrence, now: Date, week: string, window: { closesAt: Date; remindAt: Date | null }): Promise<DeliveryCounts> {
  const result = await sql<{ status: PromptDeliveryStatus; n: number }>`
    WITH audience AS (${audienceSql(occurrence.communityId, occurrence.audience, now, occurrence.authorId)}),
    decided AS (
      SELECT a.user_id, a.prompt_email,
        CASE WHEN EXISTS (SELECT 1 FROM prompt_opt_outs x WHERE x.user_id = a.user_id AND x.community_id = ${occurrence.communityId}::uuid) THEN 'opted_out'
             WHEN a.prompts_snoozed_until > ${now}::timestamptz THEN 'snoozed'
             WHEN used.n >= org.prompt_budget_per_week THEN 'held'
             ELSE 'delivered' END AS status
      FROM audience a JOIN organisations org ON org.id = a.organisation_id
      -- Per member through prompt_deliveries_budget_idx: linear whatever the statistics say. A
      -- semi-join of this week's deliveries against the audience was planned as a nested loop
      -- over the CTE when the table's statistics were stale (3.5 s for a second prompt to
      -- 10,000 members in one week; quadratic in the audience).
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS n FROM prompt_deliveries d WHERE d.user_id = a.user_id AND d.week_start = ${week}::date AND d.status = 'delivered'
      ) used
    ),
    inserted AS (
      INSERT INTO prompt_deliveries (occurrence_id, user_id, prompt_id, status, week_start, delivered_at, closes_at, remind_at, mail_wanted, created_at)
      SELECT ${occurrence.id}::uuid, d.user_id, ${occurrence.promptId}::uuid, d.status, ${week}::date,
        CASE WHEN d.status = 'delivered' THEN ${now}::timestamptz END,
        CASE WHEN d.status = 'delivered' THEN ${window.closesAt}::timestamptz END,
        CASE WHEN d.status = 'delivered' THEN ${window.remindAt}::timestamptz END,
        d.status = 'delivered' AND d.prompt_email,
        ${now}::timestamptz
      FROM decided d
      ON CONFLICT DO NOTHING
      RETURNING status
    )
    SELECT status, count(*)::int AS n FROM inserted GROUP BY status`.execute(tx);
  const counts = emptyCounts();
  for (const row of result.rows) counts[row.status] = row.n;
  return counts;
}

export async function markOccurrenceDelivered(tx: DbOrTx, occurrenceId: string, now: Date): Promise<void> {
  await tx.updateTable('prompt_occurrences').set({ delivered_at: now }).where('id', '=', occurrenceId).execute();
}

/**
 * Held deliveries of earlier weeks go out now, oldest first, as far as each person's budget for
 * this week allows; not while they are snoozed, opted out or no longer an active member.
 */
export async function releaseHeld(tx: DbOrTx, now: Date, week: string): Promise<{ promptId: string; occurrenceId: string; communityId: string; userId: string }[]> {
  const result = await sql<{ prompt_id: string; occurrence_id: string; community_id: string; user_id: string }>`
    WITH used AS (
      SELECT user_id, count(*)::int AS n FROM prompt_deliveries WHERE status = 'delivered' AND week_start = ${week}::date GROUP BY user_id
    ),
    candidates AS (
      SELECT d.occurrence_id, d.user_id, p.community_id, p.response_window_hours, p.reminder_after_hours, u.prompt_email,
        row_number() OVER (PARTITION BY d.user_id ORDER BY d.created_at, d.occurrence_id) AS rn,
        org.prompt_budget_per_week - coalesce(used.n, 0) AS room
      FROM prompt_deliveries d
      JOIN prompts p ON p.id = d.prompt_id AND p.cancelled_at IS NULL
      JOIN users u ON u.id = d.user_id AND u.status = 'active' AND (u.prompts_snoozed_until IS NULL OR u.prompts_snoozed_until <= ${now}::timestamptz)
      JOIN organisations org ON org.id = u.organisation_id
      JOIN community_members m ON m.community_id = p.community_id AND m.user_id = d.user_id AND m.status = 'active'
      LEFT JOIN used ON used.user_id = d.user_id
      WHERE d.status = 'held' AND d.week_start < ${week}::date
        AND NOT EXISTS (SELECT 1 FROM prompt_opt_outs x WHERE x.user_id = d.user_id AND x.community_id = p.community_id)
    )
    UPDATE prompt_deliveries d SET
      status = 'delivered', week_start = ${week}::date, delivered_at = ${now}::timestamptz,
      closes_at = ${now}::timestamptz + make_interval(hours => c.response_window_hours),
      remind_at = CASE WHEN c.reminder_after_hours < c.response_window_hours THEN ${now}::timestamptz + make_interval(hours => c.reminder_after_hours) END,
      mail_wanted = c.prompt_email
    FROM candidates c
    WHERE d.occurrence_id = c.occurrence_id AND d.user_id = c.user_id AND c.rn <= c.room
    RETURNING d.prompt_id, d.occurrence_id, c.community_id, d.user_id`.execute(tx);
  return result.rows.map((r) => ({ promptId: r.prompt_id, occurrenceId: r.occurrence_id, communityId: r.community_id, userId: r.user_id }));
}

/** What a prompt mail (or reminder) needs about its recipient and its prompt. */
export interface MailItem {
  occurrenceId: string;
  userId: string;
  email: string;
  name: string;
  locale: Locale;
  communityName: string;
  kind: PromptKind;
  text: string;
  responseMode: PromptResponseMode;
  visibility: PromptVisibility;
  pollOptions: string[];
  closesAt: Date;
}

const mailItemColumns = sql`d.occurrence_id, d.user_id, u.email, u.name, u.locale, c.name AS community_name, p.kind, p.text, p.response_mode,
  p.response_visibility, p.poll_options, d.closes_at`;

interface MailItemRow {
  occurrence_id: string;
  user_id: string;
  email: string;
  name: string;
  locale: Locale;
  community_name: string;
  kind: PromptKind;
  text: string;
  response_mode: PromptResponseMode;
  response_visibility: PromptVisibility;
  poll_options: string[];
  closes_at: Date;
}

const toMailItem = (r: MailItemRow): MailItem => ({
  occurrenceId: r.occurrence_id, userId: r.user_id, email: r.email, name: r.name, locale: r.locale, communityName: r.community_name, kind: r.kind, text: r.text,
  responseMode: r.response_mode, visibility: r.response_visibility, pollOptions: r.poll_options, closesAt: r.closes_at,
});

/** Still someone to mail about this delivery: an active account, no bounced address, still an active member. */
const stillMailable = (d: string) => sql`EXISTS (
  SELECT 1 FROM users mu JOIN prompts mp ON mp.id = ${sql.ref(`${d}.prompt_id`)}
  JOIN community_members mm ON mm.community_id = mp.community_id AND mm.user_id = mu.id AND mm.status = 'active'
  WHERE mu.id = ${sql.ref(`${d}.user_id`)} AND mu.status = 'active' AND mu.email_bounced_at IS NULL AND mp.cancelled_at IS NULL)`;

/** Mail no longer wanted: the account was deactivated, its address bounced, or the person left the community. */
export async function dropUnmailable(db: DbOrTx): Promise<void> {
  await sql`UPDATE prompt_deliveries d SET mail_wanted = false WHERE d.mail_wanted AND d.mailed_at IS NULL AND NOT ${stillMailable('d')}`.execute(db);
}

/**
 * Claims up to `limit` deliveries whose mail is still to be sent (or whose claim went stale: a
 * sender that crashed ten minutes ago). Claimed rows are skipped by every other sender.
 * `claimAt` is this batch's own moment (the run's clock plus the time the run has taken), so a
 * long run's claims never look stale to a run that starts later.
 */
export async function claimMails(tx: DbOrTx, claimAt: Date, limit: number): Promise<MailItem[]> {
  const now = claimAt;
  const result = await sql<MailItemRow>`
    WITH claimed AS (
      UPDATE prompt_deliveries d SET mail_claimed_at = ${now}::timestamptz
      WHERE (d.occurrence_id, d.user_id) IN (
        SELECT occurrence_id, user_id FROM prompt_deliveries
        WHERE mail_wanted AND mailed_at IS NULL AND status = 'delivered'
          AND (mail_claimed_at IS NULL OR mail_claimed_at < ${now}::timestamptz - interval '10 minutes')
        ORDER BY delivered_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING d.*
    )
    SELECT ${mailItemColumns} FROM claimed d JOIN users u ON u.id = d.user_id JOIN prompts p ON p.id = d.prompt_id JOIN communities c ON c.id = p.community_id`.execute(tx);
  return result.rows.map(toMailItem);
}

/** Only rows this sender still holds (claimed at `claimAt`) are marked. */
export async function markMailed(db: DbOrTx, items: readonly { occurrenceId: string; userId: string }[], claimAt: Date, sent: boolean): Promise<void> {
  if (items.length === 0) return;
  const keys = sql.join(items.map((i) => sql`(${i.occurrenceId}::uuid, ${i.userId}::uuid)`));
  const mine = sql`(occurrence_id, user_id) IN (${keys}) AND mail_claimed_at = ${claimAt}::timestamptz`;
  // Sent: done. Not sent: the claim is dropped, so the next run tries again.
  if (sent) await sql`UPDATE prompt_deliveries SET mailed_at = ${claimAt}::timestamptz WHERE ${mine}`.execute(db);
  else await sql`UPDATE prompt_deliveries SET mail_claimed_at = NULL WHERE ${mine}`.execute(db);
}

/**
 * The single reminder: deliveries whose reminder moment has come, still open and not yet
 * answered. Marked in the same statement, so each person is reminded once.
 */
export async function claimReminders(tx: DbOrTx, now: Date, limit: number): Promise<(MailItem & { wantsMail: boolean })[]> {
  const result = await sql<MailItemRow & { prompt_email: boolean }>`
    WITH claimed AS (
      UPDATE prompt_deliveries d SET reminded_at = ${now}::timestamptz
      WHERE (d.occurrence_id, d.user_id) IN (
        SELECT x.occurrence_id, x.user_id FROM prompt_deliveries x
        WHERE x.reminded_at IS NULL AND x.remind_at <= ${now}::timestamptz AND x.status = 'delivered' AND x.closes_at > ${now}::timestamptz
          AND NOT EXISTS (SELECT 1 FROM prompt_responses r WHERE r.occurrence_id = x.occurrence_id AND r.user_id = x.user_id)
        ORDER BY x.remind_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING d.*
    )
    SELECT ${mailItemColumns}, u.prompt_email FROM claimed d JOIN users u ON u.id = d.user_id JOIN prompts p ON p.id = d.prompt_id JOIN communities c ON c.id = p.community_id
    WHERE ${stillMailable('d')}`.execute(tx);
  return result.rows.map((r) => ({ ...toMailItem(r), wantsMail: r.prompt_email }));
}

/** The database's clock: schedules run on it, so every instance agrees on what is due. */
export async function databaseNow(db: DbOrTx): Promise<Date> {
  const result = await sql<{ now: Date }>`SELECT now() AS now`.execute(db);
  return result.rows[0]?.now ?? new Date();
}
