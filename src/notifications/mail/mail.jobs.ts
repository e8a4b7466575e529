import type { Deps } from '../../platform/deps.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { sendDigests } from './digest.ts';
import { sendImmediateMails, type MailDeps } from './immediate.ts';

type JobDeps = MailDeps & Pick<Deps, 'clock'>;

/** E-mail at once: every minute; a person's mail waits for the batching window (notifications.models.ts). */
export const immediateMailJob = (deps: JobDeps): JobDefinition => ({
  name: 'notifications.mail-immediate',
  schedule: '* * * * *',
  retryLimit: 2,
  handle: async () => void (await sendImmediateMails(deps, deps.clock.now())),
});

/**
 * Digests: hourly, in Europe/Amsterdam. The first run after 07:00 sends the day's (and on Monday
 * the week's) digests; later runs find every person's period claimed and do nothing, unless a run
 * was missed or a mail failed for a while.
 */
export const digestJob = (deps: JobDeps): JobDefinition => ({
  name: 'notifications.digest',
  schedule: '2 * * * *',
  retryLimit: 2,
  handle: async () => void (await sendDigests(deps, deps.clock.now())),
});
