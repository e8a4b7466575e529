import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/db/schema.ts';
import type { DigestPeriod } from './mail.models.ts';
import { subjectLateral, toGroup, type NotificationGroup, type Recipient } from './mail.repository.ts';

/**
 * SQL of the digest. Who is due is one statement per batch; the content of a batch of people is
 * one statement per section (notifications, prompts, framework versions), so 10,000 digests are
 * a few hundred statements. The digest reads the prompts' and frameworks' tables directly, in
 * those set-based statements, for that reason.
 */

export interface DigestClaim {
  recipient: Recipient;
  expertise: string[];
  /** Where this digest starts reading: the end of the previous one. */
  since: Date;
}

/**
 * Claims the period for up to `limit` people due for it: a digest_runs row per person, inserted
 * ON CONFLICT DO NOTHING, so of two workers only one gets each person. The previous digest's end
 * is read in the same statement, before the new row exists.
 */
export async function claimDigests(db: DbOrTx, period: DigestPeriod, now: Date, limit: number): Promise<DigestClaim[]> {
  const result = await sql<{ user_id: string; email: string; name: string; locale: Locale; expertise: string[]; since: Date | null }>`
    WITH due AS (
      SELECT u.id, u.email, u.name, u.locale, u.expertise,
        (SELECT max(r.covers_until) FROM digest_runs r WHERE r.user_id = u.id) AS since
      FROM users u
      WHERE u.digest_frequency = ${period.frequency} AND u.status = 'active' AND u.email_bounced_at IS NULL
        -- A subquery per person through the primary key, not an anti-join: with fresh digest_runs
        -- rows and stale statistics the anti-join was a nested loop over all of them (quadratic:
        -- 3 s per batch of 200 at 10,000 people).
        AND (SELECT 1 FROM digest_runs r WHERE r.user_id = u.id AND r.period = ${period.key} LIMIT 1) IS NULL
      LIMIT ${limit}
    ),
    claimed AS (
      INSERT INTO digest_runs (user_id, period, covers_until, created_at)
      SELECT id, ${period.key}, ${now}::timestamptz, ${now}::timestamptz FROM due
      ON CONFLICT DO NOTHING
      RETURNING user_id
    )
    SELECT d.id AS user_id, d.email, d.name, d.locale, d.expertise, d.since FROM claimed c JOIN due d ON d.id = c.user_id`.execute(db);
  const fallback = new Date(now.getTime() - period.lookbackMs);
  return result.rows.map((r) => ({
    recipient: { userId: r.user_id, email: r.email, name: r.name, locale: r.locale },
    expertise: r.expertise,
    since: r.since ?? fallback,
  }));
}

export async function markDigestSent(db: DbOrTx, userId: string, period: string, now: Date): Promise<void> {
  await db.updateTable('digest_runs').set({ sent_at: now }).where('user_id', '=', userId).where('period', '=', period).execute();
}

/** A temporary failure: the claim is given back, so a later run sends this period's digest. */
export async function releaseDigest(db: DbOrTx, userId: string, period: string): Promise<void> {
  await db.deleteFrom('digest_runs').where('user_id', '=', userId).where('period', '=', period).where('sent_at', 'is', null).execute();
}

const window = (claims: DigestClaim[]) => ({ ids: claims.map((c) => c.recipient.userId), sinces: claims.map((c) => c.since.toISOString()) });

/**
 * Digest-channel notifications since each person's previous digest, grouped, with titles read
 * through their permissions now. A new framework version has its own section, so its
 * notification is not listed twice.
 */
export async function digestGroups(db: DbOrTx, claims: DigestClaim[], now: Date): Promise<Map<string, NotificationGroup[]>> {
  const { ids, sinces } = window(claims);
  const result = await sql<{ user_id: string; kind: string; subject_kind: string; subject_id: string; title: string | null; slug: string | null; n: number }>`
    WITH w AS (SELECT * FROM unnest(${ids}::uuid[], ${sinces}::timestamptz[]) AS w(user_id, since))
    SELECT n.user_id, n.kind, n.subject_kind, n.subject_id, s.title, s.slug, count(*)::int AS n, min(n.created_at) AS first
    FROM w JOIN notifications n ON n.user_id = w.user_id AND n.channel = 'digest' AND n.created_at > w.since AND n.created_at <= ${now}::timestamptz
      JOIN users u ON u.id = n.user_id ${subjectLateral}
    WHERE n.kind <> 'framework_published' AND s.title IS NOT NULL
    GROUP BY n.user_id, n.kind, n.subject_kind, n.subject_id, s.title, s.slug
    ORDER BY n.user_id, first`.execute(db);
  return byUser(result.rows, toGroup);
}

export interface WaitingPrompt {
  occurrenceId: string;
  communityName: string;
  text: string;
  closesAt: Date;
}

/** Prompts delivered to each person, still open, not answered, in communities they are still an active member of. */
export async function waitingPrompts(db: DbOrTx, claims: DigestClaim[], now: Date): Promise<Map<string, WaitingPrompt[]>> {
  const { ids } = window(claims);
  const result = await sql<{ user_id: string; occurrence_id: string; community_name: string; text: string; closes_at: Date }>`
    SELECT d.user_id, d.occurrence_id, c.name AS community_name, p.text, d.closes_at
    FROM prompt_deliveries d JOIN prompts p ON p.id = d.prompt_id AND p.cancelled_at IS NULL
      JOIN communities c ON c.id = p.community_id
      JOIN community_members m ON m.community_id = c.id AND m.user_id = d.user_id AND m.status = 'active'
    WHERE d.user_id = ANY(${ids}::uuid[]) AND d.status = 'delivered' AND d.closes_at > ${now}::timestamptz
      AND NOT EXISTS (SELECT 1 FROM prompt_responses r WHERE r.occurrence_id = d.occurrence_id AND r.user_id = d.user_id)
    ORDER BY d.user_id, d.closes_at`.execute(db);
  return byUser(result.rows, (r) => ({ occurrenceId: r.occurrence_id, communityName: r.community_name, text: r.text, closesAt: r.closes_at }));
}

export interface NewFrameworkVersion {
  communityName: string;
  communitySlug: string;
  number: number;
}

/** Framework versions published since each person's previous digest in communities they are an active member of. */
export async function newFrameworkVersions(db: DbOrTx, claims: DigestClaim[], now: Date): Promise<Map<string, NewFrameworkVersion[]>> {
  const { ids, sinces } = window(claims);
  const result = await sql<{ user_id: string; community_name: string; community_slug: string; number: number }>`
    WITH w AS (SELECT * FROM unnest(${ids}::uuid[], ${sinces}::timestamptz[]) AS w(user_id, since))
    SELECT w.user_id, c.name AS community_name, c.slug AS community_slug, v.number
    FROM w JOIN community_members m ON m.user_id = w.user_id AND m.status = 'active'
      JOIN communities c ON c.id = m.community_id
      JOIN frameworks f ON f.community_id = c.id
      JOIN framework_versions v ON v.framework_id = f.id AND v.status = 'published' AND v.published_at > w.since AND v.published_at <= ${now}::timestamptz
    ORDER BY w.user_id, v.published_at`.execute(db);
  return byUser(result.rows, (r) => ({ communityName: r.community_name, communitySlug: r.community_slug, number: r.number }));
}

function byUser<R extends { user_id: string }, T>(rows: R[], map: (row: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.user_id) ?? [];
    list.push(map(row));
    out.set(row.user_id, list);
  }
  return out;
}
