import type { Actor } from '../platform/auth/actor.ts';
import { canManageCommunity, canSeeCommunity, type CommunityFacts } from '../communities/communities.policies.ts';

/**
 * Who reads a community's signals: whoever manages it (its facilitators; admins of the owning
 * organisation outside secret communities) and the owning organisation's managers, who sharpen
 * its framework from these figures (frameworks: "managers and admins of the owning organisation
 * write"). Secret communities: facilitators only. Everyone reads the same aggregates; nobody gets
 * per-person rows here.
 */
export function canReadCommunitySignals(actor: Actor, community: CommunityFacts): boolean {
  if (!canSeeCommunity(actor, community)) return false;
  if (canManageCommunity(actor, community)) return true;
  return community.visibility !== 'secret' && actor.role === 'manager' && actor.organisationId === community.organisationId;
}

export type SignalsScope = 'organisation' | 'chain';

/**
 * Who reads the signals over all of an organisation's communities, or over the communities it
 * shares with other organisations: its managers and administrators (the people who write the
 * frameworks), for their own organisation only. The figures are sums of what each community's
 * own page shows (privacy.ts rule 5), secret communities left out.
 */
export const canReadScopeSignals = (actor: Actor) => actor.role === 'manager' || actor.role === 'admin';
