import type { PromptScheduleKind, PromptScheduleSpec } from '../platform/db/schema.ts';
import { addDays, instantToLocal, isoWeekday, localToInstant } from '../platform/local-time.ts';

/** Pure rules of prompts: schedules, windows. No I/O; unit-tested in prompts.models.test.ts. */

/** A weekly prompt runs at most this many times (a year of weeks). */
export const MAX_OCCURRENCES = 53;
/** The furthest ahead a prompt may be scheduled, in days. */
export const MAX_DAYS_AHEAD = 366;
export const MAX_POLL_OPTIONS = 8;
export const MIN_POLL_OPTIONS = 2;
/**
 * Anonymous prompts: sent only to at least this many people, and their poll split and texts are
 * shown only from this many answers on, so an answer cannot be traced to one of a handful.
 */
export const MIN_ANONYMOUS = 5;

/**
 * How many people a prompt reaches, as the sender may see it: 1 to 4 reads "fewer than 5". The
 * audience filters (organisation, job title, newcomers, quiet for N days) narrow the community's
 * members; an exact small count would tell who was quiet (issue 8: no figure about fewer than 5).
 */
export interface AudienceSize {
  /** null when 1 to MIN_ANONYMOUS − 1 people. */
  count: number | null;
  isFewerThanMinimum: boolean;
}

export const audienceSizeOf = (count: number): AudienceSize =>
  count > 0 && count < MIN_ANONYMOUS ? { count: null, isFewerThanMinimum: true } : { count, isFewerThanMinimum: false };

export interface PlannedOccurrence {
  number: number;
  scheduledFor: Date;
  /** The local time did not exist that day (the clock jumped forward); it moved to the next valid minute. */
  isShifted: boolean;
}

export type ScheduleProblem =
  | { field: 'date' | 'time' | 'until' | 'weekday'; code: 'prompts.schedule.invalid' | 'prompts.schedule.past' | 'prompts.schedule.too_far' | 'prompts.schedule.until_before_start' | 'prompts.schedule.none' };

/**
 * The moments a prompt goes out, as UTC instants, from what the sender chose in Europe/Amsterdam:
 * now; once at a date and time; or weekly on a weekday at a time, from a date until a date
 * (inclusive). Every weekly moment is converted on its own day, so it stays at 09:00 local time
 * across the daylight-saving changes; a time that does not exist that day moves to the next valid
 * minute, a time that occurs twice is the first of the two.
 */
export function planOccurrences(kind: PromptScheduleKind, spec: PromptScheduleSpec, now: Date): { occurrences: PlannedOccurrence[] } | { problem: ScheduleProblem } {
  if (kind === 'now') return { occurrences: [{ number: 1, scheduledFor: now, isShifted: false }] };
  const limit = now.getTime() + MAX_DAYS_AHEAD * 86_400_000;
  if (!spec.date || !spec.time) return { problem: { field: spec.date ? 'time' : 'date', code: 'prompts.schedule.invalid' } };
  const first = localToInstant(spec.date, spec.time);
  if (!first) return { problem: { field: 'date', code: 'prompts.schedule.invalid' } };
  if (kind === 'once') {
    if (first.instant.getTime() <= now.getTime()) return { problem: { field: 'date', code: 'prompts.schedule.past' } };
    if (first.instant.getTime() > limit) return { problem: { field: 'date', code: 'prompts.schedule.too_far' } };
    return { occurrences: [{ number: 1, scheduledFor: first.instant, isShifted: first.isShifted }] };
  }
  const weekday = spec.weekday;
  if (!weekday || weekday < 1 || weekday > 7) return { problem: { field: 'weekday', code: 'prompts.schedule.invalid' } };
  if (!spec.until || !localToInstant(spec.until, '00:00')) return { problem: { field: 'until', code: 'prompts.schedule.invalid' } };
  if (spec.until < spec.date) return { problem: { field: 'until', code: 'prompts.schedule.until_before_start' } };
  const occurrences: PlannedOccurrence[] = [];
  // The first chosen weekday on or after the start date (or today, for a start in the past), then every seven days.
  const today = instantToLocal(now).date;
  const from = spec.date < today ? today : spec.date;
  let day = addDays(from, (weekday - isoWeekday(from) + 7) % 7);
  while (day <= spec.until && occurrences.length < MAX_OCCURRENCES) {
    const moment = localToInstant(day, spec.time);
    if (!moment) return { problem: { field: 'time', code: 'prompts.schedule.invalid' } };
    if (moment.instant.getTime() > limit) return { problem: { field: 'until', code: 'prompts.schedule.too_far' } };
    if (moment.instant.getTime() > now.getTime()) occurrences.push({ number: occurrences.length + 1, scheduledFor: moment.instant, isShifted: moment.isShifted });
    day = addDays(day, 7);
  }
  if (occurrences.length === 0) return { problem: { field: 'until', code: 'prompts.schedule.none' } };
  return { occurrences };
}

/** When a delivery's answers close and when (if asked) the single reminder goes out. */
export function windowOf(deliveredAt: Date, responseWindowHours: number, reminderAfterHours: number | null): { closesAt: Date; remindAt: Date | null } {
  const closesAt = new Date(deliveredAt.getTime() + responseWindowHours * 3_600_000);
  const remindAt = reminderAfterHours && reminderAfterHours < responseWindowHours ? new Date(deliveredAt.getTime() + reminderAfterHours * 3_600_000) : null;
  return { closesAt, remindAt };
}
