import type { Locale, Translate } from '../platform/i18n/i18n.ts';
import { formatDateTime } from '../platform/i18n/i18n.ts';
import { composeEmail, type RenderedEmail } from '../ui/email.tsx';
import type { MailItem } from './delivery.repository.ts';

/** A prompt (or its one reminder) by mail: the text, how answers are shared, and the one-click link to answer. */
export function promptEmail(props: { t: Translate; locale: Locale; item: MailItem; isReminder: boolean; link: string; settingsLink: string }): RenderedEmail {
  const { t, item, locale } = props;
  const kind = t(`prompts.kind.${item.kind}`);
  return composeEmail(t, {
    locale,
    subject: t(props.isReminder ? 'prompts.email.reminder_subject' : 'prompts.email.subject', { kind, community: item.communityName }),
    greeting: t('prompts.email.greeting', { name: item.name }),
    paragraphs: [
      t(props.isReminder ? 'prompts.email.reminder_intro' : 'prompts.email.intro', { kind: kind.toLocaleLowerCase(locale), community: item.communityName }),
      item.text,
      ...(item.responseMode === 'choice' ? item.pollOptions.map((option) => `• ${option}`) : []),
      t(`prompts.visibility.${item.visibility}.notice`),
      t('prompts.email.closes', { date: formatDateTime(item.closesAt, locale, 'datetime') }),
    ],
    action: { label: t('prompts.email.action'), url: props.link },
    after: [t('prompts.email.voluntary'), t('prompts.email.settings', { url: props.settingsLink })],
  });
}
