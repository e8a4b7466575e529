import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { audienceSizeOf, MAX_OCCURRENCES, planOccurrences, windowOf, type PlannedOccurrence } from './prompts.models.ts';

const planned = (result: ReturnType<typeof planOccurrences>): PlannedOccurrence[] => {
  if (!('occurrences' in result)) throw new Error(`expected occurrences, got ${JSON.stringify(result.problem)}`);
  return result.occurrences;
};
const iso = (occurrences: PlannedOccurrence[]) => occurrences.map((o) => o.scheduledFor.toISOString());

/** Schedules in Europe/Amsterdam; 2027 changes: 28 March 02:00 → 03:00, 31 October 03:00 → 02:00. */
describe('planOccurrences', () => {
  const early2027 = new Date('2027-03-01T12:00:00Z');

  it('a weekly Sunday 02:30 moves to 03:00 CEST on the day the hour is skipped, and takes the first 02:30 when it occurs twice', () => {
    const spring = planned(planOccurrences('weekly', { date: '2027-03-21', time: '02:30', weekday: 7, until: '2027-04-04' }, early2027));
    assert.deepEqual(iso(spring), ['2027-03-21T01:30:00.000Z', '2027-03-28T01:00:00.000Z', '2027-04-04T00:30:00.000Z']);
    assert.deepEqual(spring.map((o) => o.isShifted), [false, true, false]);
    assert.deepEqual(spring.map((o) => o.number), [1, 2, 3]);

    const autumn = planned(planOccurrences('weekly', { date: '2027-10-24', time: '02:30', weekday: 7, until: '2027-11-07' }, early2027));
    // 02:30 CEST (00:30Z) comes before 02:30 CET (01:30Z) on 31 October: the first of the two.
    assert.deepEqual(iso(autumn), ['2027-10-24T00:30:00.000Z', '2027-10-31T00:30:00.000Z', '2027-11-07T01:30:00.000Z']);
    assert.deepEqual(autumn.map((o) => o.isShifted), [false, false, false]);
  });

  it('a weekly Tuesday 09:00 stays 09:00 local on both sides of each change', () => {
    const spring = planned(planOccurrences('weekly', { date: '2027-03-22', time: '09:00', weekday: 2, until: '2027-03-31' }, early2027));
    assert.deepEqual(iso(spring), ['2027-03-23T08:00:00.000Z', '2027-03-30T07:00:00.000Z']);
    const autumn = planned(planOccurrences('weekly', { date: '2027-10-25', time: '09:00', weekday: 2, until: '2027-11-03' }, early2027));
    assert.deepEqual(iso(autumn), ['2027-10-26T07:00:00.000Z', '2027-11-02T08:00:00.000Z']);
    assert.ok([...spring, ...autumn].every((o) => !o.isShifted));
  });

  it('starts at the first chosen weekday on or after the start date and includes the until date', () => {
    // 2027-03-24 is a Wednesday; the first Tuesday after it is 30 March, the last the until day.
    const occurrences = planned(planOccurrences('weekly', { date: '2027-03-24', time: '09:00', weekday: 2, until: '2027-04-13' }, early2027));
    assert.deepEqual(iso(occurrences), ['2027-03-30T07:00:00.000Z', '2027-04-06T07:00:00.000Z', '2027-04-13T07:00:00.000Z']);
  });

  it('skips weekly moments already past, and refuses a schedule with none left', () => {
    const now = new Date('2027-03-23T08:30:00Z');
    const occurrences = planned(planOccurrences('weekly', { date: '2027-03-22', time: '09:00', weekday: 2, until: '2027-04-06' }, now));
    assert.deepEqual(iso(occurrences), ['2027-03-30T07:00:00.000Z', '2027-04-06T07:00:00.000Z']);
    assert.deepEqual(occurrences.map((o) => o.number), [1, 2]);
    assert.deepEqual(planOccurrences('weekly', { date: '2027-03-22', time: '09:00', weekday: 2, until: '2027-03-23' }, now), { problem: { field: 'until', code: 'prompts.schedule.none' } });
  });

  it('once: in the skipped hour it moves to 03:00; in the past or more than a year ahead it is refused', () => {
    assert.deepEqual(planned(planOccurrences('once', { date: '2027-03-28', time: '02:15' }, early2027)), [{ number: 1, scheduledFor: new Date('2027-03-28T01:00:00Z'), isShifted: true }]);
    assert.deepEqual(planned(planOccurrences('once', { date: '2027-03-02', time: '10:00' }, early2027)), [{ number: 1, scheduledFor: new Date('2027-03-02T09:00:00Z'), isShifted: false }]);
    assert.deepEqual(planOccurrences('once', { date: '2027-02-28', time: '10:00' }, early2027), { problem: { field: 'date', code: 'prompts.schedule.past' } });
    // The very moment "now" is not in the future either.
    assert.deepEqual(planOccurrences('once', { date: '2027-03-01', time: '13:00' }, early2027), { problem: { field: 'date', code: 'prompts.schedule.past' } });
    assert.deepEqual(planOccurrences('once', { date: '2028-03-02', time: '14:00' }, early2027), { problem: { field: 'date', code: 'prompts.schedule.too_far' } });
  });

  it('refuses until before the start, a weekly run beyond a year, and malformed input', () => {
    assert.deepEqual(planOccurrences('weekly', { date: '2027-04-10', time: '09:00', weekday: 2, until: '2027-04-01' }, early2027), {
      problem: { field: 'until', code: 'prompts.schedule.until_before_start' },
    });
    // The 53rd Tuesday from 9 March 2027 is 7 March 2028, beyond 366 days from now.
    assert.deepEqual(planOccurrences('weekly', { date: '2027-03-09', time: '09:00', weekday: 2, until: '2028-06-01' }, early2027), { problem: { field: 'until', code: 'prompts.schedule.too_far' } });
    assert.deepEqual(planOccurrences('once', { date: '2027-02-30', time: '09:00' }, early2027), { problem: { field: 'date', code: 'prompts.schedule.invalid' } });
    assert.deepEqual(planOccurrences('once', { date: '2027-03-10', time: '24:00' }, early2027), { problem: { field: 'date', code: 'prompts.schedule.invalid' } });
    assert.deepEqual(planOccurrences('once', { date: '2027-03-10' }, early2027), { problem: { field: 'time', code: 'prompts.schedule.invalid' } });
    assert.deepEqual(planOccurrences('weekly', { date: '2027-03-10', time: '09:00', weekday: 8, until: '2027-04-01' }, early2027), { problem: { field: 'weekday', code: 'prompts.schedule.invalid' } });
    assert.deepEqual(planOccurrences('weekly', { date: '2027-03-10', time: '09:00', weekday: 3 }, early2027), { problem: { field: 'until', code: 'prompts.schedule.invalid' } });
  });

  it('a weekly prompt has at most 53 occurrences', () => {
    const now = new Date('2027-01-01T00:00:00Z');
    const occurrences = planned(planOccurrences('weekly', { date: '2027-01-01', time: '09:00', weekday: 5, until: '2028-01-01' }, now));
    assert.equal(MAX_OCCURRENCES, 53);
    // 1 January 2027 and 2028 are both Fridays: 53 Fridays from the first to the last.
    assert.equal(occurrences.length, 53);
    assert.equal(occurrences.at(-1)?.scheduledFor.toISOString(), '2027-12-31T08:00:00.000Z');
  });

  it('"now" is one occurrence at the moment given', () => {
    const now = new Date('2027-03-28T01:30:00Z');
    assert.deepEqual(planOccurrences('now', {}, now), { occurrences: [{ number: 1, scheduledFor: now, isShifted: false }] });
  });
});

describe('windowOf', () => {
  it('closes after the window and reminds only when the reminder falls inside it', () => {
    const at = new Date('2027-03-27T12:00:00Z');
    assert.deepEqual(windowOf(at, 48, 24), { closesAt: new Date('2027-03-29T12:00:00Z'), remindAt: new Date('2027-03-28T12:00:00Z') });
    assert.deepEqual(windowOf(at, 24, 24), { closesAt: new Date('2027-03-28T12:00:00Z'), remindAt: null });
    assert.deepEqual(windowOf(at, 24, null), { closesAt: new Date('2027-03-28T12:00:00Z'), remindAt: null });
  });
});

describe('audienceSizeOf', () => {
  it('shows nobody and five or more exactly, and one to four as "fewer than five"', () => {
    assert.deepEqual(audienceSizeOf(0), { count: 0, isFewerThanMinimum: false });
    for (const n of [1, 2, 3, 4]) assert.deepEqual(audienceSizeOf(n), { count: null, isFewerThanMinimum: true });
    assert.deepEqual(audienceSizeOf(5), { count: 5, isFewerThanMinimum: false });
    assert.deepEqual(audienceSizeOf(10_000), { count: 10_000, isFewerThanMinimum: false });
  });
});
