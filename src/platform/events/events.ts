import type { Logger } from '../logger.ts';
import type { Db, Tx } from '../db/database.ts';

/**
 * Domain events: a use case announces what happened (`community.member_joined`), and the
 * announcement is delivered only after its transaction commits, so subscribers never see
 * something that was rolled back. Subscribers are listed explicitly in src/app/events.ts.
 */
export interface DomainEvent<P = Record<string, unknown>> {
  name: string;
  payload: P;
  occurredAt: Date;
}

export interface Subscriber {
  /** Event name it listens to, e.g. `community.member_joined`. */
  event: string;
  /** For logs: which feature reacts. */
  name: string;
  handle(event: DomainEvent): Promise<void>;
}

export type Emit = (name: string, payload: Record<string, unknown>) => void;

export interface EventBus {
  dispatch(events: DomainEvent[]): Promise<void>;
  subscribe(subscriber: Subscriber): void;
}

export function createEventBus(logger: Logger, now: () => Date = () => new Date()): EventBus & { now: () => Date } {
  const subscribers: Subscriber[] = [];
  return {
    now,
    subscribe: (subscriber) => void subscribers.push(subscriber),
    async dispatch(events) {
      for (const event of events) {
        for (const subscriber of subscribers.filter((s) => s.event === event.name || s.event === '*')) {
          try {
            await subscriber.handle(event);
          } catch (error) {
            // A failing subscriber must not undo or fail the action that already committed.
            logger.error({ err: error, event: event.name, subscriber: subscriber.name }, 'event subscriber failed');
          }
        }
      }
    },
  };
}

/**
 * Runs `work` in one transaction. The events it emits are written to the outbox in that same
 * transaction (durable work such as notifications is made from there by a job, so nothing is lost
 * when the process dies after the commit), and dispatched in-process after a successful commit.
 */
export async function inTransaction<T>(db: Db, bus: EventBus & { now: () => Date }, work: (tx: Tx, emit: Emit) => Promise<T>): Promise<T> {
  const pending: DomainEvent[] = [];
  const emit: Emit = (name, payload) => void pending.push({ name, payload, occurredAt: bus.now() });
  const result = await db.transaction().execute(async (tx) => {
    const value = await work(tx, emit);
    if (pending.length > 0) {
      await tx.insertInto('event_outbox').values(pending.map((event) => ({ name: event.name, payload: JSON.stringify(event.payload), occurred_at: event.occurredAt }))).execute();
    }
    return value;
  });
  await bus.dispatch(pending);
  return result;
}
