import { MAX_PAGE, parsePageNumber, type Paging } from '../platform/paging.ts';
import { SLUG_PATTERN } from '../platform/text.ts';
import type { SearchKind } from './search.index.ts';

/** Pure rules of search: no I/O, unit-tested in search.models.test.ts. */

export const PAGE_SIZE = 20;
export const MAX_API_PAGE_SIZE = 50;
export const MAX_QUERY_LENGTH = 200;
/**
 * Only the newest CANDIDATE_LIMIT matching documents are ranked (see docs/architecture.md), and
 * the count stops there too: beyond it the page says "more than 1,000 results".
 */
export const CANDIDATE_LIMIT = 1000;
/** Fewer results than this and the page offers a "did you mean" for misspelled words. */
export const SUGGEST_BELOW = 3;
export const MISSES_DAYS = 90;
/** A search without a community filter counts its miss in at most this many of the searcher's communities. */
export const MAX_MISS_COMMUNITIES = 50;

export type QuestionKind = 'what' | 'how';

/** Markers ts_headline puts around a match; the page escapes the text first, then turns them into <mark>. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

export interface SearchFilter extends Paging {
  q: string;
  communitySlug?: string;
  kind?: SearchKind;
  questionKind?: QuestionKind;
  tag?: string;
  /** Calendar days (YYYY-MM-DD) in the platform's time zone, both inclusive. */
  from?: string;
  to?: string;
}

/** Dutch words for the kinds in page URLs (`?soort=praktijk`). */
export const KIND_PARAMS = { vraag: 'question', antwoord: 'answer', praktijk: 'practice' } as const satisfies Record<string, SearchKind>;
export const kindParam = (kind: SearchKind) => Object.entries(KIND_PARAMS).find(([, k]) => k === kind)?.[0] ?? '';

/** The highest page with results: no ranked candidate lies beyond it. */
export const lastPage = (pageSize: number) => Math.ceil(CANDIDATE_LIMIT / pageSize);

/** A search box never errors: control characters go, spaces collapse, the text is cut. */
export function cleanQuery(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
}

const pick = <T extends string>(value: unknown, map: Record<string, T>): T | undefined => (typeof value === 'string' ? map[value] : undefined);
/** A real calendar day as YYYY-MM-DD: 2025-02-30 is not one. */
function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^(19|20)\d\d-\d\d-\d\d$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * `/zoeken?q=&gemeenschap=&soort=&vraagsoort=&tag=&van=&tot=&pagina=` is typed by people and
 * shared as links: anything odd is ignored, never an error page.
 */
export function filterFromPageQuery(query: unknown): SearchFilter {
  const values = (query ?? {}) as Record<string, unknown>;
  const slug = typeof values.gemeenschap === 'string' && SLUG_PATTERN.test(values.gemeenschap) ? values.gemeenschap : undefined;
  const tag = cleanQuery(values.tag).toLowerCase().slice(0, 40);
  return {
    q: cleanQuery(values.q),
    communitySlug: slug,
    kind: pick(values.soort, KIND_PARAMS),
    questionKind: pick(values.vraagsoort, { wat: 'what', hoe: 'how' } as const),
    tag: tag || undefined,
    from: isDay(values.van) ? values.van : undefined,
    to: isDay(values.tot) ? values.tot : undefined,
    page: Math.min(parsePageNumber(values.pagina), MAX_PAGE),
    pageSize: PAGE_SIZE,
  };
}

/** The page URL for a filter, so paging and suggestions keep every other choice. */
export function searchUrl(filter: Omit<SearchFilter, 'page' | 'pageSize'>, page = 1): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.communitySlug) params.set('gemeenschap', filter.communitySlug);
  if (filter.kind) params.set('soort', kindParam(filter.kind));
  if (filter.questionKind) params.set('vraagsoort', filter.questionKind === 'what' ? 'wat' : 'hoe');
  if (filter.tag) params.set('tag', filter.tag);
  if (filter.from) params.set('van', filter.from);
  if (filter.to) params.set('tot', filter.to);
  if (page > 1) params.set('pagina', String(page));
  const query = params.toString();
  return query ? `/zoeken?${query}` : '/zoeken';
}

/**
 * The text for websearch_to_tsquery: "of" between words (Dutch for "or", and a stop word that
 * would otherwise vanish) becomes its OR operator; inside "quoted phrases" everything stays.
 */
export function toWebsearchSyntax(q: string): string {
  return q
    .split('"')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(^|\s)of(?=\s|$)/giu, '$1or')))
    .join('"');
}

/** Filters besides the community narrow a search so far that "nothing found" says little about the words. */
export const hasNarrowingFilters = (filter: SearchFilter) => Boolean(filter.kind || filter.questionKind || filter.tag || filter.from || filter.to);

/** Where a result leads: a question's page, the answer's place on its question's page, or a practice story. */
export function resultPath(doc: { id: string; kind: string; parentId: string | null }): string {
  if (doc.kind === 'answer' && doc.parentId) return `/vragen/${doc.parentId}#antwoord-${doc.id}`;
  // A story shown in another community has a document there too, pointing at the story.
  if (doc.kind === 'practice') return `/praktijk/${doc.parentId ?? doc.id}`;
  return `/vragen/${doc.id}`;
}

export interface TextSegment {
  text: string;
  isMatch: boolean;
}

/**
 * Splits ts_headline output at its markers. The text stays text: the page renders each segment
 * escaped (a match inside <mark>), so nothing from the database is ever parsed as HTML.
 * Unbalanced or stray markers are dropped.
 */
export function highlightSegments(value: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let isMatch = false;
  let text = '';
  const flush = () => {
    if (text) segments.push({ text, isMatch });
    text = '';
  };
  for (const char of value) {
    if (char === MATCH_START || char === MATCH_END) {
      flush();
      isMatch = char === MATCH_START;
    } else text += char;
  }
  flush();
  // Neighbours of the same kind (markers around a space) read as one.
  return segments.reduce<TextSegment[]>((merged, segment) => {
    const last = merged.at(-1);
    if (last && last.isMatch === segment.isMatch) last.text += segment.text;
    else merged.push({ ...segment });
    return merged;
  }, []);
}

/** Words a "did you mean" may correct: letters only, folded like search_words. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The plain words of a query that a typo suggestion may replace (no operators, no quotes). */
export function correctableWords(q: string): string[] {
  const words = q.split(' ').filter((token) => /^\p{L}{4,40}$/u.test(token)).map(foldWord);
  return [...new Set(words)].slice(0, 8);
}

/** The query with each corrected word replaced; undefined when nothing changed. */
export function applyCorrections(q: string, corrections: ReadonlyMap<string, string>): string | undefined {
  let changed = false;
  const tokens = q.split(' ').map((token) => {
    if (!/^\p{L}{4,40}$/u.test(token)) return token;
    const better = corrections.get(foldWord(token));
    if (!better || better === foldWord(token)) return token;
    changed = true;
    return better;
  });
  return changed ? tokens.join(' ') : undefined;
}

/**
 * What a miss is stored as: lower-case, cut short. Queries that look like personal data (an
 * e-mail address, a citizen service number, a phone number, a postcode with house number) are
 * not kept at all: facilitators must learn what is missing, not whom someone looked up.
 */
export function missQuery(q: string): string | undefined {
  const text = q.toLowerCase().trim().slice(0, 100);
  const looksPersonal = text.includes('@') || /\d{5,}/.test(text.replace(/[\s.()+-]/g, '')) || /\b[1-9]\d{3}([a-z]{2}\b| [a-z]{2} \d)/.test(text);
  if (!text || looksPersonal) return undefined;
  return text;
}

/** The words of a title for the similar-questions full-text part: letters only, at most twelve. */
export function similarityWords(title: string): string[] {
  return [...new Set(title.toLowerCase().match(/\p{L}{2,40}/gu) ?? [])].slice(0, 12);
}

/** Today's date where the platform is (Europe/Amsterdam), as YYYY-MM-DD, for per-day counts. */
export { calendarDay as platformDay } from '../platform/i18n/i18n.ts';
