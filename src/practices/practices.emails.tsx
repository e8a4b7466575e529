import type { Locale, Translate } from '../platform/i18n/i18n.ts';
import { composeEmail, type RenderedEmail } from '../ui/email.tsx';
import type { TryNotice } from './practices.repository.ts';

/** "Someone tried your approach": to the story's author, or to the author of the report it built on. */
export function triedEmail(props: { t: Translate; locale: Locale; recipientName: string; notice: TryNotice; asParentAuthor: boolean; link: string }): RenderedEmail {
  const { t, notice } = props;
  const reporter = notice.reporterName ?? t('practices.someone');
  const where = notice.organisationName ? t('practices.trail.where', { team: notice.team, organisation: notice.organisationName }) : notice.team;
  const result = t(`practices.result.${notice.result}`).toLocaleLowerCase(props.locale);
  return composeEmail(t, {
    locale: props.locale,
    subject: t('practices.email.tried.subject', { name: reporter, title: notice.practiceTitle }),
    greeting: t('practices.email.tried.greeting', { name: props.recipientName }),
    paragraphs: [
      props.asParentAuthor
        ? t('practices.email.tried.body_from_report', { name: reporter, title: notice.practiceTitle, where, result })
        : t('practices.email.tried.body', { name: reporter, where, result }),
    ],
    action: { label: t('practices.email.tried.action'), url: props.link },
    after: [t('practices.email.tried.after')],
  });
}
