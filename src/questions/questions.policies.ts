import type { Actor } from '../platform/auth/actor.ts';
import { canManageCommunity, canSeeCommunity, type CommunityFacts } from '../communities/communities.policies.ts';

/**
 * Who may do what with questions, answers and comments. Reading follows the community: whoever
 * may see the community reads its questions. Taking part (asking, answering, commenting,
 * "this helped") is for active members. Moderating is for whoever manages the community
 * (facilitators; admins of the owning organisation outside secret communities).
 */

/** What the rules need to know about a post (question, answer or comment). */
export interface PostFacts {
  authorId: string | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

export const isActiveMember = (community: CommunityFacts) => community.membership?.status === 'active';
export const isAuthor = (actor: Actor, post: Pick<PostFacts, 'authorId'>) => post.authorId !== null && post.authorId === actor.userId;

export const canModerate = (actor: Actor, community: CommunityFacts) => canManageCommunity(actor, community);

export const canParticipate = (actor: Actor, community: CommunityFacts) => canSeeCommunity(actor, community) && isActiveMember(community);

/**
 * A deleted post is gone for everyone. A hidden one stays readable for its author (who sees
 * the reason) and for moderators; for everyone else it is not there.
 */
export function canReadPost(actor: Actor, community: CommunityFacts, post: PostFacts): boolean {
  if (!canSeeCommunity(actor, community) || post.deletedAt) return false;
  return !post.hiddenAt || isAuthor(actor, post) || canModerate(actor, community);
}

/** Authors edit and delete their own posts while they are members; hidden posts stay as they are. */
export const canEditPost = (actor: Actor, community: CommunityFacts, post: PostFacts) =>
  canParticipate(actor, community) && isAuthor(actor, post) && !post.deletedAt && !post.hiddenAt;

export const canDeletePost = (actor: Actor, community: CommunityFacts, post: PostFacts) => isAuthor(actor, post) && !post.deletedAt && canSeeCommunity(actor, community);

/** The asker, or a moderator, says which answer solved it. */
export const canAccept = (actor: Actor, community: CommunityFacts, question: PostFacts) =>
  (isAuthor(actor, question) && canParticipate(actor, community)) || canModerate(actor, community);

/** Closing as duplicate and reopening: moderators, and the asker for their own question. */
export const canClose = canAccept;

const isFacilitator = (community: CommunityFacts) => community.membership?.status === 'active' && community.membership.role === 'facilitator';

/**
 * A pseudonymous question shows no name to members. The community's facilitators see who asked
 * (for moderation, as the ask form says: not the organisation's administrators), and so do the
 * askers themselves.
 */
export const canSeeAskerOf = (actor: Actor, community: CommunityFacts, question: { isPseudonymous: boolean; authorId: string | null }) =>
  !question.isPseudonymous || isAuthor(actor, question) || (canSeeCommunity(actor, community) && isFacilitator(community));

/**
 * Events carry who acted; this says the actor is the pseudonymous asker of the question, so the
 * notifications capability names them "the asker" and never by name.
 */
export const isPseudonymousAsker = (actor: Actor, question: { isPseudonymous: boolean; authorId: string | null }) => question.isPseudonymous && isAuthor(actor, question);
