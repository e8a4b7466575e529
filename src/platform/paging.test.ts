import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PAGE, pageWindow, parsePageNumber, toPage } from './paging.ts';

describe('paging', () => {
  it('fetches one row more than a page holds', () => {
    assert.deepEqual(pageWindow({ page: 3, pageSize: 20 }), { limit: 21, offset: 40 });
  });

  it('uses the extra row only to know there is a next page', () => {
    assert.deepEqual(toPage([1, 2, 3], { page: 1, pageSize: 2 }), { items: [1, 2], page: 1, pageSize: 2, hasNext: true });
    assert.deepEqual(toPage([1, 2], { page: 2, pageSize: 2 }), { items: [1, 2], page: 2, pageSize: 2, hasNext: false });
  });

  it('reads page numbers leniently, up to the maximum', () => {
    assert.equal(parsePageNumber('3'), 3);
    for (const odd of [undefined, '', 'abc', '-1', '0', '1e3', '1.5', ['2']]) assert.equal(parsePageNumber(odd), 1, String(odd));
    assert.equal(parsePageNumber('999999'), MAX_PAGE);
  });
});
