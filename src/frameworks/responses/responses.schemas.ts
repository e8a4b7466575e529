import { Type, type Static } from 'typebox';
import { NO_NUL_PATTERN } from '../../platform/validation/validate.ts';

/** One schema per input, used by the HTML form posts and the JSON API alike. */

const Uuid = Type.String({ format: 'uuid' });
const Text = (limits: { minLength?: number; maxLength: number }) => Type.String({ ...limits, pattern: NO_NUL_PATTERN });
export const KINDS = ['comment', 'unclear', 'proposal'] as const;
const Target = Type.Union([Type.Literal('purpose'), Type.Literal('room'), Type.Literal('constraints'), Type.Literal('indicators'), Type.Literal('learning_question')]);
const Kind = Type.Union([Type.Literal('comment'), Type.Literal('unclear'), Type.Literal('proposal')]);
const Status = Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('adopted')]);

export const RespondInput = Type.Object({
  target: Target,
  /** Required when target is 'learning_question' (checked by the use case against the current version). */
  learningQuestionId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  kind: Kind,
  /** Required for comments and proposals; optional explanation for an "unclear" flag. */
  text: Type.Optional(Text({ maxLength: 2000 })),
  /** Flags and proposals are unsigned unless the member signs; comments always show their author. */
  signed: Type.Optional(Type.Boolean()),
});
export type RespondInput = Static<typeof RespondInput>;

export const AnswerInput = Type.Object({ reply: Text({ minLength: 1, maxLength: 1000 }) });
export type AnswerInput = Static<typeof AnswerInput>;

export const AdoptInput = Type.Object({
  reply: Type.Optional(Text({ maxLength: 1000 })),
  /** Credit the proposer by name: only honoured when they signed the proposal. */
  credit: Type.Optional(Type.Boolean()),
});
export type AdoptInput = Static<typeof AdoptInput>;

export const ResponseParams = Type.Object({ id: Uuid, responseId: Uuid });

const str = (value: unknown): unknown => value;

/** A form post in the input's shape: a ticked checkbox posts "yes", an empty learning question id is none. */
export function respondFormInput(body: unknown): Record<string, unknown> {
  const form = (body ?? {}) as Record<string, unknown>;
  const lq = form.learningQuestionId;
  return { target: str(form.target), learningQuestionId: lq === undefined || lq === '' ? null : lq, kind: str(form.kind), text: form.text ?? '', signed: form.signed === 'yes' };
}

export function adoptFormInput(body: unknown): Record<string, unknown> {
  const form = (body ?? {}) as Record<string, unknown>;
  return { reply: form.reply ?? '', credit: form.credit === 'yes' };
}

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ResponseJson = Type.Object({
  id: Uuid,
  versionId: Uuid,
  target: Target,
  learningQuestionId: Nullable(Uuid),
  kind: Kind,
  text: Type.String(),
  signed: Type.Boolean(),
  /** Only for signed responses (and every comment); null otherwise. */
  author: Nullable(Type.String()),
  status: Status,
  reply: Type.String(),
  /** The proposer credited on adoption: only a signed proposer who was credited. */
  creditedTo: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

const Counts = Type.Object({ openUnclear: Type.Integer(), openProposals: Type.Integer(), comments: Type.Integer() });
export const ResponseGroupJson = Type.Object({ target: Target, learningQuestionId: Nullable(Uuid), counts: Counts, items: Type.Array(ResponseJson) });
export const ResponseListJson = Type.Object({ communityId: Uuid, groups: Type.Array(ResponseGroupJson) });
