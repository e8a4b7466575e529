import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createAppI18n } from '../app/messages.ts';
import { accountsMessages } from './accounts.i18n.ts';

describe('accounts messages', () => {
  it('every literal message key used in the accounts code exists, in Dutch and English', () => {
    const i18n = createAppI18n();
    const files = globSync('**/*.{ts,tsx}', { cwd: import.meta.dirname }).filter((f) => !f.endsWith('.test.ts'));
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(path.join(import.meta.dirname, file), 'utf8');
      for (const [, key] of source.matchAll(/'((?:accounts|validation|form|confirm)\.[a-z_.]+[a-z])'/g)) {
        if (key && !i18n.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('has an English text for every Dutch one, and no empty texts', () => {
    assert.deepEqual(Object.keys(accountsMessages.en).sort(), Object.keys(accountsMessages.nl).sort());
    for (const locale of ['nl', 'en'] as const) {
      for (const [key, text] of Object.entries(accountsMessages[locale])) assert.ok(typeof text !== 'string' || text.trim().length > 0, `${locale} ${key}`);
    }
  });

  it('has a text for every role and token scope that pages build keys for', () => {
    const i18n = createAppI18n();
    for (const key of ['member', 'manager', 'admin'].flatMap((r) => [`accounts.role.${r}`, `accounts.role.${r}.description`])) assert.ok(i18n.has(key), key);
    for (const key of ['read', 'read_write'].flatMap((s) => [`accounts.scope.${s}`, `accounts.scope.${s}.description`])) assert.ok(i18n.has(key), key);
  });
});
