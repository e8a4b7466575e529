import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { previousPeriod, resolvePeriod, type ResolvedPeriod } from './signals.models.ts';

const resolved = (value: ReturnType<typeof resolvePeriod>) => {
  if ('problem' in value) throw new Error(JSON.stringify(value.problem));
  return value as ResolvedPeriod;
};

describe('signal periods', () => {
  // Sunday 29 March 2026, 23:30 in Amsterdam (the clocks went forward that night): still week 23 March.
  const now = new Date('2026-03-29T21:30:00Z');

  it('are whole, completed weeks, Monday in Amsterdam', () => {
    const last4 = resolved(resolvePeriod({ kind: 'last4' }, now));
    assert.deepEqual(last4.weeks, ['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16']);
    assert.equal(resolved(resolvePeriod({ kind: 'quarter' }, now)).weeks.length, 13);
    assert.equal(resolved(resolvePeriod({ kind: 'year' }, now)).weeks.length, 52);
    assert.deepEqual(previousPeriod(last4).weeks, ['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16']);
    // A minute later it is Monday 30 March: the week of 23 March is complete.
    assert.equal(resolved(resolvePeriod({ kind: 'last4' }, new Date('2026-03-29T22:01:00Z'))).to, '2026-03-23');
  });

  it('refuses custom ranges that are not whole, completed weeks', () => {
    const problem = (from?: string, to?: string) => {
      const result = resolvePeriod({ kind: 'weeks', from, to }, now);
      return 'problem' in result ? result.problem.code : 'ok';
    };
    assert.equal(problem('2026-03-02', '2026-03-16'), 'ok');
    assert.equal(problem('2026-03-03', '2026-03-16'), 'signals.period.not_monday');
    assert.equal(problem('2026-03-02', '2026-03-23'), 'signals.period.future');
    assert.equal(problem('2026-03-16', '2026-03-02'), 'signals.period.order');
    assert.equal(problem(undefined, '2026-03-02'), 'signals.period.required');
    assert.equal(problem('2023-01-02', '2026-03-16'), 'signals.period.too_long');
    assert.equal(problem('2026-02-30', '2026-03-16'), 'signals.period.not_monday');
  });
});
