import { Type, type Static } from 'typebox';
import { NO_NUL_PATTERN } from '../platform/validation/validate.ts';

/** One schema per input, used by the HTML form posts and the JSON API alike. */

const Uuid = Type.String({ format: 'uuid' });
const Text = (limits: { minLength?: number; maxLength: number }) => Type.String({ ...limits, pattern: NO_NUL_PATTERN });
const Kind = Type.Union([Type.Literal('what'), Type.Literal('how')]);
export const MAX_LEARNING_QUESTIONS = 30;

export const LearningQuestionInput = Type.Object({
  /** Absent for a new learning question; an id of this framework keeps the question's identity. */
  id: Type.Optional(Type.Union([Uuid, Type.Null()])),
  kind: Kind,
  text: Text({ minLength: 1, maxLength: 300 }),
  explanation: Type.Optional(Text({ maxLength: 1000 })),
});

export const SaveDraftInput = Type.Object({
  purpose: Text({ maxLength: 5000 }),
  room: Text({ maxLength: 5000 }),
  constraints: Text({ maxLength: 5000 }),
  indicators: Text({ maxLength: 5000 }),
  reviewDate: Type.Union([Type.String({ format: 'date', pattern: '^(19|20)\\d\\d-' }), Type.Null()]),
  learningQuestions: Type.Array(LearningQuestionInput, { maxItems: MAX_LEARNING_QUESTIONS }),
});
export type SaveDraftInput = Static<typeof SaveDraftInput>;

/** Required from version 2 on (checked by the use case, which knows the number). */
export const PublishInput = Type.Object({ changeNote: Type.Optional(Text({ maxLength: 2000 })) });
export type PublishInput = Static<typeof PublishInput>;

/** A version number; anything that is no number names no version (404, see versionNumber). */
export const VersionParams = Type.Object({ id: Uuid, number: Type.String({ minLength: 1, maxLength: 64, pattern: NO_NUL_PATTERN }) });

/** A version number from a URL; anything else names no version. */
export function versionNumber(value: string): number | null {
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

const list = (value: unknown): unknown[] => (value === undefined ? [] : [value].flat());
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The form posts the learning questions as parallel rows (lqId, lqKind, lqText, lqExplanation,
 * one of each per row); an empty row is no learning question. This gives the API's shape.
 */
export function draftFormInput(body: unknown): Record<string, unknown> {
  const form = (body ?? {}) as Record<string, unknown>;
  const texts = list(form.lqText);
  const ids = list(form.lqId);
  const kinds = list(form.lqKind);
  const explanations = list(form.lqExplanation);
  const learningQuestions = texts
    .map((text, i) => ({ id: str(ids[i]) || null, kind: kinds[i], text, explanation: str(explanations[i]) }))
    .filter((q) => str(q.text).trim() !== '' || q.explanation.trim() !== '');
  const isBlank = form.reviewDate === undefined || (typeof form.reviewDate === 'string' && form.reviewDate.trim() === '');
  const reviewDate = isBlank ? null : form.reviewDate;
  return { purpose: form.purpose ?? '', room: form.room ?? '', constraints: form.constraints ?? '', indicators: form.indicators ?? '', reviewDate, learningQuestions };
}

/** The rows a (re-rendered) form shows: what was typed, in the same parallel shape. */
export function formRows(values: Record<string, unknown>): { id: string; kind: string; text: string; explanation: string }[] {
  const texts = list(values.lqText);
  return texts.map((text, i) => ({ id: str(list(values.lqId)[i]), kind: str(list(values.lqKind)[i]), text: str(text), explanation: str(list(values.lqExplanation)[i]) }));
}

const LearningQuestionJson = Type.Object({ id: Uuid, kind: Kind, text: Type.String(), explanation: Type.String() });

export const VersionJson = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  purpose: Type.String(),
  room: Type.String(),
  constraints: Type.String(),
  indicators: Type.String(),
  reviewDate: Type.Union([Type.String(), Type.Null()]),
  learningQuestions: Type.Array(LearningQuestionJson),
  changeNote: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const VersionSummaryJson = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  changeNote: Type.String(),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
});

export const CurrentFrameworkJson = Type.Object({ communityId: Uuid, current: Type.Union([VersionJson, Type.Null()]) });
export const VersionListJson = Type.Object({ items: Type.Array(VersionSummaryJson) });
