import { loadManagedCommunity, loadVisibleCommunity } from '../communities/communities.usecases.ts';
import type { CommunityRef } from '../communities/communities.repository.ts';
import { listMyCommunities } from '../communities/membership/membership.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { isAppError } from '../platform/errors.ts';
import { TIME_ZONE } from '../platform/i18n/i18n.ts';
import { toPage, type Page, type Paging } from '../platform/paging.ts';
import { createSearchTimeoutError, isQueryCanceled } from './search.errors.ts';
import {
  CANDIDATE_LIMIT,
  MAX_MISS_COMMUNITIES,
  MISSES_DAYS,
  SUGGEST_BELOW,
  applyCorrections,
  correctableWords,
  hasNarrowingFilters,
  highlightSegments,
  lastPage,
  missQuery,
  platformDay,
  resultPath,
  similarityWords,
  type SearchFilter,
  type TextSegment,
} from './search.models.ts';
import * as repo from './search.repository.ts';

type SearchDeps = Pick<Deps, 'db' | 'config' | 'clock' | 'logger'>;

export interface SearchResult {
  id: string;
  kind: string;
  url: string;
  title: TextSegment[];
  snippet: TextSegment[];
  community: { id: string; slug: string; name: string };
  questionKind: 'what' | 'how' | null;
  tags: string[];
  createdAt: Date;
}

export interface SearchOutcome {
  /** False when there was nothing to search for (an empty box). */
  isSearched: boolean;
  page: Page<SearchResult>;
  /** Counted up to CANDIDATE_LIMIT; isTotalCapped when there are more. */
  total: number;
  isTotalCapped: boolean;
  /** "Bedoelde je …?": the query with misspelled words corrected, when few results were found. */
  suggestion: string | null;
}

const toResult = (row: repo.SearchRow): SearchResult => ({
  id: row.id,
  kind: row.kind,
  url: resultPath(row),
  title: highlightSegments(row.titleHighlight),
  snippet: highlightSegments(row.snippet),
  community: { id: row.communityId, slug: row.communitySlug, name: row.communityName },
  questionKind: row.questionKind === 'what' || row.questionKind === 'how' ? row.questionKind : null,
  tags: row.tags,
  createdAt: row.createdAt,
});

/** Runs a search-side read bounded by SEARCH_TIMEOUT_MS; a cancelled statement becomes search.timeout. */
async function bounded<T>(deps: SearchDeps, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  try {
    return await repo.inBoundedTransaction(deps.db, deps.config.searchTimeoutMs, work);
  } catch (error) {
    if (isQueryCanceled(error)) throw createSearchTimeoutError(error);
    throw error;
  }
}

/**
 * One box for everything the actor may see. Results never carry an author: a question may be
 * asked under a pseudonym, and a result list is no place to learn who asked what.
 */
export async function searchContent(deps: SearchDeps, actor: Actor, filter: SearchFilter): Promise<SearchOutcome> {
  const empty: SearchOutcome = { isSearched: false, page: toPage([], filter), total: 0, isTotalCapped: false, suggestion: null };
  if (!filter.q) return empty;
  return bounded(deps, async (tx) => {
    const beyondLast = filter.page > lastPage(filter.pageSize);
    const { total, rows } = await repo.searchDocuments(tx, actor, beyondLast ? { ...filter, page: 1, pageSize: 0 } : filter);
    const ranked = toPage(beyondLast ? [] : rows.map(toResult), filter);
    // The count's one extra candidate must not promise a page past the last.
    const page = { ...ranked, hasNext: ranked.hasNext && filter.page < lastPage(filter.pageSize) };
    const suggestion = total < SUGGEST_BELOW ? await suggestCorrection(tx, actor, filter) : null;
    if (total === 0) await countMiss(deps, tx, actor, filter);
    return { isSearched: true, page, total: Math.min(total, CANDIDATE_LIMIT), isTotalCapped: total > CANDIDATE_LIMIT, suggestion };
  });
}

async function suggestCorrection(tx: DbOrTx, actor: Actor, filter: SearchFilter): Promise<string | null> {
  const words = correctableWords(filter.q);
  const corrections = await repo.findSimilarWords(tx, actor, words, filter.communitySlug);
  return applyCorrections(filter.q, corrections) ?? null;
}

/**
 * A query that found nothing is counted for the facilitators of the community it was meant for:
 * the filtered community, or else each community the searcher takes part in. Searches narrowed
 * by kind, tag or date say little about missing content and are not counted.
 */
async function countMiss(deps: SearchDeps, tx: DbOrTx, actor: Actor, filter: SearchFilter): Promise<void> {
  const query = missQuery(filter.q);
  if (!query || hasNarrowingFilters(filter) || filter.page > 1) return;
  const communitySlugs = filter.communitySlug ? [filter.communitySlug] : (await listMyCommunities(tx, actor.userId, MAX_MISS_COMMUNITIES)).map((c) => c.slug);
  await repo.recordMiss(tx, actor, { query, day: platformDay(deps.clock.now(), TIME_ZONE), communitySlugs });
}

export interface MissesPage {
  community: { id: string; slug: string; name: string };
  misses: Page<repo.MissRow>;
  days: number;
}

/** "Zoekvragen zonder resultaat": for whoever manages the community (404 when not visible, 403 otherwise). */
export async function listSearchMisses(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, ref: CommunityRef, paging: Paging): Promise<MissesPage> {
  const community = await loadManagedCommunity(deps.db, actor, ref);
  const since = platformDay(new Date(deps.clock.now().getTime() - (MISSES_DAYS - 1) * 86_400_000), TIME_ZONE);
  const rows = await repo.listMisses(deps.db, community.id, since, paging);
  return { community: { id: community.id, slug: community.slug, name: community.name }, misses: toPage(rows, paging), days: MISSES_DAYS };
}

export interface SimilarQuestion {
  id: string;
  title: string;
  communityName: string;
  createdAt: Date;
}

/**
 * Questions that look like the title being typed, for the ask form (the island, and the no-JS
 * preview). Only communities the actor may see; `communityId` itself must be visible (404 when
 * not), and its questions come first on a tie. A hint, not a search: when it takes too long the
 * answer is simply "none".
 */
export async function findSimilarQuestions(deps: SearchDeps, actor: Actor, input: { communityId: string; title: string; limit?: number }): Promise<SimilarQuestion[]> {
  const limit = Math.min(Math.max(input.limit ?? 5, 1), 10);
  const probe = input.title.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 200);
  try {
    return await repo.inBoundedTransaction(deps.db, deps.config.searchTimeoutMs, async (tx) => {
      await loadVisibleCommunity(tx, actor, { id: input.communityId });
      if (probe.length < 3) return [];
      const anyWords = similarityWords(probe).join(' | ');
      return repo.findSimilarQuestions(tx, actor, { probe, anyWords, preferCommunityId: input.communityId, limit });
    });
  } catch (error) {
    if (!isQueryCanceled(error)) throw error;
    deps.logger.warn({ err: error }, 'similar questions timed out');
    return [];
  }
}

/**
 * The communities the search form offers: the actor's own, and the one in the filter when the
 * actor may see it (a link from a community page). Not every open community: there may be thousands.
 */
export async function listSearchCommunities(deps: Pick<Deps, 'db'>, actor: Actor, selectedSlug: string | undefined): Promise<{ slug: string; name: string }[]> {
  const mine = (await listMyCommunities(deps.db, actor.userId, 100)).map((c) => ({ slug: c.slug, name: c.name }));
  if (!selectedSlug || mine.some((c) => c.slug === selectedSlug)) return mine;
  const selected = await loadVisibleCommunity(deps.db, actor, { slug: selectedSlug }).catch((error: unknown) => {
    if (isAppError(error) && error.status === 404) return undefined;
    throw error;
  });
  return selected ? [{ slug: selected.slug, name: selected.name }, ...mine] : mine;
}
