import type { CommunityView } from '../communities/communities.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { createNotMemberError, createQuestionNotFoundError } from './questions.errors.ts';
import { canParticipate, canReadPost, canSeeAskerOf } from './questions.policies.ts';
import * as repo from './questions.repository.ts';
import type { QuestionRow } from './questions.repository.ts';

/** Loading a question the way every use case must: through the community's visibility rule. */

export interface QuestionContext {
  question: QuestionRow;
  community: CommunityView;
}

/** Not readable is "not found": the same answer whether it never existed, is private or is deleted. */
export async function loadReadableQuestion(db: DbOrTx, actor: Actor, questionId: string, options: { lock?: boolean } = {}): Promise<QuestionContext> {
  const found = await repo.findQuestionWithCommunity(db, questionId, actor.userId, options);
  if (!found?.community || !canReadPost(actor, found.community, found.question)) throw createQuestionNotFoundError();
  return { question: found.question, community: found.community };
}

/** As loadReadableQuestion, and the actor takes part in the community (asks, answers, comments). */
export async function loadQuestionToTakePartIn(db: DbOrTx, actor: Actor, questionId: string, options: { lock?: boolean } = {}): Promise<QuestionContext> {
  const context = await loadReadableQuestion(db, actor, questionId, options);
  if (!canParticipate(actor, context.community)) throw createNotMemberError();
  return context;
}

/**
 * The name to show for a post's author. On a pseudonymous question the asker's own posts there
 * (the question, its revisions, their answers and comments) show no name to members; null
 * means "the asker", and the page says so.
 */
export function authorNameFor(actor: Actor, { question, community }: QuestionContext, post: { authorId: string | null; authorName: string | null }): string | null {
  const isAsker = post.authorId !== null && post.authorId === question.authorId;
  if (isAsker && !canSeeAskerOf(actor, community, question)) return null;
  return post.authorName;
}

/** The context as this viewer may know it: a pseudonymous asker's id and name removed. */
export function contextForViewer(actor: Actor, context: QuestionContext): QuestionContext {
  const name = authorNameFor(actor, context, context.question);
  return { community: context.community, question: { ...context.question, authorId: name === null ? null : context.question.authorId, authorName: name } };
}
