import type { Deps } from '../platform/deps.ts';
import type { JobDefinition } from '../platform/jobs/jobs.ts';
import type { Subscriber } from '../platform/events/events.ts';
import { processOutbox, pruneOutbox } from './outbox.ts';

/**
 * The outbox is worked off right after each commit by the instance that committed (so a count
 * changes within a second), and every minute by the job queue as the safety net: after a crash,
 * or for events another instance left. Runs never overlap within an instance; across instances
 * the outbox's row locks keep them apart.
 */
export function createOutboxRunner(deps: Pick<Deps, 'db' | 'logger' | 'clock'>) {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      await processOutbox(deps, deps.clock.now()).catch((error: unknown) => deps.logger.error({ err: error }, 'notifications: outbox run failed'));
    } while (again);
  };
  return {
    /** Starts a run soon (or another after the one under way); does not wait for it. */
    kick(): void {
      if (running) {
        again = true;
        return;
      }
      running = new Promise<void>((resolve) => setImmediate(resolve)).then(run).finally(() => {
        running = null;
      });
    },
    /** Waits for the run under way, if any (shutdown, tests). */
    settled: (): Promise<void> => running ?? Promise.resolve(),
  };
}

export type OutboxRunner = ReturnType<typeof createOutboxRunner>;

/** Every event kicks the runner: the notifications it concerns are made within moments. */
export const notificationSubscribers = (runner: OutboxRunner): Subscriber[] => [{ event: '*', name: 'notifications.outbox', handle: async () => runner.kick() }];

export const outboxJob = (deps: Pick<Deps, 'db' | 'clock' | 'logger'>): JobDefinition => ({
  name: 'notifications.outbox',
  schedule: '* * * * *',
  retryLimit: 2,
  handle: async () => {
    await processOutbox(deps, deps.clock.now());
    await pruneOutbox(deps, deps.clock.now());
  },
});
