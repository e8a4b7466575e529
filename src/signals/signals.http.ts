import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../platform/errors.ts';
import type { SignalsPeriodQuery } from './signals.schemas.ts';

/**
 * The page and CSV read the period leniently from Dutch query names (`?periode=&van=&tot=`): an
 * unknown period is the default (the last four weeks), like any page query. Dates count only for
 * a chosen range, where the use case checks them (a 422 on the field).
 */
const KINDS = ['last4', 'quarter', 'year', 'weeks'] as const;
const PAGE_FIELDS: Record<string, string> = { period: 'periode', from: 'van', to: 'tot' };

export function pagePeriodQuery(request: FastifyRequest): SignalsPeriodQuery {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const period = KINDS.find((kind) => kind === text(query.periode));
  return period === 'weeks' ? { period, from: text(query.van), to: text(query.tot) } : { period };
}

/** The query as the picker's form values (Dutch names). */
export const pickerValues = (query: SignalsPeriodQuery) => ({ periode: query.period ?? 'last4', van: query.from ?? '', tot: query.to ?? '' });

/** The use case's field errors (from, to) under the picker's field names (van, tot). */
export const pickerErrors = (fields: readonly FieldError[]): FieldError[] => fields.map((f) => ({ ...f, field: PAGE_FIELDS[f.field] ?? f.field }));

export { slugOf } from '../platform/http/params.ts';
