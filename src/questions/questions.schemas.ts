import { Type, type Static } from 'typebox';
import { MAX_PAGE, parsePageNumber } from '../platform/paging.ts';
import { NO_NUL_PATTERN, splitList } from '../platform/validation/validate.ts';
import { MAX_INVITEES, MAX_PAGE_SIZE, PAGE_SIZE, QUESTION_FILTERS, QUESTION_SORTS, normaliseTags, type QuestionFilter, type QuestionListFilter, type QuestionSort } from './questions.models.ts';

/** One schema per input, for the HTML forms and the JSON API alike. */

export const Uuid = Type.String({ format: 'uuid' });
const Text = (limits: { minLength?: number; maxLength: number }) => Type.String({ ...limits, pattern: NO_NUL_PATTERN });
export const QuestionKindSchema = Type.Union([Type.Literal('what'), Type.Literal('how')]);
const Tags = Type.Array(Text({ minLength: 1, maxLength: 40 }), { maxItems: 8 });

export const AskQuestionInput = Type.Object({
  kind: QuestionKindSchema,
  title: Text({ minLength: 8, maxLength: 200 }),
  body: Text({ maxLength: 20000 }),
  tags: Type.Optional(Tags),
  isPseudonymous: Type.Optional(Type.Boolean()),
  /** Set once learning questions exist (the frameworks capability); refused until then. */
  learningQuestionId: Type.Optional(Type.Union([Uuid, Type.Null()])),
});
export type AskQuestionInput = Static<typeof AskQuestionInput>;

export const EditQuestionInput = Type.Object({
  kind: Type.Optional(QuestionKindSchema),
  title: Type.Optional(Text({ minLength: 8, maxLength: 200 })),
  body: Type.Optional(Text({ maxLength: 20000 })),
  tags: Type.Optional(Tags),
  /** A minor edit (a typo): followers are not notified. */
  minor: Type.Optional(Type.Boolean()),
});
export type EditQuestionInput = Static<typeof EditQuestionInput>;

export const AnswerInput = Type.Object({ body: Text({ minLength: 2, maxLength: 20000 }) });
export type AnswerInput = Static<typeof AnswerInput>;

export const CommentInput = Type.Object({ body: Text({ minLength: 2, maxLength: 1000 }) });
export type CommentInput = Static<typeof CommentInput>;

export const HideInput = Type.Object({ reason: Text({ minLength: 5, maxLength: 500 }) });
export type HideInput = Static<typeof HideInput>;

export const CloseInput = Type.Object({ duplicateOf: Uuid });
export type CloseInput = Static<typeof CloseInput>;

export const InviteToAnswerInput = Type.Object({ userIds: Type.Array(Uuid, { minItems: 1, maxItems: MAX_INVITEES }) });
export type InviteToAnswerInput = Static<typeof InviteToAnswerInput>;

export const AcceptInput = Type.Object({ answerId: Uuid });
export type AcceptInput = Static<typeof AcceptInput>;

/** Forms post tags as one comma-separated text and the pseudonym choice as a checkbox. */
export function questionFormInput(body: unknown): Record<string, unknown> {
  const form = (body ?? {}) as Record<string, unknown>;
  const values: Record<string, unknown> = { ...form, body: form.body ?? '', tags: normaliseTags(splitList(form.tags)) };
  if ('isPseudonymous' in form || 'kind' in form) values.isPseudonymous = form.isPseudonymous === 'on' || form.isPseudonymous === 'true';
  if ('minor' in form) values.minor = form.minor === 'on' || form.minor === 'true';
  delete values._csrf;
  delete values.preview;
  // "No learning question" is the empty option of the select.
  if (values.learningQuestionId === '') delete values.learningQuestionId;
  return values;
}

/** "Close as duplicate of": a form takes the other question's link or id. */
export function duplicateFormInput(body: unknown): Record<string, unknown> {
  const value = String((body as Record<string, unknown> | undefined)?.duplicateOf ?? '');
  const id = value.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i)?.[0];
  return { duplicateOf: id ?? value };
}

const paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: PAGE_SIZE })),
};

export const ListQuestionsQuery = Type.Object({
  ...paging,
  filter: Type.Optional(Type.Union(QUESTION_FILTERS.map((f) => Type.Literal(f)))),
  sort: Type.Optional(Type.Union(QUESTION_SORTS.map((s) => Type.Literal(s)))),
  tag: Type.Optional(Text({ maxLength: 40 })),
  learningQuestionId: Type.Optional(Uuid),
});
export type ListQuestionsQuery = Static<typeof ListQuestionsQuery>;

export const MyQuestionsQuery = Type.Object({ ...paging, list: Type.Optional(Type.Union([Type.Literal('answerable'), Type.Literal('mine')])) });
export type MyQuestionsQuery = Static<typeof MyQuestionsQuery>;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Dutch words in page URLs (`?filter=onbeantwoord&sortering=actief`), read leniently: a link never errors. */
const PAGE_FILTERS: Record<string, QuestionFilter> = { onbeantwoord: 'unanswered', 'zonder-oplossing': 'unsolved', mijn: 'mine' };
const PAGE_SORTS: Record<string, QuestionSort> = { nieuw: 'newest', actief: 'active', geholpen: 'helped' };
export const pageFilterParam = (filter: QuestionFilter) => Object.entries(PAGE_FILTERS).find(([, f]) => f === filter)?.[0] ?? '';
export const pageSortParam = (sort: QuestionSort) => Object.entries(PAGE_SORTS).find(([, s]) => s === sort)?.[0] ?? 'nieuw';

export function filterFromPageQuery(query: unknown): QuestionListFilter {
  const values = (query ?? {}) as Record<string, unknown>;
  const tag = typeof values.tag === 'string' ? normaliseTags([values.tag.replace(/[\u0000-\u001f]/g, '').slice(0, 40)])[0] ?? '' : '';
  const learningQuestionId = typeof values.leervraag === 'string' && UUID_PATTERN.test(values.leervraag) ? values.leervraag : null;
  return {
    filter: PAGE_FILTERS[String(values.filter)] ?? 'all',
    sort: PAGE_SORTS[String(values.sortering)] ?? 'newest',
    tag,
    learningQuestionId,
    page: parsePageNumber(values.pagina),
    pageSize: PAGE_SIZE,
  };
}

export function filterFromApiQuery(query: ListQuestionsQuery): QuestionListFilter {
  return {
    filter: query.filter ?? 'all',
    sort: query.sort ?? 'newest',
    tag: normaliseTags([query.tag ?? ''])[0] ?? '',
    learningQuestionId: query.learningQuestionId ?? null,
    page: query.page ?? 1,
    pageSize: query.pageSize ?? PAGE_SIZE,
  };
}
