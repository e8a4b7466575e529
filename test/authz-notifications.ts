/**
 * Notifications (src/notifications) in the authorisation matrix's world: everything is the
 * actor's own. A notification of the member (mem) about the open community's question is what
 * the rows that open one name; to everyone else it does not exist (404), and a refused request
 * leaves it unread.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { World } from './authz-world.ts';
import { createTestUser } from './harness.ts';

/**
 * A fresh unread notification of the member, so every request that is to succeed has one to mark
 * read. It is about the open community itself, which no other row hides or deletes (a question
 * could be hidden by another row at the same moment, and the notification would then be "gone").
 */
export async function memberNotification(w: World, options: { isRefused?: boolean } = {}): Promise<{ id: string }> {
  const id = randomUUID();
  // A refused request names a notification of a bystander nobody acts as: the member's own
  // "mark all read", running at the same moment in another row, would otherwise change it.
  const owner = options.isRefused ? await createTestUser(w.t.deps, w.users.member!.organisation_id) : w.users.member!;
  await w.t.deps.db
    .insertInto('notifications')
    .values({
      id,
      user_id: owner.id,
      kind: 'request_approved',
      community_id: w.communities.open.id,
      subject_kind: 'community',
      subject_id: w.communities.open.id,
      actor_id: w.users.facilitator!.id,
      data: JSON.stringify({}),
      channel: 'in_app',
      created_at: new Date(),
      event_id: randomInt(2 ** 40),
    })
    .execute();
  return { id };
}

export const notificationState = (w: World, id: string) => w.t.deps.db.selectFrom('notifications').select(['read_at']).where('id', '=', id).executeTakeFirst();

export const preferencesForm = () => ({ direct: 'immediate', activity: 'digest', community: 'digest', ownMail: 'in_app', digestFrequency: 'daily' });
