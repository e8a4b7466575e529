import type { Deps } from '../../platform/deps.ts';
import type { DomainEvent, Subscriber } from '../../platform/events/events.ts';
import { sendOrQueue } from '../../platform/mail/retry.ts';
import { visitEmail, visitInvitation, type VisitMailKind } from './visits.emails.tsx';
import type { VisitRole } from './visits.models.ts';
import * as repo from './visits.repository.ts';
import type { VisitParty, VisitRow } from './visits.repository.ts';

type MailDeps = Pick<Deps, 'db' | 'mailer' | 'i18n' | 'config' | 'logger' | 'ids' | 'clock'>;

/**
 * Mails for meekijken, sent after the change committed. The event carries ids; the mail is built
 * from the request as it is now, in each recipient's language. Deactivated people get no mail.
 */
export function visitsSubscribers(deps: MailDeps): Subscriber[] {
  const on = (kind: VisitMailKind, recipients: (visit: VisitRow, payload: Record<string, unknown>) => VisitRole[]): Subscriber => ({
    event: `visit.${kind}`,
    name: `visits.mail.${kind}`,
    handle: (event) => sendVisitMails(deps, kind, event, recipients),
  });
  return [
    on('requested', () => ['host']),
    on('rescheduled', (_, p) => [p.toRole as VisitRole]),
    on('declined', (_, p) => [p.byRole === 'host' ? 'requester' : 'host']),
    on('accepted', () => ['host', 'requester']),
    on('cancelled', (_, p) => (p.wasAccepted ? ['host', 'requester'] : ['host'])),
  ];
}

async function sendVisitMails(deps: MailDeps, kind: VisitMailKind, event: DomainEvent, recipients: (visit: VisitRow, payload: Record<string, unknown>) => VisitRole[]) {
  const visit = await repo.findVisit(deps.db, String(event.payload.visitId));
  if (!visit) return;
  const partyOf = (role: VisitRole): VisitParty => (role === 'host' ? visit.host : visit.requester);
  const actor = event.payload.byId === visit.host.id ? visit.host : visit.requester;
  const link = `${deps.config.baseUrl}/meekijken/${visit.id}`;
  const method = kind === 'accepted' ? 'REQUEST' : kind === 'cancelled' && event.payload.wasAccepted ? 'CANCEL' : undefined;
  for (const recipient of recipients(visit, event.payload).map(partyOf).filter((p) => p.isActive)) {
    const t = deps.i18n.translator(recipient.locale);
    const mail = visitEmail({ t, kind, visit, recipient, actor, link, reason: typeof event.payload.reason === 'string' ? event.payload.reason : undefined });
    const icalEvent = method && visitInvitation(t, visit, recipient, link, event.occurredAt, method);
    try {
      // During an SMTP outage the mail waits and is tried again (platform/mail/retry.ts).
      await sendOrQueue(deps, `visits.${kind}`, { to: recipient.email, ...mail, ...(icalEvent ? { icalEvent } : {}) });
    } catch (error) {
      // Not even queued (the database is gone too): one failed address must not keep the other party from their mail.
      deps.logger.error({ err: error, visitId: visit.id, kind }, 'visit mail not sent');
    }
  }
}
