import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';

describe('password policy (ASVS 5.0 level 2)', () => {
  it('asks for length, not composition', () => {
    assert.equal(checkPasswordPolicy('kort'), 'validation.password_too_short');
    assert.equal(checkPasswordPolicy('a'.repeat(129)), 'validation.password_too_long');
    assert.equal(checkPasswordPolicy('fietsen langs de amstel'), undefined, 'lower-case words only is fine');
    assert.equal(checkPasswordPolicy('😀😀😀😀😀😀😀😀'), undefined, 'length counts characters, not bytes');
  });

  it('refuses common passwords and the own e-mail name', () => {
    assert.equal(checkPasswordPolicy('password123'), 'validation.password_common');
    assert.equal(checkPasswordPolicy('Welkom123'), 'validation.password_common');
    assert.equal(checkPasswordPolicy('jan.jansen2024!', { email: 'jan.jansen@voorbeeldstad.nl' }), 'validation.password_contains_email');
  });

  it('hashes with Argon2id and verifies', async () => {
    const hash = await hashPassword('een lange zin als wachtwoord');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(hash, 'een lange zin als wachtwoord'), true);
    assert.equal(await verifyPassword(hash, 'een andere zin'), false);
    assert.equal(await verifyPassword(null, 'whatever'), false);
    assert.equal(await verifyPassword('not-a-hash', 'whatever'), false);
  });
});
