import { canManageCommunity, canSeeCommunity, type CommunityFacts } from '../communities/communities.policies.ts';
import type { Actor } from '../platform/auth/actor.ts';

/**
 * Who may do what with prompts. Composing, the community's list and the results are for those who
 * manage the community (its facilitators; admins of the owning organisation). A recipient reads
 * the prompt delivered to them; when answers are for the whole community, its active members
 * read the answers too. Nothing of a community the actor may not see is ever shown.
 */

export const canComposePrompt = (actor: Actor, community: CommunityFacts) => canManageCommunity(actor, community);

/** The sender keeps seeing the results of what they sent while they may see the community. */
export const canReadPromptResults = (actor: Actor, community: CommunityFacts, prompt: { authorId: string | null }) =>
  canManageCommunity(actor, community) || (prompt.authorId === actor.userId && canSeeCommunity(actor, community));

export const canCancelPrompt = canReadPromptResults;

export const isActiveMember = (community: CommunityFacts) => community.membership?.status === 'active';

/** Others' answers on a recipient's page: only when the prompt said the community sees them. */
export const canReadCommunityAnswers = (actor: Actor, community: CommunityFacts, prompt: { visibility: string }) =>
  prompt.visibility === 'community' && canSeeCommunity(actor, community) && isActiveMember(community);

/** A delivered prompt is answered (and edited) until its window closes. */
export const isOpen = (delivery: { closesAt: Date | null }, now: Date) => delivery.closesAt !== null && delivery.closesAt.getTime() > now.getTime();
