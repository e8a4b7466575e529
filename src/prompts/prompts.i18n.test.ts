import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createAppI18n } from '../app/messages.ts';
import { promptsMessages } from './prompts.i18n.ts';
import { PROMPT_KINDS, RESPONSE_MODES, SCHEDULE_KINDS, SNOOZE_PERIODS, VISIBILITIES } from './prompts.schemas.ts';

describe('prompts messages', () => {
  it('every literal message key used in the prompts code exists, in Dutch and English', () => {
    const i18n = createAppI18n();
    const files = globSync('**/*.{ts,tsx}', { cwd: import.meta.dirname }).filter((f) => !f.endsWith('.test.ts'));
    const missing: string[] = [];
    // A prefix the page completes (`options('prompts.kind', PROMPT_KINDS)`) is no message either.
    const isPrefix = (key: string) => i18n.keys('nl').some((k) => k.startsWith(`${key}.`));
    for (const file of files) {
      const source = readFileSync(path.join(import.meta.dirname, file), 'utf8');
      for (const [, key] of source.matchAll(/'(prompts\.[a-z_.0-9]+[a-z0-9])'/g)) {
        // The job's name shares the prefix; it is no message.
        if (key && key !== 'prompts.scheduler' && !i18n.has(key) && !isPrefix(key)) missing.push(`${file}: ${key}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('has an English text for every Dutch one, and no empty texts', () => {
    assert.deepEqual(Object.keys(promptsMessages.en).sort(), Object.keys(promptsMessages.nl).sort());
    for (const locale of ['nl', 'en'] as const) {
      for (const [key, text] of Object.entries(promptsMessages[locale])) assert.ok(typeof text !== 'string' || text.trim().length > 0, `${locale} ${key}`);
    }
  });

  it('has a text for every kind, response mode, visibility, schedule, status, weekday and pause that pages build keys for', () => {
    const i18n = createAppI18n();
    const keys = [
      ...PROMPT_KINDS.map((k) => `prompts.kind.${k}`),
      ...RESPONSE_MODES.flatMap((m) => [`prompts.response_mode.${m}`, `prompts.response_mode.${m}.description`]),
      ...VISIBILITIES.flatMap((v) => [`prompts.visibility.${v}`, `prompts.visibility.${v}.description`, `prompts.visibility.${v}.notice`]),
      ...SCHEDULE_KINDS.map((s) => `prompts.schedule_kind.${s}`),
      ...['scheduled', 'sending', 'sent', 'cancelled'].map((s) => `prompts.status.${s}`),
      ...[1, 2, 3, 4, 5, 6, 7].map((d) => `prompts.weekday.${d}`),
      ...SNOOZE_PERIODS.map((p) => `prompts.settings.snooze.${p}`),
      ...['delivered', 'held', 'snoozed', 'optedOut', 'responded'].map((c) => `prompts.results.column.${c}`),
      ...['opt_out', 'opt_in', 'reused_practice', 'reused_question'].map((n) => `prompts.notice.${n}`),
    ];
    assert.deepEqual(keys.filter((key) => !i18n.has(key)), []);
  });
});
