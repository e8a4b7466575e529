import type { Actor } from '../platform/auth/actor.ts';
import { canSeeCommunity, type CommunityFacts } from '../communities/communities.policies.ts';

/**
 * Management sets the frame: managers and administrators of the organisation that owns the
 * community, and platform admins, write and publish. Facilitators do not: they steer the
 * learning inside the frame. Nobody acts on a community they cannot see (secret stays secret).
 */
export function canWriteFramework(actor: Actor, community: CommunityFacts): boolean {
  if (!canSeeCommunity(actor, community)) return false;
  if (actor.isPlatformAdmin) return true;
  return actor.organisationId === community.organisationId && (actor.role === 'manager' || actor.role === 'admin');
}

/** Published versions are for whoever may see the community; drafts only for the writers. */
export const canReadFramework = (actor: Actor, community: CommunityFacts) => canSeeCommunity(actor, community);
