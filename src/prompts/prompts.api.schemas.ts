import { Type, type TSchema } from 'typebox';
import { PROMPT_KINDS, RESPONSE_MODES, SCHEDULE_KINDS, Uuid, VISIBILITIES } from './prompts.schemas.ts';

/** Response shapes of /api/v1 prompts: serialisation (nothing else leaves) and the OpenAPI document. */

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const oneOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const CommunityRef = Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() });

export const IdParams = Type.Object({ id: Uuid });
export const PageOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), page: Type.Integer(), pageSize: Type.Integer(), hasNext: Type.Boolean() });
export const CountJson = Type.Object({
  count: Nullable(Type.Integer({ description: 'How many people it reaches now; never who. null for 1 to 4 people' })),
  isFewerThanMinimum: Type.Boolean({ description: 'true when it reaches 1 to 4 people: the exact number is not shown' }),
});

export const PromptSummaryJson = Type.Object({
  id: Uuid,
  kind: oneOf(PROMPT_KINDS),
  text: Type.String(),
  status: oneOf(['scheduled', 'sending', 'sent', 'cancelled'] as const),
  nextAt: Nullable(DateTime),
  createdAt: DateTime,
});

const Counts = Type.Object({ delivered: Type.Integer(), held: Type.Integer(), snoozed: Type.Integer(), optedOut: Type.Integer(), responded: Type.Integer() });

export const PromptResultsJson = Type.Object({
  id: Uuid,
  community: CommunityRef,
  kind: oneOf(PROMPT_KINDS),
  text: Type.String(),
  learningQuestionId: Nullable(Uuid),
  responseMode: oneOf(RESPONSE_MODES),
  visibility: oneOf(VISIBILITIES),
  pollOptions: Type.Array(Type.String()),
  scheduleKind: oneOf(SCHEDULE_KINDS),
  responseWindowHours: Type.Integer(),
  reminderAfterHours: Nullable(Type.Integer()),
  cancelledAt: Nullable(DateTime),
  createdAt: DateTime,
  occurrences: Type.Array(Type.Object({ id: Uuid, number: Type.Integer(), scheduledFor: DateTime, deliveredAt: Nullable(DateTime), counts: Counts })),
  totals: Counts,
  responseRate: Nullable(Type.Integer({ description: 'Percent of delivered that answered' })),
  audienceNow: Nullable(CountJson),
  poll: Nullable(Type.Array(Type.Object({ option: Type.String(), count: Type.Integer(), percentage: Type.Integer() }))),
  responses: Type.Array(
    Type.Object({ id: Uuid, respondent: Type.Object({ userId: Uuid, name: Type.String() }), choice: Nullable(Type.Integer()), body: Type.String(), mayReuse: Type.Boolean(), updatedAt: DateTime }),
    { description: 'Named answers; always empty for anonymous prompts' },
  ),
  anonymousTexts: Type.Array(Type.String(), { description: 'For anonymous prompts: the answer texts only, in an order unrelated to who or when' }),
  anonymousWithheld: Type.Boolean({ description: 'Anonymous prompt with fewer than 5 answers: no poll split and no texts yet' }),
});

export const InboxItemJson = Type.Object({
  occurrenceId: Uuid,
  kind: oneOf(PROMPT_KINDS),
  text: Type.String(),
  community: Type.Object({ name: Type.String(), slug: Type.String() }),
  deliveredAt: DateTime,
  closesAt: DateTime,
  isOpen: Type.Boolean(),
  hasResponded: Type.Boolean(),
});

const Answer = Type.Object({ choice: Nullable(Type.Integer()), body: Type.String(), updatedAt: DateTime });

export const DeliveryJson = Type.Object({
  occurrenceId: Uuid,
  community: CommunityRef,
  kind: oneOf(PROMPT_KINDS),
  text: Type.String(),
  responseMode: oneOf(RESPONSE_MODES),
  visibility: oneOf(VISIBILITIES),
  pollOptions: Type.Array(Type.String()),
  delivery: Nullable(Type.Object({ deliveredAt: Nullable(DateTime), closesAt: Nullable(DateTime), isOpen: Type.Boolean() })),
  myResponse: Nullable(Type.Object({ choice: Nullable(Type.Integer()), body: Type.String(), mayReuse: Type.Boolean(), updatedAt: DateTime })),
  communityAnswers: Nullable(Type.Array(Type.Object({ name: Type.String(), ...Answer.properties }))),
});

export const SettingsJson = Type.Object({
  promptEmail: Type.Boolean(),
  snoozedUntil: Nullable(DateTime),
  communities: Type.Array(Type.Object({ communityId: Uuid, name: Type.String(), slug: Type.String(), isOptedOut: Type.Boolean() })),
});
