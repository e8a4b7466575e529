import type { Deps } from '../platform/deps.ts';
import type { Subscriber } from '../platform/events/events.ts';
import { practicesSubscribers } from '../practices/practices.subscribers.ts';
import { visitsSubscribers } from '../practices/visits/visits.subscribers.ts';
import { createOutboxRunner, notificationSubscribers } from '../notifications/notifications.jobs.ts';

/**
 * Every event subscriber, listed. Notifications are made from the outbox, kicked by every event.
 * The audit subscriber records who did what, for administrators and AVG requests.
 */
export function subscribeAll(deps: Deps): void {
  const subscribers: Subscriber[] = [
    {
      event: '*',
      name: 'log',
      handle: async (event) => deps.logger.debug({ event: event.name }, 'domain event'),
    },
    ...practicesSubscribers(deps),
    ...visitsSubscribers(deps),
    ...notificationSubscribers(createOutboxRunner(deps)),
  ];
  for (const subscriber of subscribers) deps.events.subscribe(subscriber);
}
