import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidCsrfToken, maskCsrfToken } from './context.ts';

describe('CSRF token masking', () => {
  const secret = 'a'.repeat(43);
  it('gives a different token on every page, each valid for the secret', () => {
    const first = maskCsrfToken(secret);
    const second = maskCsrfToken(secret);
    assert.notEqual(first, second);
    assert.ok(!first.includes(secret));
    assert.equal(isValidCsrfToken(first, secret), true);
    assert.equal(isValidCsrfToken(second, secret), true);
  });

  it('refuses other secrets, the bare secret and malformed tokens', () => {
    const token = maskCsrfToken(secret);
    assert.equal(isValidCsrfToken(token, 'b'.repeat(43)), false);
    for (const bad of [secret, '', '.', 'x.y', `${token}.extra`, token.replace('.', '')]) assert.equal(isValidCsrfToken(bad, secret), false, bad);
  });
});
