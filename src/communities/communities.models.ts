import type { Actor } from '../platform/auth/actor.ts';
import { canJoinDirectly, canRequestToJoin, type CommunityFacts } from './communities.policies.ts';

/** Pure rules of the communities feature: no I/O, unit-tested in communities.models.test.ts. */

export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Deep OFFSETs are slow and no person pages that far; a search narrows better. */
export const MAX_PAGE = 500;

/** Paths under /gemeenschappen/ that are pages, not communities. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['nieuw']);
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** "Wmo-consulenten Voorbeeldstad!" → "wmo-consulenten-voorbeeldstad": readable, stable URLs. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'gemeenschap';
}

/** Tags are compared case-insensitively, so they are stored lower-case and once each. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}

/** `?pagina=abc` or `?pagina=-3` is not worth an error page: it means the first page. */
export function pageNumber(value: unknown): number {
  const page = Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1;
}

export interface Paging {
  page: number;
  pageSize: number;
}

/** What the communities list shows: a name or tag search, optionally only my own, one page. */
export interface ListFilter extends Paging {
  q: string;
  mine: boolean;
}

export interface Page<T> extends Paging {
  items: T[];
  hasNext: boolean;
}

/** Queries fetch one row more than the page holds: that row only says "there is a next page". */
export const limitOf = ({ pageSize }: Paging) => pageSize + 1;
export const offsetOf = ({ page, pageSize }: Paging) => (page - 1) * pageSize;

export function toPage<T>(rows: T[], paging: Paging): Page<T> {
  return { items: rows.slice(0, paging.pageSize), page: paging.page, pageSize: paging.pageSize, hasNext: rows.length > paging.pageSize };
}

/** Turns `%` and `_` typed in a search box into literal characters for LIKE. */
export const likePattern = (query: string) => `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Where the actor stands, which decides the one action the community page offers. */
export type MyStatus = 'facilitator' | 'member' | 'invited' | 'requested' | 'can_join' | 'can_request' | 'none';

export function myStatus(actor: Actor, community: CommunityFacts): MyStatus {
  const membership = community.membership;
  if (membership?.status === 'active') return membership.role === 'facilitator' ? 'facilitator' : 'member';
  if (membership?.status === 'invited') return 'invited';
  if (membership?.status === 'requested') return 'requested';
  if (canJoinDirectly(actor, community)) return 'can_join';
  if (canRequestToJoin(actor, community)) return 'can_request';
  return 'none';
}
