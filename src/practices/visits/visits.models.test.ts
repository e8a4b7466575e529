import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { instantToLocal, localToInstant, mayCancel, timeProblem, turnOf } from './visits.models.ts';

const utc = (date: string, time: string) => localToInstant(date, time)?.instant.toISOString();

describe('visits: Amsterdam wall clock to UTC', () => {
  it('converts winter and summer times', () => {
    assert.equal(utc('2026-01-15', '09:00'), '2026-01-15T08:00:00.000Z');
    assert.equal(utc('2026-07-01', '09:00'), '2026-07-01T07:00:00.000Z');
  });

  it('handles the last Sunday of March: before, in and after the skipped hour', () => {
    assert.equal(utc('2026-03-29', '01:59'), '2026-03-29T00:59:00.000Z');
    const skipped = localToInstant('2026-03-29', '02:30');
    assert.deepEqual(skipped && { at: skipped.instant.toISOString(), isShifted: skipped.isShifted }, { at: '2026-03-29T01:00:00.000Z', isShifted: true });
    assert.equal(utc('2026-03-29', '02:00'), '2026-03-29T01:00:00.000Z');
    assert.equal(localToInstant('2026-03-29', '03:00')?.isShifted, false);
    assert.equal(utc('2026-03-29', '03:00'), '2026-03-29T01:00:00.000Z');
    assert.equal(utc('2026-03-29', '12:00'), '2026-03-29T10:00:00.000Z');
  });

  it('handles the last Sunday of October: a repeated time is the first of the two', () => {
    assert.equal(utc('2026-10-25', '01:30'), '2026-10-24T23:30:00.000Z');
    assert.equal(utc('2026-10-25', '02:30'), '2026-10-25T00:30:00.000Z');
    assert.equal(localToInstant('2026-10-25', '02:30')?.isShifted, false);
    assert.equal(utc('2026-10-25', '03:00'), '2026-10-25T02:00:00.000Z');
  });

  it('refuses what is no date or time', () => {
    for (const [date, time] of [['2026-02-30', '10:00'], ['2026-13-01', '10:00'], ['2026-01-01', '24:00'], ['2026-01-01', '10:60'], ['01-01-2026', '10:00'], ['2026-01-01', '1000']]) {
      assert.equal(localToInstant(date as string, time as string), undefined, `${date} ${time}`);
    }
  });

  it('turns an instant back into the local date and time', () => {
    assert.deepEqual(instantToLocal(new Date('2026-03-29T01:00:00Z')), { date: '2026-03-29', time: '03:00' });
    assert.deepEqual(instantToLocal(new Date('2026-12-31T23:30:00Z')), { date: '2027-01-01', time: '00:30' });
  });
});

describe('visits: rules', () => {
  const now = new Date('2026-05-01T10:00:00Z');
  it('accepts a time in the future up to one year ahead', () => {
    assert.equal(timeProblem(new Date('2026-05-01T10:00:00Z'), now), 'visits.time.past');
    assert.equal(timeProblem(new Date('2026-05-01T10:01:00Z'), now), undefined);
    assert.equal(timeProblem(new Date('2027-05-01T10:00:00Z'), now), undefined);
    assert.equal(timeProblem(new Date('2027-05-02T10:00:00Z'), now), 'visits.time.too_far');
  });
  it('knows whose turn it is and who may cancel', () => {
    assert.equal(turnOf('awaiting_host'), 'host');
    assert.equal(turnOf('awaiting_requester'), 'requester');
    assert.equal(turnOf('accepted'), undefined);
    assert.equal(mayCancel('requester', 'accepted'), true);
    assert.equal(mayCancel('requester', 'declined'), false);
    assert.equal(mayCancel('host', 'awaiting_host'), false);
  });
});
