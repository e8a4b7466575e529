import { sql } from 'kysely';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { DigestFrequency } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { toPage, type Page, type Paging } from '../platform/paging.ts';
import { LIVE_CHANNEL } from './outbox.ts';
import { createNotificationNotFoundError, createUnknownCommunityError } from './notifications.errors.ts';
import { groupLink } from './notifications.paths.ts';
import * as repo from './notifications.repository.ts';
import type { PreferencesInput } from './notifications.schemas.ts';
import { channelsFrom, communitySettingsFrom, preferenceRows, type Channels, type CommunitySetting } from './preferences.models.ts';

/**
 * The notification centre: a person's own notifications, grouped, read through the visibility
 * rules at read time; marking read; preferences. Everything is the actor's own, so the only
 * rule is "mine and still visible"; anything else is not found.
 */

export type NotificationGroup = repo.GroupRow & { url: string };

const withUrl = (group: repo.GroupRow): NotificationGroup => ({ ...group, url: groupLink(group) });

export async function listMyNotifications(deps: Pick<Deps, 'db'>, actor: Actor, paging: Paging): Promise<Page<NotificationGroup>> {
  return toPage((await repo.listGroups(deps.db, actor.userId, paging)).map(withUrl), paging);
}

/** The header's badge: groups with something unread. */
export const countUnread = (deps: Pick<Deps, 'db'>, actor: Pick<Actor, 'userId'>): Promise<number> => repo.countUnreadGroups(deps.db, actor.userId);

/** Other open pages of the same person (any instance) update their count too. */
const tellLivePages = (db: DbOrTx, userId: string) => sql`SELECT pg_notify(${LIVE_CHANNEL}, ${userId})`.execute(db);

/** Marks the group of one notification read and says where it leads. */
export async function openNotification(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, notificationId: string): Promise<{ url: string }> {
  const group = await repo.findVisibleGroupOf(deps.db, actor.userId, notificationId);
  if (!group) throw createNotificationNotFoundError();
  if ((await repo.markGroupRead(deps.db, actor.userId, group, deps.clock.now())) > 0) await tellLivePages(deps.db, actor.userId);
  return { url: groupLink(group) };
}

export async function markAllNotificationsRead(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor): Promise<void> {
  if ((await repo.markAllRead(deps.db, actor.userId, deps.clock.now())) > 0) await tellLivePages(deps.db, actor.userId);
}

export interface Preferences {
  channels: Channels;
  digestFrequency: DigestFrequency;
  /** The communities the person is an active member of, each with its setting. */
  communities: { id: string; name: string; setting: CommunitySetting }[];
}

export async function getPreferences(deps: Pick<Deps, 'db'>, actor: Actor): Promise<Preferences> {
  const [rows, digestFrequency, communities] = await Promise.all([
    repo.listPreferences(deps.db, actor.userId),
    repo.findDigestFrequency(deps.db, actor.userId),
    repo.listMyCommunities(deps.db, actor.userId),
  ]);
  const settings = communitySettingsFrom(rows);
  return { channels: channelsFrom(rows), digestFrequency, communities: communities.map((c) => ({ ...c, setting: settings.get(c.id) ?? 'default' })) };
}

/**
 * Saves the whole set of choices in one transaction. Settings for communities the person is not
 * an active member of are refused (422); without `communities`, the current settings stay and
 * are recomputed against the new channels.
 */
export async function savePreferences(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, input: PreferencesInput): Promise<Preferences> {
  const channels: Channels = { direct: input.direct, activity: input.activity, community: input.community, own_mail: input.ownMail };
  await deps.db.transaction().execute(async (tx) => {
    const mine = new Set((await repo.listMyCommunities(tx, actor.userId)).map((c) => c.id));
    let communities: { communityId: string; setting: CommunitySetting }[];
    if (input.communities) {
      if (input.communities.some((c) => !mine.has(c.communityId))) throw createUnknownCommunityError();
      // A community named twice: the last setting counts.
      communities = [...new Map(input.communities.map((c) => [c.communityId, c.setting] as const))].map(([communityId, setting]) => ({ communityId, setting }));
    } else {
      const current = communitySettingsFrom(await repo.listPreferences(tx, actor.userId));
      communities = [...current].map(([communityId, setting]) => ({ communityId, setting }));
    }
    await repo.replacePreferences(tx, actor.userId, preferenceRows(channels, communities), deps.clock.now());
    await repo.updateDigestFrequency(tx, actor.userId, input.digestFrequency);
  });
  return getPreferences(deps, actor);
}
