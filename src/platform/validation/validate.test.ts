import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from 'typebox';
import { isAppError } from '../errors.ts';
import { parseInput, splitList } from './validate.ts';

const Schema = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 10 }),
  email: Type.String({ format: 'email' }),
  kind: Type.Union([Type.Literal('what'), Type.Literal('how')]),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
});

function fieldsOf(input: unknown) {
  try {
    parseInput(Schema, input);
    return [];
  } catch (error) {
    assert.ok(isAppError(error));
    return error.fields.map((f) => `${f.field}:${f.code}`);
  }
}

describe('parseInput', () => {
  it('trims, converts and drops unknown fields', () => {
    const value = parseInput(Schema, { name: '  Ans ', email: 'a@b.nl', kind: 'how', count: '3', _csrf: 'x' });
    assert.deepEqual(value, { name: 'Ans', email: 'a@b.nl', kind: 'how', count: 3 });
  });

  it('reports one error per field with an i18n code', () => {
    assert.deepEqual(fieldsOf({ name: 'x'.repeat(11), email: 'nope', kind: 'why', count: '9' }).sort(), [
      'count:validation.range',
      'email:validation.email',
      'kind:validation.choice',
      'name:validation.too_long',
    ]);
    assert.deepEqual(fieldsOf({}).sort(), ['email:validation.required', 'kind:validation.required', 'name:validation.required']);
  });

  it('survives hostile shapes without throwing anything but a validation error', () => {
    for (const input of [null, 'x', 42, [], { name: { $gt: '' } }, { name: ['a', 'b'] }]) assert.ok(fieldsOf(input).length > 0);
  });

  it('splits tag lists', () => {
    assert.deepEqual(splitList(' zorg, wonen ,,zorg\nschuld '), ['zorg', 'wonen', 'schuld']);
  });
});
