import type { Deps } from '../platform/deps.ts';
import { processOutbox } from './outbox.ts';

/**
 * Turns every event written so far into notifications. Other test files work off the same
 * outbox at the same time (and may hold some of its rows locked), so this runs the outbox until
 * every event up to now is marked processed, by whichever worker.
 */
export async function processEventsSoFar(deps: Pick<Deps, 'db' | 'logger'>, timeoutMs = 10_000): Promise<void> {
  const newest = await deps.db.selectFrom('event_outbox').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const upTo = newest?.id ?? '0';
  const started = Date.now();
  for (;;) {
    await processOutbox(deps, new Date());
    const pending = await deps.db.selectFrom('event_outbox').select('id').where('processed_at', 'is', null).where('id', '<=', upTo).limit(1).executeTakeFirst();
    if (!pending) return;
    if (Date.now() - started > timeoutMs) throw new Error('the outbox was not worked off in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
