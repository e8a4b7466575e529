import type { Deps } from '../platform/deps.ts';
import type { JobDefinition } from '../platform/jobs/jobs.ts';
import { deleteExpiredSessions } from './accounts.repository.ts';

/** Expired sessions are deleted hourly, so a stolen old cookie is not even a row. */
export const cleanUpExpiredAccounts = (deps: Pick<Deps, 'db' | 'clock'>): JobDefinition => ({
  name: 'accounts.clean-up',
  schedule: '7 * * * *',
  handle: () => deleteExpiredSessions(deps.db, deps.clock.now()),
});
