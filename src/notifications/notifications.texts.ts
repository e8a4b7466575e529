import type { Locale, Translate } from '../platform/i18n/i18n.ts';
import { KINDS } from './notifications.models.ts';
import type { NotificationGroup } from './notifications.usecases.ts';

/** What a group says, in the reader's language, for the page and the API alike. */

const PROMPT_KINDS = new Set(['reflection', 'try_this_week', 'poll', 'observation']);

export function groupText(t: Translate, group: Pick<NotificationGroup, 'kind' | 'total' | 'title' | 'label'>): string {
  const known = group.kind in KINDS ? `notifications.kind.${group.kind}` : 'notifications.kind.unknown';
  // A subject without a title the reader may see (a hidden story behind a visit request) has a text without it.
  const key = group.title === null && group.kind === 'visit_update' ? 'notifications.kind.visit_update_untitled' : known;
  const label = group.label && PROMPT_KINDS.has(group.label) ? t(`notifications.prompt_kind.${group.label}`) : '';
  return t(key, { count: group.total, title: group.title ?? '', label });
}

const lists = new Map<Locale, Intl.ListFormat>();
/** "By Anna, Bram and 2 others", or nothing when nobody may be named. */
export function actorsText(t: Translate, locale: Locale, group: Pick<NotificationGroup, 'actorNames' | 'actorCount'>): string {
  if (group.actorNames.length === 0) return '';
  let list = lists.get(locale);
  if (!list) lists.set(locale, (list = new Intl.ListFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { type: 'conjunction' })));
  const others = group.actorCount - group.actorNames.length;
  if (others <= 0) return t('notifications.by', { names: list.format(group.actorNames) });
  // "Anna, Bram en 2 anderen": the last item is the count, so the names are only separated.
  return t('notifications.by_more', { names: group.actorNames.join(', '), count: others });
}
