import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createAppI18n } from '../../app/messages.ts';
import { createI18n, localeFromAcceptLanguage } from './i18n.ts';

const root = path.resolve(import.meta.dirname, '../../..');

describe('i18n', () => {
  const i18n = createAppI18n();

  it('has every Dutch key in English too, and no English-only keys', () => {
    assert.deepEqual([...i18n.keys('en')].sort(), [...i18n.keys('nl')].sort());
  });

  it('knows every literal key the code passes to t()', () => {
    const files = globSync('src/**/*.{ts,tsx}', { cwd: root }).filter((f) => !f.endsWith('.test.ts'));
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(path.join(root, file), 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-z0-9_.]+)'/g)) {
        if (!i18n.has(match[1] as string)) missing.push(`${file}: ${match[1]}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('interpolates, pluralises and formats numbers per language', () => {
    const custom = createI18n([{ nl: { 'x.n': { one: '{count} vraag', other: '{count} vragen' } }, en: { 'x.n': { one: '{count} question', other: '{count} questions' } } }]);
    assert.equal(custom.translator('nl')('x.n', { count: 1 }), '1 vraag');
    assert.equal(custom.translator('nl')('x.n', { count: 1200 }), '1.200 vragen');
    assert.equal(custom.translator('en')('x.n', { count: 1200 }), '1,200 questions');
  });

  it('chooses Dutch unless English is preferred', () => {
    assert.equal(localeFromAcceptLanguage(undefined), 'nl');
    assert.equal(localeFromAcceptLanguage('de-DE,de;q=0.9'), 'nl');
    assert.equal(localeFromAcceptLanguage('en-GB,en;q=0.9,nl;q=0.8'), 'en');
    assert.equal(localeFromAcceptLanguage('nl-NL,en;q=0.5'), 'nl');
  });
});
