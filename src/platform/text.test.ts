import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SLUG_MAX_LENGTH, SLUG_PATTERN, escapeLike, likePattern, slugify } from './text.ts';

describe('text', () => {
  it('makes readable slugs from Dutch names', () => {
    assert.equal(slugify("Gemeente 's-Hertogenbosch"), 'gemeente-s-hertogenbosch');
    assert.equal(slugify('  Één café, twee ideeën! '), 'een-cafe-twee-ideeen');
    assert.equal(slugify('???'), '');
    const long = slugify('ab '.repeat(100));
    assert.ok(long.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(long));
  });

  it('escapes LIKE wildcards typed in a search box', () => {
    assert.equal(escapeLike('50%_a\\b'), '50\\%\\_a\\\\b');
    assert.equal(likePattern('50%_Wmo'), '%50\\%\\_Wmo%');
  });
});
