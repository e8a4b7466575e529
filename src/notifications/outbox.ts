import { sql } from 'kysely';
import type { Deps } from '../platform/deps.ts';
import type { Tx } from '../platform/db/database.ts';
import { userSeesCommunitySql } from '../communities/communities.policies.ts';
import { DEFAULT_CHANNEL, KINDS } from './notifications.models.ts';
import { rulesFor, type Fanout } from './rules.ts';

/**
 * Turns the outbox's events into notifications, in event order, a batch at a time. Events are
 * claimed FOR UPDATE SKIP LOCKED and marked in the same transaction as the notifications they
 * make, so every event is handled once, by one worker, even with several running. A second
 * insert of the same (event, person, subject) is a no-op.
 */

export const LIVE_CHANNEL = 'lk_notifications';
const BATCH = 200;

export async function processOutbox(deps: Pick<Deps, 'db' | 'logger'>, now: Date): Promise<{ events: number; notifications: number }> {
  let events = 0;
  let notifications = 0;
  for (;;) {
    const handled = await deps.db.transaction().execute(async (tx) => {
      const batch = await tx
        .selectFrom('event_outbox')
        .select(['id', 'name', 'payload'])
        .where('processed_at', 'is', null)
        .orderBy('id')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      let made = 0;
      for (const event of batch) {
        // Each event behind a savepoint: one that fails (a malformed payload) is logged and passed
        // over instead of holding back every event after it.
        await sql`SAVEPOINT outbox_event`.execute(tx);
        try {
          for (const fanout of rulesFor(event.name, event.payload)) made += await insertNotifications(tx, event.id, fanout, now);
          await sql`RELEASE SAVEPOINT outbox_event`.execute(tx);
        } catch (error) {
          await sql`ROLLBACK TO SAVEPOINT outbox_event`.execute(tx);
          deps.logger.error({ err: error, eventId: event.id, event: event.name }, 'notifications: event passed over');
        }
      }
      if (batch.length > 0) await tx.updateTable('event_outbox').set({ processed_at: now }).where('id', 'in', batch.map((e) => e.id)).execute();
      return { events: batch.length, made };
    });
    events += handled.events;
    notifications += handled.made;
    if (handled.events < BATCH) return { events, notifications };
  }
}

/**
 * One statement per rule: the recipients, minus the actor, minus inactive accounts and people who
 * may no longer see the community, each with the channel their preferences give (per community
 * first, then for the category, then the default); "off" makes nothing. Everyone who got one is
 * told through NOTIFY, so their open pages update their count.
 */
async function insertNotifications(tx: Tx, eventId: string, f: Fanout, now: Date): Promise<number> {
  const category = KINDS[f.kind];
  const community = f.communityId;
  const result = await sql<{ user_id: string }>`
    WITH recipients AS (SELECT DISTINCT r.user_id FROM (${f.recipients}) r WHERE r.user_id IS NOT NULL),
    chosen AS (
      SELECT u.id AS user_id, coalesce(
        (SELECT p.channel FROM notification_preferences p WHERE p.user_id = u.id AND p.category = ${category} AND p.community_id = ${community}::uuid),
        (SELECT p.channel FROM notification_preferences p WHERE p.user_id = u.id AND p.category = ${category} AND p.community_id IS NULL),
        ${DEFAULT_CHANNEL[category]}) AS channel
      FROM recipients r JOIN users u ON u.id = r.user_id AND u.status = 'active'
      WHERE u.id IS DISTINCT FROM ${f.actorId}::uuid
        ${community ? sql`AND EXISTS (SELECT 1 FROM communities c WHERE c.id = ${community}::uuid AND ${userSeesCommunitySql('u', 'c')})` : sql``}
    ),
    inserted AS (
      INSERT INTO notifications (id, user_id, kind, community_id, subject_kind, subject_id, actor_id, data, channel, created_at, event_id, mail_next_attempt_at)
      SELECT gen_random_uuid(), c.user_id, ${f.kind}, ${community}::uuid, ${f.subjectKind}, ${f.subjectId}::uuid, ${f.actorId}::uuid, ${JSON.stringify(f.data ?? {})}::jsonb,
        c.channel, ${now}::timestamptz, ${eventId}::bigint, CASE WHEN c.channel = 'immediate' THEN ${now}::timestamptz END
      FROM chosen c WHERE c.channel <> 'off'
      ON CONFLICT DO NOTHING
      RETURNING user_id
    )
    -- Delivered to the listeners of every instance when this transaction commits.
    SELECT x.user_id, pg_notify(${LIVE_CHANNEL}, x.user_id::text) FROM (SELECT DISTINCT user_id FROM inserted) x`.execute(tx);
  return result.rows.length;
}

/** Handled events are kept two weeks (for looking into a problem), then removed. */
export async function pruneOutbox(deps: Pick<Deps, 'db'>, now: Date): Promise<void> {
  await deps.db.deleteFrom('event_outbox').where('processed_at', '<', new Date(now.getTime() - 14 * 86_400_000)).execute();
}
