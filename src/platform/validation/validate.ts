import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { createValidationError, type FieldError } from '../errors.ts';

/** PostgreSQL text cannot hold a NUL character: text fields refuse it rather than fail in the database. */
export const NO_NUL_PATTERN = '^[^\\u0000]*$';

/**
 * Checks plain input against a TypeBox schema (the same schema the API declares) and throws
 * a 422 with one field error per field, keyed for the i18n catalogue. Strings are trimmed
 * first: civil servants paste text with stray spaces.
 */
export function parseInput<T extends TSchema>(schema: T, input: unknown): Static<T> {
  const value = Value.Convert(schema, Value.Default(schema, trimStrings(stripUnknown(schema, input))));
  if (Value.Check(schema, value)) return value as Static<T>;
  const fields = new Map<string, FieldError>();
  for (const error of Value.Errors(schema, value)) {
    for (const fieldError of toFieldErrors(error, value)) {
      if (!fields.has(fieldError.field)) fields.set(fieldError.field, fieldError);
    }
  }
  throw createValidationError([...fields.values()]);
}

type SchemaError = ReturnType<typeof Value.Errors>[number];

function toFieldErrors(error: SchemaError, value: unknown): FieldError[] {
  const path = error.instancePath.replace(/^\//, '').split('/')[0] ?? '';
  const params = error.params as Record<string, unknown>;
  // A field left empty is "required", whatever its minimum length.
  if (error.keyword === 'minLength' && error.instancePath.split('/').length === 2 && (value as Record<string, unknown> | null)?.[path] === '') return [{ field: path, code: 'validation.required' }];
  if (error.keyword === 'required') {
    const missing = (params.requiredProperties as string[] | undefined) ?? [path];
    return missing.map((field) => ({ field, code: 'validation.required' }));
  }
  return [toFieldError(error, path, params)];
}

function toFieldError(error: SchemaError, path: string, params: Record<string, unknown>): FieldError {
  switch (error.keyword) {
    case 'minLength':
      return params.limit === 1 ? { field: path, code: 'validation.required' } : { field: path, code: 'validation.too_short', params: { min: Number(params.limit) } };
    case 'maxLength':
      return { field: path, code: 'validation.too_long', params: { max: Number(params.limit) } };
    case 'maxItems':
      return { field: path, code: 'validation.too_many', params: { max: Number(params.limit) } };
    case 'format':
      return { field: path, code: params.format === 'email' ? 'validation.email' : 'validation.format' };
    case 'minimum':
    case 'maximum':
      return { field: path, code: 'validation.range' };
    case 'anyOf':
    case 'enum':
    case 'const':
      return { field: path, code: 'validation.choice' };
    default:
      return { field: path, code: 'validation.invalid' };
  }
}

function trimStrings(input: unknown): unknown {
  if (typeof input === 'string') return input.trim();
  if (Array.isArray(input)) return input.map(trimStrings);
  if (input && typeof input === 'object') {
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, trimStrings(v)]));
  }
  return input;
}

/** Form posts carry extra fields (_csrf, submit buttons); only the schema's own are kept. */
function stripUnknown(schema: TSchema, input: unknown): unknown {
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  if (!properties || !input || typeof input !== 'object' || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([key]) => key in properties));
}

/** "zorg, wonen ,  schuld" → ["zorg", "wonen", "schuld"]: how tag fields arrive from a form. */
export function splitList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(splitList);
  if (typeof value !== 'string') return [];
  return [...new Set(value.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
}
