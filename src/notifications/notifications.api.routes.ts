import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import {
  ListNotificationsQuery,
  NotificationIdParams,
  PAGE_SIZE,
  PageOfGroups,
  PreferencesInput,
  PreferencesJson,
  ReadJson,
  UnreadCountJson,
} from './notifications.schemas.ts';
import { actorsText, groupText } from './notifications.texts.ts';
import {
  countUnread,
  getPreferences,
  listMyNotifications,
  markAllNotificationsRead,
  openNotification,
  savePreferences,
  type NotificationGroup,
  type Preferences,
} from './notifications.usecases.ts';

const tags = ['notifications'];
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

const toGroupJson = (request: FastifyRequest, group: NotificationGroup) => ({
  id: group.latestId,
  kind: group.kind,
  subject: { kind: group.subjectKind, id: group.subjectId, title: group.title },
  count: group.total,
  unreadCount: group.unread,
  isUnread: group.unread > 0,
  latestAt: group.latestAt.toISOString(),
  actors: group.actorNames,
  actorCount: group.actorCount,
  text: groupText(request.t, group),
  url: group.url,
  byline: actorsText(request.t, request.locale, group),
});

const toPreferencesJson = (p: Preferences) => ({
  direct: p.channels.direct,
  activity: p.channels.activity,
  community: p.channels.community,
  ownMail: p.channels.own_mail,
  digestFrequency: p.digestFrequency,
  communities: p.communities.map((c) => ({ communityId: c.id, name: c.name, setting: c.setting })),
});

const unreadOf = async (deps: Deps, actor: Actor) => ({ unread: await countUnread(deps, actor) });

/** /api/v1/notifications and /api/v1/notification-preferences: the same use cases as the pages. */
export function notificationsApiRoutes(deps: Deps) {
  return async function notificationsApi(app: FastifyInstance) {
    // Anonymous callers get 401 before their input is even validated.
    app.addHook('preValidation', async (request) => void requireActor(request));

    app.get('/api/v1/notifications', { schema: { tags, querystring: ListNotificationsQuery, response: { 200: PageOfGroups } } }, async (request) => {
      const query = parseInput(ListNotificationsQuery, request.query);
      const page = await listMyNotifications(deps, requireActor(request), { page: query.page ?? 1, pageSize: query.pageSize ?? PAGE_SIZE });
      return { ...page, items: page.items.map((group) => toGroupJson(request, group)) };
    });

    app.get('/api/v1/notifications/unread-count', { schema: { tags, response: { 200: UnreadCountJson } } }, async (request) => unreadOf(deps, requireActor(request)));

    app.post('/api/v1/notifications/:id/read', { schema: { tags, params: NotificationIdParams, response: { 200: ReadJson } } }, async (request) => {
      const actor = requireActor(request);
      const { url } = await openNotification(deps, actor, idOf(request));
      return { url, ...(await unreadOf(deps, actor)) };
    });

    app.post('/api/v1/notifications/read-all', { schema: { tags, response: { 200: UnreadCountJson } } }, async (request) => {
      const actor = requireActor(request);
      await markAllNotificationsRead(deps, actor);
      return unreadOf(deps, actor);
    });

    app.get('/api/v1/notification-preferences', { schema: { tags, response: { 200: PreferencesJson } } }, async (request) => toPreferencesJson(await getPreferences(deps, requireActor(request))));

    app.put('/api/v1/notification-preferences', { schema: { tags, body: PreferencesInput, response: { 200: PreferencesJson } } }, async (request) =>
      toPreferencesJson(await savePreferences(deps, requireActor(request), parseInput(PreferencesInput, request.body))),
    );
  };
}
