import { Type, type Static } from 'typebox';
import { MAX_PAGE } from '../platform/paging.ts';
import { NO_NUL_PATTERN } from '../platform/validation/validate.ts';
import { SLUG_MAX_LENGTH } from '../platform/text.ts';
import { MAX_API_PAGE_SIZE, MAX_QUERY_LENGTH, PAGE_SIZE, cleanQuery, type SearchFilter } from './search.models.ts';

/** One schema per input: the API declares these (OpenAPI, Fastify validation) and parses with them. */

const Uuid = Type.String({ format: 'uuid' });
const Text = (maxLength: number) => Type.String({ maxLength, pattern: NO_NUL_PATTERN });
const Day = Type.String({ format: 'date', pattern: '^(19|20)\\d\\d-', description: 'A calendar day, YYYY-MM-DD (Europe/Amsterdam), inclusive' });

export const SearchQuery = Type.Object({
  q: Type.Optional(Text(MAX_QUERY_LENGTH)),
  community: Type.Optional(Type.String({ maxLength: SLUG_MAX_LENGTH, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Slug of one community' })),
  kind: Type.Optional(Type.Union([Type.Literal('question'), Type.Literal('answer'), Type.Literal('practice')])),
  questionKind: Type.Optional(Type.Union([Type.Literal('what'), Type.Literal('how')])),
  tag: Type.Optional(Text(40)),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_API_PAGE_SIZE, default: PAGE_SIZE })),
});
export type SearchQuery = Static<typeof SearchQuery>;

export function filterFromApiQuery(query: SearchQuery): SearchFilter {
  return {
    q: cleanQuery(query.q),
    communitySlug: query.community,
    kind: query.kind,
    questionKind: query.questionKind,
    tag: cleanQuery(query.tag).toLowerCase() || undefined,
    from: query.from,
    to: query.to,
    page: query.page ?? 1,
    pageSize: query.pageSize ?? PAGE_SIZE,
  };
}

export const CommunityIdParams = Type.Object({ id: Uuid });
export const SimilarQuery = Type.Object({
  title: Type.Optional(Text(200)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 5 })),
});
export type SimilarQuery = Static<typeof SimilarQuery>;

// Response shapes, for serialisation and the OpenAPI document.
const DateTime = Type.String({ format: 'date-time' });
const Segments = Type.Array(Type.Object({ text: Type.String(), isMatch: Type.Boolean() }), {
  description: 'The text in pieces; pieces with isMatch are what the search found. Plain text: escape it before showing it as HTML.',
});

export const SearchResultJson = Type.Object({
  id: Uuid,
  kind: Type.String({ description: 'question, answer or practice (a practice story)' }),
  url: Type.String({ description: 'Path of the page that shows the result' }),
  title: Segments,
  snippet: Segments,
  community: Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() }),
  questionKind: Type.Union([Type.Literal('what'), Type.Literal('how'), Type.Null()]),
  tags: Type.Array(Type.String()),
  createdAt: DateTime,
});

export const SearchPageJson = Type.Object({
  items: Type.Array(SearchResultJson),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  hasNext: Type.Boolean(),
  total: Type.Integer({ description: 'Number of results, counted up to 1,000' }),
  isTotalCapped: Type.Boolean({ description: 'True when there are more than 1,000 results' }),
  suggestion: Type.Union([Type.String(), Type.Null()], { description: 'A corrected query when few or no results were found ("did you mean")' }),
});

export const SimilarQuestionsJson = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, title: Type.String(), url: Type.String(), communityName: Type.String(), createdAt: DateTime })),
});
