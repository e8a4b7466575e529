import type { NotificationPreference } from '../platform/db/schema.ts';
import { ALLOWED, CATEGORIES, DEFAULT_CHANNEL, type Category } from './notifications.models.ts';

/**
 * Preferences as people choose them, and as rows in notification_preferences. Per category a
 * channel (a row only when it differs from the default, so a later change of a default reaches
 * everyone who never chose). Per community one setting for all categories, stored as one row per
 * category with that community, which the outbox reads before the category's own row:
 * - default: no rows; the categories' channels apply;
 * - in_app: "only in Leerkring": never mailed; a category that is off stays off;
 * - off: nothing from this community.
 * The rows for a community are recomputed whenever the preferences are saved, so they always
 * follow the categories' channels.
 */
export const COMMUNITY_SETTINGS = ['default', 'in_app', 'off'] as const;
export type CommunitySetting = (typeof COMMUNITY_SETTINGS)[number];

export type Channels = Record<Category, NotificationPreference>;

export interface PreferenceRowLike {
  category: string;
  communityId: string | null;
  channel: NotificationPreference;
}

const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);

/** Each category's channel: the person's row when allowed, else the default. */
export function channelsFrom(rows: PreferenceRowLike[]): Channels {
  const channels = { ...DEFAULT_CHANNEL } as Channels;
  for (const row of rows) {
    if (row.communityId === null && isCategory(row.category) && ALLOWED[row.category].includes(row.channel)) channels[row.category] = row.channel;
  }
  return channels;
}

/** The setting per community that has rows. */
export function communitySettingsFrom(rows: PreferenceRowLike[]): Map<string, CommunitySetting> {
  const settings = new Map<string, CommunitySetting>();
  for (const row of rows) {
    if (row.communityId === null) continue;
    if (row.channel !== 'off') settings.set(row.communityId, 'in_app');
    else if (!settings.has(row.communityId)) settings.set(row.communityId, 'off');
  }
  return settings;
}

/** The rows that store these choices. */
export function preferenceRows(channels: Channels, communities: { communityId: string; setting: CommunitySetting }[]): PreferenceRowLike[] {
  const rows: PreferenceRowLike[] = CATEGORIES.filter((c) => channels[c] !== DEFAULT_CHANNEL[c]).map((category) => ({ category, communityId: null, channel: channels[category] }));
  for (const { communityId, setting } of communities) {
    if (setting === 'default') continue;
    for (const category of CATEGORIES) {
      rows.push({ category, communityId, channel: setting === 'off' || channels[category] === 'off' ? 'off' : 'in_app' });
    }
  }
  return rows;
}
