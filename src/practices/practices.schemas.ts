import { Type, type Static } from 'typebox';
import { MAX_PAGE, parsePageNumber } from '../platform/paging.ts';
import { normaliseTags } from '../platform/text.ts';
import { NO_NUL_PATTERN, splitList } from '../platform/validation/validate.ts';
import { MAX_PAGE_SIZE, PAGE_SIZE, PRACTICE_SORTS, type PracticeListFilter } from './practices.models.ts';

/** One schema per input, for the HTML forms and the JSON API alike. */

export const Uuid = Type.String({ format: 'uuid' });
const Text = (limits: { minLength?: number; maxLength: number }) => Type.String({ ...limits, pattern: NO_NUL_PATTERN });
const Tags = Type.Array(Text({ minLength: 1, maxLength: 40 }), { maxItems: 8 });

const storyFields = {
  title: Text({ minLength: 8, maxLength: 200 }),
  situation: Text({ minLength: 2, maxLength: 10000 }),
  action: Text({ minLength: 2, maxLength: 10000 }),
  outcome: Text({ maxLength: 10000 }),
  learning: Text({ maxLength: 10000 }),
  tags: Tags,
  learningQuestionId: Type.Union([Uuid, Type.Null()]),
};

export const SharePracticeInput = Type.Object({
  title: storyFields.title,
  situation: storyFields.situation,
  action: storyFields.action,
  outcome: Type.Optional(storyFields.outcome),
  learning: Type.Optional(storyFields.learning),
  tags: Type.Optional(storyFields.tags),
  learningQuestionId: Type.Optional(storyFields.learningQuestionId),
});
export type SharePracticeInput = Static<typeof SharePracticeInput>;

export const EditPracticeInput = Type.Partial(Type.Object(storyFields));
export type EditPracticeInput = Static<typeof EditPracticeInput>;

export const ReactionKindSchema = Type.Union([Type.Literal('recognise'), Type.Literal('will_try')]);
export const ReactInput = Type.Object({ kind: ReactionKindSchema, on: Type.Boolean() });
export type ReactInput = Static<typeof ReactInput>;

export const CommentKindSchema = Type.Union([Type.Literal('comment'), Type.Literal('alternative')]);
export const CommentInput = Type.Object({ kind: CommentKindSchema, body: Text({ minLength: 2, maxLength: 5000 }) });
export type CommentInput = Static<typeof CommentInput>;

export const TryResultSchema = Type.Union([Type.Literal('worked'), Type.Literal('partly'), Type.Literal('not_yet')]);
export const TryInput = Type.Object({
  /** The report this one builds on; absent: tried from the story itself. */
  parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  team: Text({ minLength: 2, maxLength: 100 }),
  result: TryResultSchema,
  adapted: Text({ minLength: 2, maxLength: 5000 }),
  howItWent: Text({ minLength: 2, maxLength: 5000 }),
});
export type TryInput = Static<typeof TryInput>;

export const ShareToInput = Type.Object({ communityId: Uuid });
export type ShareToInput = Static<typeof ShareToInput>;

export const HideInput = Type.Object({ reason: Text({ minLength: 5, maxLength: 500 }) });
export type HideInput = Static<typeof HideInput>;

/** Forms post tags as one comma-separated text; "no learning question" is the empty option. */
export function practiceFormInput(body: unknown): Record<string, unknown> {
  const form = (body ?? {}) as Record<string, unknown>;
  const values: Record<string, unknown> = { ...form, tags: normaliseTags(splitList(form.tags)) };
  for (const key of ['outcome', 'learning']) if (typeof values[key] !== 'string') values[key] = '';
  for (const key of ['_csrf', 'preview', 'files']) delete values[key];
  if (values.learningQuestionId === '' || values.learningQuestionId === undefined) values.learningQuestionId = null;
  return values;
}

/** The try form: the parent comes from a hidden field, empty for the story itself. */
export function tryFormInput(body: unknown): Record<string, unknown> {
  const form = { ...((body ?? {}) as Record<string, unknown>) };
  delete form._csrf;
  if (form.parentId === '') form.parentId = null;
  return form;
}

const paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: PAGE_SIZE })),
};

export const ListPracticesQuery = Type.Object({
  ...paging,
  sort: Type.Optional(Type.Union(PRACTICE_SORTS.map((s) => Type.Literal(s)))),
  tag: Type.Optional(Text({ maxLength: 40 })),
  learningQuestionId: Type.Optional(Uuid),
});
export type ListPracticesQuery = Static<typeof ListPracticesQuery>;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Dutch words in page URLs (`?sortering=meest-geprobeerd`), read leniently: a link never errors. */
export function filterFromPageQuery(query: unknown): PracticeListFilter {
  const values = (query ?? {}) as Record<string, unknown>;
  const tag = typeof values.tag === 'string' ? normaliseTags([values.tag.replace(/[\u0000-\u001f]/g, '').slice(0, 40)])[0] ?? '' : '';
  const learningQuestionId = typeof values.leervraag === 'string' && UUID_PATTERN.test(values.leervraag) ? values.leervraag : null;
  return { sort: values.sortering === 'meest-geprobeerd' ? 'tried' : 'newest', tag, learningQuestionId, page: parsePageNumber(values.pagina), pageSize: PAGE_SIZE };
}

export function filterFromApiQuery(query: ListPracticesQuery): PracticeListFilter {
  return {
    sort: query.sort ?? 'newest',
    tag: normaliseTags([query.tag ?? ''])[0] ?? '',
    learningQuestionId: query.learningQuestionId ?? null,
    page: query.page ?? 1,
    pageSize: query.pageSize ?? PAGE_SIZE,
  };
}
