import { Type, type TSchema } from 'typebox';
import { COMMUNITY_METRICS } from './signals.models.ts';

/** Response shape of /api/v1 signals: serialisation (nothing else leaves) and the OpenAPI document. */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const LocalDate = Type.String({ description: 'YYYY-MM-DD' });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const FigureJson = Type.Object({
  value: Nullable(Type.Number({ description: 'null when suppressed (or, for a share, when there is nothing to divide by)' })),
  isSuppressed: Type.Boolean({ description: 'true when the figure covers fewer than k people, or would reveal one that does' }),
  covers: Nullable(Type.Integer({ description: 'Distinct people the figure covers (a lower bound over several weeks); null when suppressed' })),
  reason: Nullable(Type.Union([Type.Literal('fewer_than_k'), Type.Literal('complementary')])),
});
const PairJson = Type.Object({ current: FigureJson, previous: FigureJson });
const PeriodJson = Type.Object({ kind: Type.String(), from: LocalDate, to: LocalDate, weeks: Type.Array(LocalDate) });
const metricsOf = <T extends TSchema>(schema: T) => Type.Object(Object.fromEntries(COMMUNITY_METRICS.map((metric) => [metric, schema])) as Record<(typeof COMMUNITY_METRICS)[number], T>);

export const CommunitySignalsJson = Type.Object({
  community: Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.String() }),
  k: Type.Integer({ description: 'Figures about fewer people than this are suppressed' }),
  period: PeriodJson,
  previousPeriod: PeriodJson,
  figures: metricsOf(PairJson),
  shares: Type.Object({ contributed: PairJson, answered: PairJson, answeredWithinTwoWorkingDays: PairJson, responseRate: PairJson }),
  medianHoursToFirstAnswer: PairJson,
  series: Type.Array(Type.Object({ weekStart: LocalDate, figures: metricsOf(FigureJson) })),
  sharpening: Type.Array(Type.Object({
    learningQuestionId: Type.String({ format: 'uuid' }), kind: Type.Union([Type.Literal('what'), Type.Literal('how')]), text: Type.String(),
    unclearFlags: FigureJson, unansweredQuestions: FigureJson, questionsAsked: FigureJson, score: Nullable(Type.Integer()),
  })),
  searchMisses: Type.Array(Type.Object({ query: Type.String(), count: FigureJson })),
});
