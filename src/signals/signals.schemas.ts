import { Type, type Static } from 'typebox';

/**
 * The period query of the signal pages and API (`?period=weeks&from=2026-02-02&to=2026-02-23`),
 * one schema for both. The shape only: whether the dates are completed Mondays is the use case's
 * rule (resolvePeriod), answered as a 422 on the field like any other problem.
 */
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const SignalsPeriodQuery = Type.Object(
  {
    period: Type.Optional(Type.Union([Type.Literal('last4'), Type.Literal('quarter'), Type.Literal('year'), Type.Literal('weeks')])),
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type SignalsPeriodQuery = Static<typeof SignalsPeriodQuery>;

/** The query as the use case's Period; no period means the last four weeks. */
export const periodFromQuery = (query: SignalsPeriodQuery) => ({ kind: query.period ?? 'last4', from: query.from, to: query.to });
