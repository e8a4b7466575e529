import { Type, type Static } from 'typebox';
import { MAX_PAGE } from '../platform/paging.ts';

/** One schema per input, used by the HTML form posts and the JSON API alike. */

export const PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const Uuid = Type.String({ format: 'uuid' });

export const NotificationIdParams = Type.Object({ id: Uuid });

export const ListNotificationsQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: PAGE_SIZE })),
});
export type ListNotificationsQuery = Static<typeof ListNotificationsQuery>;

const Channel = Type.Union([Type.Literal('immediate'), Type.Literal('digest'), Type.Literal('in_app'), Type.Literal('off')]);
/** Things whose mail their own feature sends: in Leerkring, or off; never mailed twice. */
const OwnMailChannel = Type.Union([Type.Literal('in_app'), Type.Literal('off')]);
/** Per community, for all categories at once (see preferences.models.ts). */
const CommunitySetting = Type.Union([Type.Literal('default'), Type.Literal('in_app'), Type.Literal('off')]);

export const PreferencesInput = Type.Object({
  direct: Channel,
  activity: Channel,
  community: Channel,
  ownMail: OwnMailChannel,
  digestFrequency: Type.Union([Type.Literal('daily'), Type.Literal('weekly'), Type.Literal('off')]),
  /** Per community of mine, for all categories at once; left out (API), the current ones stay. */
  communities: Type.Optional(Type.Array(Type.Object({ communityId: Uuid, setting: CommunitySetting }), { maxItems: 1000 })),
});
export type PreferencesInput = Static<typeof PreferencesInput>;

/** The form names each community's select `override.<id>`. */
export const overrideField = (communityId: string) => `override.${communityId}`;

export function preferencesFormInput(body: unknown): Record<string, unknown> {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const communities = Object.entries(values)
    .filter(([key]) => key.startsWith('override.'))
    .slice(0, 1001)
    .map(([key, setting]) => ({ communityId: key.slice('override.'.length), setting }));
  const { direct, activity, community, ownMail, digestFrequency } = values;
  return { direct, activity, community, ownMail, digestFrequency, communities };
}

// --- JSON ------------------------------------------------------------------------------------

export const NotificationGroupJson = Type.Object({
  id: Type.String({ description: 'The newest notification of the group; POST …/:id/read marks the whole group read.' }),
  kind: Type.String(),
  subject: Type.Object({ kind: Type.String(), id: Type.String(), title: Type.Union([Type.String(), Type.Null()]) }),
  count: Type.Integer(),
  unreadCount: Type.Integer(),
  isUnread: Type.Boolean(),
  latestAt: Type.String({ format: 'date-time' }),
  actors: Type.Array(Type.String()),
  actorCount: Type.Integer(),
  text: Type.String(),
  /** "By Anna, Bram and 2 others" in the caller's language; empty when nobody may be named. */
  byline: Type.String(),
  url: Type.String(),
});

export const PageOfGroups = Type.Object({ items: Type.Array(NotificationGroupJson), page: Type.Integer(), pageSize: Type.Integer(), hasNext: Type.Boolean() });
export const UnreadCountJson = Type.Object({ unread: Type.Integer({ description: 'Groups with something unread, as the header shows it.' }) });
export const ReadJson = Type.Object({ url: Type.String(), unread: Type.Integer() });

export const PreferencesJson = Type.Object({
  direct: Type.String(),
  activity: Type.String(),
  community: Type.String(),
  ownMail: Type.String(),
  digestFrequency: Type.String(),
  communities: Type.Array(Type.Object({ communityId: Type.String(), name: Type.String(), setting: Type.String() })),
});
