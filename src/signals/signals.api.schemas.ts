import { Type, type TSchema } from 'typebox';
import { MAX_PAGE } from '../platform/paging.ts';
import { COMMUNITY_METRICS } from './signals.models.ts';
import { ROW_METRICS } from './scope.usecases.ts';
import { SignalsPeriodQuery } from './signals.schemas.ts';

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
const SummedJson = Type.Object({ ...FigureJson.properties, leftOut: Type.Integer({ description: 'Communities whose own figure is suppressed and so is not in this sum' }) });
const SummedPairJson = Type.Object({ current: SummedJson, previous: SummedJson });
const PeriodJson = Type.Object({ kind: Type.String(), from: LocalDate, to: LocalDate, weeks: Type.Array(LocalDate) });
const metricsOf = <T extends TSchema>(schema: T) => Type.Object(Object.fromEntries(COMMUNITY_METRICS.map((metric) => [metric, schema])) as Record<(typeof COMMUNITY_METRICS)[number], T>);

const SharpeningJson = Type.Object({
  learningQuestionId: Type.String({ format: 'uuid' }), kind: Type.Union([Type.Literal('what'), Type.Literal('how')]), text: Type.String(),
  unclearFlags: FigureJson, unansweredQuestions: FigureJson, questionsAsked: FigureJson, score: Nullable(Type.Integer()),
});

export const CommunitySignalsJson = Type.Object({
  community: Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.String() }),
  k: Type.Integer({ description: 'Figures about fewer people than this are suppressed' }),
  period: PeriodJson,
  previousPeriod: PeriodJson,
  figures: metricsOf(PairJson),
  shares: Type.Object({ contributed: PairJson, answered: PairJson, answeredWithinTwoWorkingDays: PairJson, responseRate: PairJson }),
  medianHoursToFirstAnswer: PairJson,
  series: Type.Array(Type.Object({ weekStart: LocalDate, figures: metricsOf(FigureJson) })),
  sharpening: Type.Array(SharpeningJson),
  searchMisses: Type.Array(Type.Object({ query: Type.String(), count: FigureJson })),
});

export const ScopeSignalsQuery = Type.Object(
  { ...SignalsPeriodQuery.properties, page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })) },
  { additionalProperties: false },
);


export const ScopeSignalsJson = Type.Object({
  scope: Type.Union([Type.Literal('organisation'), Type.Literal('chain')]),
  organisation: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }),
  k: Type.Integer(),
  period: PeriodJson,
  previousPeriod: PeriodJson,
  communityCount: Type.Integer(),
  figures: metricsOf(SummedPairJson),
  shares: Type.Object({
    contributed: SummedPairJson, answered: SummedPairJson, answeredWithinTwoWorkingDays: SummedPairJson, responseRate: SummedPairJson,
    answersCrossOrg: SummedPairJson, triesCrossOrg: SummedPairJson,
  }),
  medianHoursToFirstAnswer: PairJson,
  series: Type.Array(Type.Object({ weekStart: LocalDate, figures: metricsOf(SummedJson) })),
  communities: Type.Object({
    items: Type.Array(Type.Object({
      id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.String(), organisationName: Type.String(), hasOwnSignals: Type.Boolean(),
      figures: Type.Object(Object.fromEntries(ROW_METRICS.map((metric) => [metric, FigureJson])) as Record<(typeof ROW_METRICS)[number], typeof FigureJson>),
      answeredShare: FigureJson,
    })),
    page: Type.Integer(), pageSize: Type.Integer(), hasNext: Type.Boolean(), total: Type.Integer(),
  }),
  sharpening: Type.Array(Type.Object({ ...SharpeningJson.properties, community: Type.Object({ slug: Type.String(), name: Type.String() }) })),
  searchMisses: Type.Array(Type.Object({ query: Type.String(), count: FigureJson })),
});
