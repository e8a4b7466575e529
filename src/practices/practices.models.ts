import type { Paging } from '../platform/paging.ts';
import type { PracticeTryResult } from '../platform/db/schema.ts';

/** Pure rules of practice stories: no I/O, unit-tested in practices.models.test.ts. */

export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** A tried-report of a tried-report of …: deep enough for any real chain, bounded for the page. */
export const MAX_TRAIL_DEPTH = 20;
/** The page shows at most this many reports; the summary still counts them all. */
export const TRAIL_LIMIT = 200;
/** Remarks on the page, oldest first, in pages of this size. */
export const COMMENTS_PAGE_SIZE = 50;
export const TRY_RESULTS: readonly PracticeTryResult[] = ['worked', 'partly', 'not_yet'];

export type PracticeSort = 'newest' | 'tried';
export const PRACTICE_SORTS: readonly PracticeSort[] = ['newest', 'tried'];

export interface PracticeListFilter extends Paging {
  sort: PracticeSort;
  tag: string;
  learningQuestionId: string | null;
}

/** One report on the trail, as the page needs it. */
export interface TrailEntry {
  id: string;
  parentId: string | null;
  createdAt: Date;
  organisationId: string | null;
  team: string;
}

export interface TrailNode<T extends TrailEntry> {
  entry: T;
  children: TrailNode<T>[];
}

/**
 * The reports as a tree, oldest first at every level. A report whose parent is not in the list
 * (hidden, or not visible to this reader) hangs under the story itself, so nothing visible is
 * lost and nothing invisible is implied.
 */
export function buildTrail<T extends TrailEntry>(entries: readonly T[]): TrailNode<T>[] {
  const sorted = [...entries].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const nodes = new Map(sorted.map((entry) => [entry.id, { entry, children: [] as TrailNode<T>[] }]));
  const roots: TrailNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.entry.parentId ? nodes.get(node.entry.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** "Tried in 4 teams across 3 organisations": teams are told apart by organisation and name, ignoring case. */
export function summariseTrail(entries: readonly Pick<TrailEntry, 'organisationId' | 'team'>[]): { reports: number; teams: number; organisations: number } {
  const teams = new Set(entries.map((e) => `${e.organisationId ?? '-'}\u0000${e.team.trim().toLocaleLowerCase('nl')}`));
  const organisations = new Set(entries.map((e) => e.organisationId ?? '-'));
  return { reports: entries.length, teams: teams.size, organisations: entries.length === 0 ? 0 : organisations.size };
}
