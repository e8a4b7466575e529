/** Every URL of the notification centre, and where a notification leads. */

export const centrePath = '/meldingen';
export const preferencesPath = '/meldingen/instellingen';
export const livePath = '/meldingen/live';
export const readAllPath = '/meldingen/alles-gelezen';
export const openPath = (notificationId: string) => `/meldingen/${notificationId}/gelezen`;

export interface GroupTarget {
  kind: string;
  subjectKind: string;
  subjectId: string;
  slug: string | null;
  latestData: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const community = (slug: string | null, rest = '') => (slug ? `/gemeenschappen/${encodeURIComponent(slug)}${rest}` : '/gemeenschappen');

/** The page a group of notifications leads to; the newest notification's data picks the answer to jump to. */
export function groupLink(group: GroupTarget): string {
  switch (group.subjectKind) {
    case 'question': {
      const answerId = group.latestData.answerId;
      return `/vragen/${group.subjectId}${typeof answerId === 'string' && UUID.test(answerId) ? `#antwoord-${answerId}` : ''}`;
    }
    case 'practice':
      return `/praktijk/${group.subjectId}`;
    case 'framework':
      return community(group.slug, '/kader');
    case 'community':
      return community(group.slug, group.kind === 'join_requested' ? '/aanvragen' : '');
    case 'visit':
      return `/meekijken/${group.subjectId}`;
    case 'prompt_occurrence':
      return `/prikkels/${group.subjectId}`;
    case 'account':
      return '/profiel';
    default:
      return centrePath;
  }
}
