/**
 * The bad-input sweep's entries for notifications (src/notifications): the member has a
 * notification about the world's community (admitted to it). bad-input.test.ts checks that every
 * route has an entry (these included); bad-input.notifications.test.ts sweeps them.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Entry, Field, World } from './bad-input.support.ts';

const notifications = new WeakMap<World, string>();
const prepare = async (w: World) => {
  if (notifications.has(w)) return;
  const id = randomUUID();
  await w.t.deps.db
    .insertInto('notifications')
    .values({ id, user_id: w.users.member.id, kind: 'request_approved', community_id: w.community.id, subject_kind: 'community', subject_id: w.community.id, actor_id: w.users.facilitator.id, channel: 'in_app', created_at: new Date(), event_id: randomInt(2 ** 40) })
    .execute();
  notifications.set(w, id);
};
const notificationParams = (w: World) => {
  const id = notifications.get(w);
  if (!id) throw new Error('the notifications entries need `prepare`');
  return { id };
};
const unread = (w: World) => w.t.deps.db.selectFrom('notifications').select(['id', 'read_at']).where('user_id', '=', w.users.member.id).orderBy('id').execute();
const preferences = async (w: World) => ({
  rows: await w.t.deps.db.selectFrom('notification_preferences').select(['category', 'community_id', 'channel']).where('user_id', '=', w.users.member.id).orderBy('category').execute(),
  user: await w.t.deps.db.selectFrom('users').select('digest_frequency').where('id', '=', w.users.member.id).executeTakeFirst(),
});

const choice = (name: string): Field => ({ name, kind: 'choice', required: true });
const preferenceFields: Field[] = [choice('direct'), choice('activity'), choice('community'), choice('ownMail'), choice('digestFrequency')];
const valid = () => ({ direct: 'digest', activity: 'in_app', community: 'off', ownMail: 'off', digestFrequency: 'weekly' });
const paging: NonNullable<Entry['query']> = [{ name: 'page', kind: 'page' }, { name: 'pageSize', kind: 'page' }];

export const NOTIFICATION_ENTRIES: Entry[] = [
  { method: 'POST', route: '/meldingen/alles-gelezen', as: 'member', kind: 'action', prepare },
  { method: 'POST', route: '/meldingen/:id/gelezen', as: 'member', kind: 'action', params: notificationParams, prepare, spot: unread },
  { method: 'POST', route: '/meldingen/instellingen', as: 'member', kind: 'form', fields: [...preferenceFields, { name: `override.${randomUUID()}`, kind: 'choice' }], valid, spot: preferences },
  { method: 'GET', route: '/api/v1/notifications', as: 'member', kind: 'api', query: paging, prepare },
  { method: 'POST', route: '/api/v1/notifications/:id/read', as: 'member', kind: 'api', params: notificationParams, prepare, spot: unread },
  { method: 'POST', route: '/api/v1/notifications/read-all', as: 'member', kind: 'api', prepare },
  { method: 'PUT', route: '/api/v1/notification-preferences', as: 'member', kind: 'api', fields: [...preferenceFields, { name: 'communities', kind: 'list' }], valid, spot: preferences },
];
