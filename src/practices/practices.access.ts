import type { CommunityView } from '../communities/communities.repository.ts';
import { canSeeCommunity } from '../communities/communities.policies.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { createNotMemberError, createPracticeNotFoundError } from './practices.errors.ts';
import { canReadPractice, participationCommunity } from './practices.policies.ts';
import * as repo from './practices.repository.ts';
import type { PracticeRow } from './practices.repository.ts';

/** Loading a story the way every use case must: through the visibility of its communities. */

export interface PracticeContext {
  practice: PracticeRow;
  home: CommunityView;
  /** Every community it is shared to, as the actor sees them (visible or not: rules decide). */
  shares: CommunityView[];
}

/** Not readable is "not found": the same answer whether it never existed, is private or is deleted. */
export async function loadReadablePractice(db: DbOrTx, actor: Actor, practiceId: string, options: { lock?: boolean } = {}): Promise<PracticeContext> {
  const found = await repo.findPracticeWithCommunities(db, practiceId, actor.userId, options);
  if (!found?.home) throw createPracticeNotFoundError();
  const context = { practice: found.practice, home: found.home, shares: found.shares };
  if (!canReadPractice(actor, context, found.practice)) throw createPracticeNotFoundError();
  return context;
}

/** As loadReadablePractice, and the community the actor takes part from (reacts, comments, reports). */
export async function loadPracticeToTakePartIn(db: DbOrTx, actor: Actor, practiceId: string, options: { lock?: boolean } = {}): Promise<PracticeContext & { community: CommunityView }> {
  const context = await loadReadablePractice(db, actor, practiceId, options);
  const community = participationCommunity(actor, context);
  if (!community) throw createNotMemberError();
  return { ...context, community: community as CommunityView };
}

/** The communities of the story this actor may see: where remarks and reports may come from for them. */
export const visibleCommunityIds = (actor: Actor, context: Pick<PracticeContext, 'home' | 'shares'>) =>
  new Set([context.home, ...context.shares].filter((c) => canSeeCommunity(actor, c)).map((c) => c.id));
