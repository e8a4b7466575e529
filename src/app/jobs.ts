import type { Deps } from '../platform/deps.ts';
import type { JobDefinition } from '../platform/jobs/jobs.ts';
import { deleteExpiredRateLimits } from '../platform/auth/rate-limit.ts';
import { cleanUpExpiredAccounts } from '../accounts/accounts.jobs.ts';
import { frameworkReviewReminders } from '../frameworks/frameworks.jobs.ts';
import { promptScheduler } from '../prompts/prompts.jobs.ts';
import { outboxJob } from '../notifications/notifications.jobs.ts';
import { digestJob, immediateMailJob } from '../notifications/mail/mail.jobs.ts';
import { signalsRollup } from '../signals/signals.jobs.ts';
import { retryQueuedMails } from '../platform/mail/retry.ts';

/** Every job, listed. */
export function allJobs(deps: Deps): JobDefinition[] {
  return [
    cleanUpExpiredAccounts(deps),
    frameworkReviewReminders(deps),
    promptScheduler(deps),
    outboxJob(deps),
    immediateMailJob(deps),
    digestJob(deps),
    signalsRollup(deps),
    { name: 'platform.rate-limits.clean-up', schedule: '17 * * * *', handle: () => deleteExpiredRateLimits(deps.db) },
    { name: 'mail.retries', schedule: '* * * * *', retryLimit: 0, handle: async () => void (await retryQueuedMails(deps)) },
  ];
}
