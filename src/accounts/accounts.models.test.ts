import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeUserAgent, emailDomain, newPasswordProblems, normaliseTags } from './accounts.models.ts';

describe('accounts models', () => {
  it('checks a new password against the policy and its repetition', () => {
    assert.deepEqual(newPasswordProblems({ password: 'een lange zin hier' }, 'a@b.nl'), []);
    assert.deepEqual(newPasswordProblems({ password: 'een lange zin hier', passwordConfirmation: 'een lange zin hier' }, 'a@b.nl'), []);
    assert.deepEqual(newPasswordProblems({ password: 'kort', passwordConfirmation: 'anders' }, 'a@b.nl'), [
      { field: 'password', code: 'validation.password_too_short' },
      { field: 'passwordConfirmation', code: 'validation.password_mismatch' },
    ]);
    assert.equal(newPasswordProblems({ password: 'wachtwoord1' }, 'a@b.nl')[0]?.code, 'validation.password_common');
    assert.equal(newPasswordProblems({ password: 'fatima-in-de-zomer' }, 'fatima@gemeente.nl')[0]?.code, 'validation.password_contains_email');
    assert.equal(newPasswordProblems({ password: 'x'.repeat(129) }, 'a@b.nl')[0]?.code, 'validation.password_too_long');
  });

  it('normalises expertise tags', () => {
    assert.deepEqual(normaliseTags([' Wmo ', 'wmo', 'schuld  hulp', '', 'Jeugd', 'WMO']), ['Wmo', 'schuld hulp', 'Jeugd']);
  });

  it('names devices from their user agent', () => {
    assert.deepEqual(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36 Edg/140.0'), { browser: 'Edge', os: 'Windows' });
    assert.deepEqual(describeUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/18.0 Safari/605.1.15'), { browser: 'Safari', os: 'macOS' });
    assert.deepEqual(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) CriOS/140.0 Mobile Safari/604.1'), { browser: 'Chrome', os: 'iOS' });
    assert.deepEqual(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0'), { browser: 'Firefox', os: 'Linux' });
    assert.deepEqual(describeUserAgent(''), { browser: undefined, os: undefined });
  });

  it('takes the domain of an address', () => {
    assert.equal(emailDomain('Fatima@Voorbeeldstad.NL'), 'voorbeeldstad.nl');
  });
});
