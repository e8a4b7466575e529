import { TIME_ZONE } from './i18n/i18n.ts';

/**
 * Wall-clock dates and times in the platform's time zone (Europe/Amsterdam), both ways, correct
 * across the daylight-saving changes. Used where people type a date and time (visits) and where
 * schedules repeat at a local time (prompts).
 */

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: number, timeZone: string): number {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}
/** The zone's offset from UTC at an instant, in milliseconds (+1h or +2h in Amsterdam). */
const offsetAt = (instant: number, timeZone: string) => wallClock(instant, timeZone) - instant;

export interface LocalTimeResult {
  instant: Date;
  /** The local time did not exist (the clock jumped over it); `instant` is the next valid minute. */
  isShifted: boolean;
}

/**
 * "2026-03-29" + "02:30" on a wall clock in `timeZone` → the UTC instant. A time that occurs twice
 * (the clock goes back) is the first of the two; a time that never occurs (the clock jumps
 * forward) becomes the first minute after the jump. Undefined for a date or time that is no date.
 */
export function localToInstant(date: string, time: string, timeZone = TIME_ZONE): LocalTimeResult | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wanted);
  if (hour > 23 || minute > 59 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  // The offsets a day either side cover both sides of any transition on this day.
  const offsets = [...new Set([offsetAt(wanted - 86_400_000, timeZone), offsetAt(wanted + 86_400_000, timeZone), offsetAt(wanted, timeZone)])];
  const matches = offsets.map((offset) => wanted - offset).filter((instant) => wallClock(instant, timeZone) === wanted).sort((a, b) => a - b);
  if (matches[0] !== undefined) return { instant: new Date(matches[0]), isShifted: false };
  // In the gap: walk minute by minute from the earliest candidate to where the offset changes.
  const from = wanted - Math.max(...offsets);
  const before = offsetAt(from, timeZone);
  for (let instant = from; instant <= wanted - Math.min(...offsets); instant += 60_000) {
    if (offsetAt(instant, timeZone) !== before) return { instant: new Date(instant), isShifted: true };
  }
  return undefined;
}

/** The other way round, for form values: the local date and time of an instant. */
export function instantToLocal(instant: Date, timeZone = TIME_ZONE): { date: string; time: string } {
  const iso = new Date(wallClock(instant.getTime(), timeZone)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Adds whole days to a calendar day (YYYY-MM-DD), as a calendar does: no time zones involved. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday, for a calendar day. */
export const isoWeekday = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The Monday (local calendar day) of the week an instant falls in: weekly limits count from it. */
export function weekStartOf(instant: Date, timeZone = TIME_ZONE): string {
  const { date } = instantToLocal(instant, timeZone);
  return addDays(date, 1 - isoWeekday(date));
}
