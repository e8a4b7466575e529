import type { VisitStatus } from '../../platform/db/schema.ts';

/** Meekijken: pure rules about visit requests and their times. */

export const DURATION_CHOICES = [30, 60, 120, 240, 480] as const;
export const MIN_DURATION = 15;
export const MAX_DURATION = 480;
export const MAX_MESSAGE = 2000;
export const PAGE_SIZE = 20;

export type VisitRole = 'host' | 'requester';
export const OPEN_STATUSES: readonly VisitStatus[] = ['awaiting_host', 'awaiting_requester'];
export const isOpen = (status: VisitStatus) => OPEN_STATUSES.includes(status);

/** Whose turn it is to accept, propose another time or decline. */
export const turnOf = (status: VisitStatus): VisitRole | undefined =>
  status === 'awaiting_host' ? 'host' : status === 'awaiting_requester' ? 'requester' : undefined;

export const otherRole = (role: VisitRole): VisitRole => (role === 'host' ? 'requester' : 'host');

/** The requester may call off an open or accepted visit; the host declines instead. */
export const mayCancel = (role: VisitRole, status: VisitStatus) => role === 'requester' && (isOpen(status) || status === 'accepted');

/** A proposed time: in the future, and at most one calendar year ahead. */
export function timeProblem(startsAt: Date, now: Date): 'visits.time.past' | 'visits.time.too_far' | undefined {
  if (startsAt.getTime() <= now.getTime()) return 'visits.time.past';
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  return startsAt.getTime() > limit.getTime() ? 'visits.time.too_far' : undefined;
}

export const endOf = (startsAt: Date, durationMinutes: number) => new Date(startsAt.getTime() + durationMinutes * 60_000);

// Local date and time: shared with prompts, in src/platform/local-time.ts.
export { instantToLocal, localToInstant, type LocalTimeResult } from '../../platform/local-time.ts';
