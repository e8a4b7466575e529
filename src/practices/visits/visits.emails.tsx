import { writeInvitation } from '../../platform/calendar/ics.ts';
import { formatDateTime, type Translate } from '../../platform/i18n/i18n.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';
import { composeEmail, type RenderedEmail } from '../../ui/email.tsx';
import { DURATION_CHOICES, endOf } from './visits.models.ts';
import { storyTitleFor, type VisitParty, type VisitRow } from './visits.repository.ts';

/** The mails of meekijken, each in the recipient's language; accepting and cancelling carry a calendar invitation. */

export type VisitMailKind = 'requested' | 'rescheduled' | 'declined' | 'accepted' | 'cancelled';

export function durationText(t: Translate, minutes: number): string {
  return (DURATION_CHOICES as readonly number[]).includes(minutes) ? t(`visits.duration.${minutes}`) : t('visits.duration.other', { count: minutes });
}

export interface VisitMailProps {
  t: Translate;
  kind: VisitMailKind;
  visit: VisitRow;
  recipient: VisitParty;
  /** Who did what this mail reports. */
  actor: VisitParty;
  link: string;
  reason?: string;
}

export function visitEmail({ t, kind, visit, recipient, actor, link, reason }: VisitMailProps): RenderedEmail {
  const date = formatDateTime(visit.startsAt, recipient.locale);
  const params = { name: actor.name, date, duration: durationText(t, visit.durationMinutes), title: storyTitleFor(visit, recipient.id) ?? t('visits.hidden_story'), requester: visit.requester.name, host: visit.host.name };
  const extra =
    kind === 'requested' && visit.message ? [t('visits.email.message', { message: visit.message })]
      : kind === 'declined' && reason ? [t('visits.email.reason', { reason })]
        : [];
  return composeEmail(t, {
    locale: recipient.locale,
    subject: t(`visits.email.${kind}.subject`, params),
    greeting: t('visits.email.greeting', { name: recipient.name }),
    paragraphs: [t(`visits.email.${kind}.body`, params), ...extra],
    action: { label: t('visits.email.action'), url: link },
    after: [],
  });
}

/** The same event (UID) for both parties; SEQUENCE follows visit_requests.sequence. */
export function visitInvitation(t: Translate, visit: VisitRow, recipient: VisitParty, link: string, stamp: Date, method: 'REQUEST' | 'CANCEL'): NonNullable<MailMessage['icalEvent']> {
  const content = writeInvitation({
    method,
    uid: `${visit.id}@leerkring`,
    sequence: visit.sequence,
    stamp,
    start: visit.startsAt,
    end: endOf(visit.startsAt, visit.durationMinutes),
    summary: t('visits.ics.summary', { requester: visit.requester.name, host: visit.host.name }),
    description: t('visits.ics.description', { title: storyTitleFor(visit, recipient.id) ?? t('visits.hidden_story'), link }),
    organizer: { name: visit.host.name, email: visit.host.email },
    attendees: [visit.host, visit.requester].map((p) => ({ name: p.name, email: p.email, status: method === 'CANCEL' ? 'DECLINED' : 'ACCEPTED' })),
  });
  return { method, filename: method === 'CANCEL' ? 'meekijken-geannuleerd.ics' : 'meekijken.ics', content };
}
