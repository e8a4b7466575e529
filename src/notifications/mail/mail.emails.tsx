import type { Locale, Translate } from '../../platform/i18n/i18n.ts';
import { formatDateTime } from '../../platform/i18n/i18n.ts';
import { composeEmail, type RenderedEmail } from '../../ui/email.tsx';
import { communityPath } from '../../communities/communities.pages.tsx';
import { frameworkPath } from '../../frameworks/frameworks.pages.tsx';
import { practicePath } from '../../practices/practices.paths.ts';
import { promptAnswerPath } from '../../prompts/prompts.paths.ts';
import { questionPath } from '../../questions/questions.paths.ts';
import type { QuestionListRow } from '../../questions/questions.repository.ts';
import type { NewFrameworkVersion, WaitingPrompt } from './digest.repository.ts';
import { oneLine, type MailCategory } from './mail.models.ts';
import type { NotificationGroup } from './mail.repository.ts';

/**
 * Notification mail and digests: pure functions from content to subject, text and HTML in the
 * recipient's language (composeEmail renders both parts; Preact escapes every value in the HTML).
 * Titles are user text: they are flattened to one line everywhere, so they cannot break a header.
 */

/** Where the notification centre lives (the notification centre feature serves it). */
export const NOTIFICATIONS_PATH = '/meldingen';

function subjectPath(group: NotificationGroup): string {
  if (group.subjectKind === 'question') return questionPath(group.subjectId);
  if (group.subjectKind === 'practice') return practicePath(group.subjectId);
  if (group.subjectKind === 'framework' && group.slug) return frameworkPath(group.slug);
  if (group.subjectKind === 'community' && group.slug) return communityPath(group.slug);
  return NOTIFICATIONS_PATH;
}

export function groupLine(t: Translate, group: NotificationGroup): string {
  const params = { count: group.count, title: oneLine(group.title ?? '', 200) };
  const key = `mail.kind.${group.kind}`;
  const line = t(key, params);
  return line === key ? t('mail.kind.other', params) : line;
}

interface Common {
  t: Translate;
  locale: Locale;
  name: string;
  baseUrl: string;
}

export function immediateEmail(props: Common & { groups: NotificationGroup[]; unsubscribe: Partial<Record<MailCategory, string>> }): RenderedEmail {
  const { t, groups, baseUrl } = props;
  const lines = groups.map((g) => `${groupLine(t, g)}\n${baseUrl}${subjectPath(g)}`);
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  const first = groups[0];
  const subject = groups.length === 1 && first ? groupLine(t, first) : t('mail.immediate.subject', { count: total });
  return composeEmail(t, {
    locale: props.locale,
    subject: oneLine(subject),
    greeting: t('mail.greeting', { name: oneLine(props.name, 200) }),
    paragraphs: [t('mail.immediate.intro'), ...lines],
    action: { label: t('mail.open_notifications'), url: `${baseUrl}${NOTIFICATIONS_PATH}` },
    after: Object.entries(props.unsubscribe).map(([category, url]) => t(`mail.unsubscribe.${category}`, { url })),
  });
}

export interface DigestContent {
  groups: NotificationGroup[];
  questions: QuestionListRow[];
  prompts: WaitingPrompt[];
  frameworks: NewFrameworkVersion[];
}

export const isEmptyDigest = (c: DigestContent) => c.groups.length + c.questions.length + c.prompts.length + c.frameworks.length === 0;

export function digestEmail(props: Common & { frequency: 'daily' | 'weekly'; content: DigestContent; unsubscribeUrl: string }): RenderedEmail {
  const { t, baseUrl, content, locale } = props;
  const section = (heading: string, lines: string[]) => (lines.length > 0 ? [heading, ...lines] : []);
  return composeEmail(t, {
    locale,
    subject: t(`mail.digest.subject.${props.frequency}`),
    greeting: t('mail.greeting', { name: oneLine(props.name, 200) }),
    paragraphs: [
      t(`mail.digest.intro.${props.frequency}`),
      ...section(t('mail.digest.notifications'), content.groups.map((g) => `${groupLine(t, g)}\n${baseUrl}${subjectPath(g)}`)),
      ...section(t('mail.digest.questions'), content.questions.map((q) => `${t('mail.digest.question', { title: oneLine(q.title, 200), community: oneLine(q.communityName, 100) })}\n${baseUrl}${questionPath(q.id)}`)),
      ...section(t('mail.digest.prompts'), content.prompts.map((p) => `${t('mail.digest.prompt', { community: oneLine(p.communityName, 100), text: oneLine(p.text, 120), closes: formatDateTime(p.closesAt, locale) })}\n${baseUrl}${promptAnswerPath(p.occurrenceId)}`)),
      ...section(t('mail.digest.frameworks'), content.frameworks.map((f) => `${t('mail.digest.framework', { number: f.number, community: oneLine(f.communityName, 100) })}\n${baseUrl}${frameworkPath(f.communitySlug)}`)),
    ],
    action: { label: t('mail.digest.open'), url: `${baseUrl}/` },
    after: [t('mail.unsubscribe.digest', { url: props.unsubscribeUrl })],
  });
}

/** RFC 8058: a one-click unsubscribe a mail client may POST to, without the person opening a page. */
export const unsubscribeHeaders = (url: string): Record<string, string> => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});
