import { Type, type Static } from 'typebox';
import { MAX_PAGE } from '../../platform/paging.ts';
import { NO_NUL_PATTERN } from '../../platform/validation/validate.ts';
import { AppError } from '../../platform/errors.ts';
import { createTimeError } from './visits.errors.ts';
import { MAX_DURATION, MAX_MESSAGE, MIN_DURATION, instantToLocal, localToInstant } from './visits.models.ts';

/** One schema per input. The API names an instant; the form a local date and time (Europe/Amsterdam). */

const Message = Type.String({ maxLength: MAX_MESSAGE, pattern: NO_NUL_PATTERN });
const Duration = Type.Integer({ minimum: MIN_DURATION, maximum: MAX_DURATION, description: 'Minutes, 15 to 480' });
const StartsAt = Type.String({ format: 'date-time', description: 'ISO 8601 with offset, e.g. 2026-06-01T09:00:00+02:00' });

export const RequestVisitInput = Type.Object({ startsAt: StartsAt, durationMinutes: Duration, message: Type.Optional(Message) });
export type RequestVisitInput = Static<typeof RequestVisitInput>;

export const RescheduleInput = Type.Object({ startsAt: StartsAt, durationMinutes: Type.Optional(Duration) });
export type RescheduleInput = Static<typeof RescheduleInput>;

export const DeclineInput = Type.Object({ message: Type.Optional(Message) });
export type DeclineInput = Static<typeof DeclineInput>;

/** The form's "when": a local date and time and a duration. */
const LocalWhen = {
  date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  time: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
  durationMinutes: Duration,
};
export const RequestVisitForm = Type.Object({ ...LocalWhen, message: Type.Optional(Message) });
export type RequestVisitForm = Static<typeof RequestVisitForm>;
export const RescheduleForm = Type.Object(LocalWhen);
export type RescheduleForm = Static<typeof RescheduleForm>;

export const VisitsQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

/**
 * The form's local date and time as an instant. A time the clock skips (last Sunday of March)
 * is refused with the first valid time as a suggestion, rather than silently moved.
 */
export function timeFromForm(input: { date: string; time: string; durationMinutes: number }): { startsAt: Date; durationMinutes: number } {
  const local = localToInstant(input.date, input.time);
  if (!local) throw createTimeError('date', 'visits.time.invalid');
  if (local.isShifted) {
    throw new AppError('visits.time.skipped', 422, { fields: [{ field: 'time', code: 'visits.time.skipped', params: { time: instantToLocal(local.instant).time } }] });
  }
  return { startsAt: local.instant, durationMinutes: input.durationMinutes };
}

/** API date-times arrive as strings; the use cases take instants. */
export const instantFromApi = (value: string) => new Date(value);
