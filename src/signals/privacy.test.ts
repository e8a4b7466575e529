import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cellFigure, isTooFewPeople, K, periodFigure, shareFigure, suppressComplementary, type Figure } from './privacy.ts';

const shown = (value: number, covers = value): Figure => ({ value, isSuppressed: false, covers, reason: null });

describe('privacy rules', () => {
  it('suppresses a cell about 1 to 4 people, shows nobody and five or more', () => {
    assert.equal(K, 5);
    assert.deepEqual([0, 1, 4, 5, 6].map(isTooFewPeople), [false, true, true, false, false]);
    assert.deepEqual(cellFigure({ value: 9, people: 4 }), { value: null, isSuppressed: true, covers: null, reason: 'fewer_than_k' });
    assert.deepEqual(cellFigure({ value: 9, people: 5 }), shown(9, 5));
    assert.deepEqual(cellFigure({ value: 0, people: 0 }), shown(0, 0));
  });

  it('hides a period when any of its weeks is hidden; averages people per week', () => {
    assert.equal(periodFigure([shown(10, 6), cellFigure({ value: 2, people: 2 })], 'sum').isSuppressed, true);
    assert.deepEqual(periodFigure([shown(10, 6), shown(0, 0), shown(5, 5)], 'sum'), shown(15, 6));
    assert.deepEqual(periodFigure([shown(10, 10), shown(11, 11), shown(0, 0)], 'average'), shown(7, 11));
  });

  it('suppresses a second part when exactly one part of a shown total is hidden', () => {
    const figures = { total: shown(20, 12), a: cellFigure({ value: 2, people: 2 }), b: shown(6, 5), c: shown(12, 7), zero: shown(0, 0) };
    const result = suppressComplementary(figures, [{ total: 'total', parts: ['a', 'b', 'c', 'zero'] }]);
    assert.equal(result.b!.reason, 'complementary', 'the smallest non-zero part');
    assert.equal(result.c!.isSuppressed, false);
    assert.equal(result.total!.isSuppressed, false);
    // Only zeros left to hide: the total goes instead.
    const onlyZero = suppressComplementary({ total: shown(2, 6), a: cellFigure({ value: 2, people: 2 }), zero: shown(0, 0) }, [{ total: 'total', parts: ['a', 'zero'] }]);
    assert.equal(onlyZero.total!.reason, 'complementary');
  });

  it('never leaves an equation with exactly one unknown (random partitions, nested)', () => {
    fc.assert(fc.property(fc.array(fc.record({ value: fc.nat(30), people: fc.nat(12) }), { minLength: 2, maxLength: 6 }), fc.array(fc.record({ value: fc.nat(30), people: fc.nat(12) }), { minLength: 2, maxLength: 3 }), (parts, subparts) => {
      const figures: Record<string, Figure> = {};
      parts.forEach((cell, i) => (figures[`p${i}`] = cellFigure(cell)));
      subparts.forEach((cell, i) => (figures[`s${i}`] = cellFigure(cell)));
      const subTotal = subparts.reduce((sum, c) => ({ value: sum.value + c.value, people: Math.max(sum.people, c.people) }), { value: 0, people: 0 });
      figures.p0 = cellFigure(subTotal);
      figures.total = cellFigure(parts.reduce((sum, c, i) => ({ value: sum.value + (i === 0 ? subTotal.value : c.value), people: Math.max(sum.people, c.people) }), { value: 0, people: 0 }));
      const partitions = [{ total: 'total', parts: parts.map((_, i) => `p${i}`) }, { total: 'p0', parts: subparts.map((_, i) => `s${i}`) }];
      const result = suppressComplementary(figures, partitions);
      for (const partition of partitions) {
        const hidden = [partition.total, ...partition.parts].filter((key) => result[key]!.isSuppressed);
        assert.notEqual(hidden.length, 1, JSON.stringify(result));
      }
      for (const [key, figure] of Object.entries(result)) if (figures[key]!.isSuppressed) assert.equal(figure.isSuppressed, true, 'never un-suppresses');
    }), { numRuns: 300 });
  });

  it('shows a share only when both figures are shown', () => {
    assert.equal(shareFigure(shown(5), shown(10)).value, 0.5);
    assert.equal(shareFigure(cellFigure({ value: 1, people: 1 }), shown(10)).isSuppressed, true);
    assert.equal(shareFigure(shown(0, 0), shown(0, 0)).value, null);
  });
});
