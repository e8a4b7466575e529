import type { Actor } from '../platform/auth/actor.ts';
import type { Paging } from '../platform/paging.ts';
import { slugify } from '../platform/text.ts';
import { canJoinDirectly, canRequestToJoin, type CommunityFacts } from './communities.policies.ts';

/** Pure rules of the communities feature: no I/O, unit-tested in communities.models.test.ts. */

export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Paths under /gemeenschappen/ that are pages, not communities. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['nieuw']);

/** "Wmo-consulenten Voorbeeldstad!" → "wmo-consulenten-voorbeeldstad"; a name without letters or digits still gets a slug. */
export const communitySlug = (name: string): string => slugify(name) || 'gemeenschap';

export { normaliseTags } from '../platform/text.ts';

/** What the communities list shows: a name or tag search, optionally only my own, one page. */
export interface ListFilter extends Paging {
  q: string;
  mine: boolean;
}

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
