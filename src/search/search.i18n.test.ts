import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createAppI18n } from '../app/messages.ts';
import { searchMessages } from './search.i18n.ts';

describe('search messages', () => {
  it('every literal message key used in the search code exists, in Dutch and English', () => {
    const i18n = createAppI18n();
    const files = globSync('**/*.{ts,tsx}', { cwd: import.meta.dirname }).filter((f) => !f.endsWith('.test.ts'));
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(path.join(import.meta.dirname, file), 'utf8');
      for (const [, key] of source.matchAll(/'((?:search|communities|table)\.[a-z_.]+[a-z])'/g)) {
        if (key && !i18n.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('has a text for every kind and filter choice that pages build keys for, in both languages', () => {
    const keys = [
      ...['question', 'answer'].map((k) => `search.kind.${k}`),
      ...['all', 'question', 'answer'].map((k) => `search.field.kind.${k}`),
      ...['all', 'what', 'how'].map((k) => `search.field.question_kind.${k}`),
    ];
    for (const key of keys) {
      assert.ok(key in searchMessages.nl && key in searchMessages.en, key);
    }
    assert.deepEqual(Object.keys(searchMessages.en).sort(), Object.keys(searchMessages.nl).sort());
  });

  it('keeps the suggestion one sentence with a single place for the link', () => {
    const i18n = createAppI18n();
    for (const locale of ['nl', 'en'] as const) assert.equal(i18n.translator(locale)('search.suggestion', { suggestion: '\u0000' }).split('\u0000').length, 2);
  });
});
