import { listActiveManagers } from '../accounts/accounts.repository.ts';
import { sendOrQueue } from '../platform/mail/retry.ts';
import type { Deps } from '../platform/deps.ts';
import { calendarDay } from '../platform/i18n/i18n.ts';
import type { JobDefinition } from '../platform/jobs/jobs.ts';
import { signalsPerLearningQuestion } from '../questions/questions.usecases.ts';
import { reviewReminderEmail } from './frameworks.emails.tsx';
import * as repo from './frameworks.repository.ts';

type ReminderDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'i18n' | 'config' | 'logger' | 'ids'>;

/**
 * When a framework's review date has come, the managers of the owning organisation get one mail
 * with the signals per learning question (aggregates only). Each version is claimed before it is
 * mailed, so two workers never both send it; a failed mail is logged, not retried.
 */
export async function sendReviewReminders(deps: ReminderDeps): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  for (const due of await repo.listDueReviews(deps.db, calendarDay(now))) {
    if (!(await repo.markReviewReminded(deps.db, due.versionId, now))) continue;
    const signals = await signalsPerLearningQuestion(deps, due.communityId, due.learningQuestions.map((lq) => lq.id));
    const link = `${deps.config.baseUrl}/gemeenschappen/${encodeURIComponent(due.communitySlug)}/kader`;
    for (const manager of await listActiveManagers(deps.db, due.organisationId)) {
      const mail = reviewReminderEmail({ t: deps.i18n.translator(manager.locale), locale: manager.locale, name: manager.name, communityName: due.communityName, reviewDate: due.reviewDate, link, learningQuestions: due.learningQuestions, signals });
      try {
        // The version is claimed already: during an SMTP outage the mail waits and is tried again.
        if ((await sendOrQueue(deps, 'frameworks.review-reminder', { to: manager.email, ...mail })) !== 'refused') sent++;
      } catch (error) {
        deps.logger.error({ err: error, versionId: due.versionId }, 'review reminder not sent');
      }
    }
  }
  return sent;
}

export const frameworkReviewReminders = (deps: ReminderDeps): JobDefinition => ({
  name: 'frameworks.review-reminders',
  // Every morning at 07:00 UTC (08:00 or 09:00 in the Netherlands).
  schedule: '0 7 * * *',
  handle: async () => void (await sendReviewReminders(deps)),
});
