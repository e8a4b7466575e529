import type { Actor } from '../platform/auth/actor.ts';
import { canManageCommunity, canSeeCommunity, type CommunityFacts } from '../communities/communities.policies.ts';
import { canReadPost, isActiveMember, isAuthor, type PostFacts } from '../questions/questions.policies.ts';

/**
 * Who may do what with practice stories. A story belongs to the community it was shared in
 * ("home") and may also be shown in other communities. Whoever may see one of those reads the
 * story; active members of one of them take part. What others write on it (remarks, tried
 * reports) belongs to the community it was written in, and is read only by those who may see
 * that community too: the stricter of the two. The home community's managers moderate the story
 * and everything on it; a community's managers also moderate what was written in theirs.
 */

export interface PracticeCommunities {
  home: CommunityFacts & { id: string };
  /** The other communities the story is shown in, as this actor sees them. */
  shares: (CommunityFacts & { id: string })[];
}

export const allCommunities = (c: PracticeCommunities) => [c.home, ...c.shares];

export function canReadPractice(actor: Actor, communities: PracticeCommunities, practice: PostFacts): boolean {
  if (canReadPost(actor, communities.home, practice)) return true;
  // Through a community it is shared to: live stories only; a hidden one only for its author.
  if (practice.deletedAt || (practice.hiddenAt && !isAuthor(actor, practice))) return false;
  return communities.shares.some((community) => canSeeCommunity(actor, community));
}

/** The community the actor takes part from: home first, else the first shared one they belong to. */
export function participationCommunity(actor: Actor, communities: PracticeCommunities): (CommunityFacts & { id: string }) | undefined {
  return allCommunities(communities).find((community) => canSeeCommunity(actor, community) && isActiveMember(community));
}

export const canModeratePractice = (actor: Actor, communities: PracticeCommunities) => canManageCommunity(actor, communities.home);

/** Remarks and reports: readable when the community they were written in is, and they are live (or mine, or I moderate them). */
export function canReadContribution(actor: Actor, communities: PracticeCommunities, contribution: PostFacts & { communityId: string }): boolean {
  const community = allCommunities(communities).find((c) => c.id === contribution.communityId);
  if (!community || !canSeeCommunity(actor, community) || contribution.deletedAt) return false;
  return !contribution.hiddenAt || isAuthor(actor, contribution) || canModerateContribution(actor, communities, contribution);
}

export const canModerateContribution = (actor: Actor, communities: PracticeCommunities, contribution: { communityId: string }) =>
  canModeratePractice(actor, communities) || allCommunities(communities).some((c) => c.id === contribution.communityId && canManageCommunity(actor, c));

/** Authors edit their own story while they are members of its home community. */
export const canEditPractice = (actor: Actor, communities: PracticeCommunities, practice: PostFacts) =>
  isAuthor(actor, practice) && !practice.deletedAt && !practice.hiddenAt && canSeeCommunity(actor, communities.home) && isActiveMember(communities.home);

export const canDeleteOwn = (actor: Actor, post: PostFacts) => isAuthor(actor, post) && !post.deletedAt;
