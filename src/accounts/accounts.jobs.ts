import type { Deps } from '../platform/deps.ts';
import type { JobDefinition } from '../platform/jobs/jobs.ts';
import { deleteExpiredOneTimeTokens, deleteExpiredSessions } from './accounts.repository.ts';

/** Expired sessions and links are deleted hourly, so a stolen old cookie or link is not even a row. */
export const cleanUpExpiredAccounts = (deps: Pick<Deps, 'db' | 'clock'>): JobDefinition => ({
  name: 'accounts.clean-up',
  schedule: '7 * * * *',
  handle: async () => {
    const now = deps.clock.now();
    await deleteExpiredSessions(deps.db, now);
    await deleteExpiredOneTimeTokens(deps.db, now);
  },
});
