import type { Deps } from '../platform/deps.ts';
import type { Subscriber } from '../platform/events/events.ts';
import { sendOrQueue } from '../platform/mail/retry.ts';
import { triedEmail } from './practices.emails.tsx';
import { tryAnchor } from './practices.paths.ts';
import { findTryNotice, type Recipient } from './practices.repository.ts';

type MailDeps = Pick<Deps, 'db' | 'mailer' | 'i18n' | 'config' | 'logger' | 'ids' | 'clock'>;

/**
 * "The author hears about it": a tried report mails the story's author and, when it builds on
 * another report, that report's author; never the reporter themselves. Runs after the commit;
 * during an SMTP outage the mail waits and is tried again (platform/mail/retry.ts).
 * Notifications and their preferences come with the notifications capability (issue 7).
 */
export async function mailTriedReport(deps: MailDeps, payload: { tryId: string; actorId: string }): Promise<number> {
  const notice = await findTryNotice(deps.db, payload.tryId);
  if (!notice) return 0;
  const link = `${deps.config.baseUrl}${tryAnchor(notice.practiceId, payload.tryId)}`;
  const recipients: { to: Recipient; asParentAuthor: boolean }[] = [];
  if (notice.storyAuthor && notice.storyAuthor.userId !== payload.actorId) recipients.push({ to: notice.storyAuthor, asParentAuthor: false });
  const parent = notice.parentAuthor;
  if (parent && parent.userId !== payload.actorId && !recipients.some((r) => r.to.userId === parent.userId)) recipients.push({ to: parent, asParentAuthor: true });
  for (const { to, asParentAuthor } of recipients) {
    const mail = triedEmail({ t: deps.i18n.translator(to.locale), locale: to.locale, recipientName: to.name, notice, asParentAuthor, link });
    await sendOrQueue(deps, 'practices.tried', { to: to.email, ...mail });
  }
  return recipients.length;
}

export const practicesSubscribers = (deps: MailDeps): Subscriber[] => [
  { event: 'practice.tried', name: 'practices.mail-tried', handle: async (event) => void (await mailTriedReport(deps, event.payload as { tryId: string; actorId: string })) },
];
