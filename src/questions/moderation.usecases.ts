import * as members from '../communities/membership/membership.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { inTransaction } from '../platform/events/events.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { indexDocument, removeFromIndex } from '../search/search.index.ts';
import { createDuplicateTargetError, createForbiddenError, createInviteesInvalidError } from './questions.errors.ts';
import { loadQuestionToTakePartIn, loadReadableQuestion } from './questions.access.ts';
import { canClose, canDeletePost, canModerate, isPseudonymousAsker } from './questions.policies.ts';
import * as repo from './questions.repository.ts';
import * as answers from './answers/answers.repository.ts';
import { answerSearchDocument } from './answers/answers.usecases.ts';
import { questionSearchDocument } from './questions.usecases.ts';
import type { CloseInput, HideInput, InviteToAnswerInput } from './questions.schemas.ts';

/** Deleting, hiding, closing as duplicate and reopening a question; inviting colleagues to answer. */

type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

/** A question out of sight takes its answers out of search with it. */
async function removeQuestionFromIndex(tx: DbOrTx, questionId: string): Promise<void> {
  await removeFromIndex(tx, [questionId, ...(await answers.listLiveAnswersForIndex(tx, questionId)).map((a) => a.id)]);
}

export async function deleteQuestion(deps: WriteDeps, actor: Actor, questionId: string): Promise<{ communitySlug: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { question, community } = await loadReadableQuestion(tx, actor, questionId, { lock: true });
    if (!canDeletePost(actor, community, question)) throw createForbiddenError();
    await repo.setQuestionState(tx, question.id, { deleted_at: deps.clock.now() });
    await removeQuestionFromIndex(tx, question.id);
    emit('question.deleted', { questionId: question.id, communityId: community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, question) });
    return { communitySlug: community.slug };
  });
}

/** Moderators hide a question with a reason its author sees, or show it again. */
export async function setQuestionHidden(deps: WriteDeps, actor: Actor, questionId: string, hide: HideInput | null): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { question, community } = await loadReadableQuestion(tx, actor, questionId, { lock: true });
    if (!canModerate(actor, community)) throw createForbiddenError();
    if (hide && !question.hiddenAt) {
      await repo.setQuestionState(tx, question.id, { hidden_at: deps.clock.now(), hidden_by: actor.userId, hidden_reason: hide.reason });
      await removeQuestionFromIndex(tx, question.id);
      emit('question.hidden', { questionId: question.id, communityId: community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, question), authorId: question.authorId });
    } else if (!hide && question.hiddenAt) {
      await repo.setQuestionState(tx, question.id, { hidden_at: null, hidden_by: null, hidden_reason: null });
      await indexDocument(tx, questionSearchDocument(question));
      for (const answer of await answers.listLiveAnswersForIndex(tx, question.id)) await indexDocument(tx, answerSearchDocument({ question, community }, answer));
      emit('question.unhidden', { questionId: question.id, communityId: community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, question) });
    }
  });
}

/** Closed as a duplicate of another live question in the same community; answers go there. */
export async function closeAsDuplicate(deps: WriteDeps, actor: Actor, questionId: string, input: CloseInput): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { question, community } = await loadReadableQuestion(tx, actor, questionId, { lock: true });
    if (!canClose(actor, community, question) || question.hiddenAt) throw createForbiddenError();
    const target = await repo.findQuestion(tx, input.duplicateOf);
    if (!target || target.id === question.id || target.communityId !== community.id || target.deletedAt || target.hiddenAt || target.closedAt) throw createDuplicateTargetError();
    await repo.setQuestionState(tx, question.id, { duplicate_of_id: target.id, closed_at: deps.clock.now(), closed_by: actor.userId });
    emit('question.closed', { questionId: question.id, duplicateOfId: target.id, communityId: community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, question) });
  });
}

export async function reopenQuestion(deps: WriteDeps, actor: Actor, questionId: string): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { question, community } = await loadReadableQuestion(tx, actor, questionId, { lock: true });
    if (!canClose(actor, community, question)) throw createForbiddenError();
    if (!question.closedAt) return;
    await repo.setQuestionState(tx, question.id, { duplicate_of_id: null, closed_at: null, closed_by: null });
    emit('question.reopened', { questionId: question.id, communityId: community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, question) });
  });
}

/**
 * Members ask colleagues they think know the answer. Invitees must be active members of the
 * community (others could not read it); each is asked once per question.
 */
export async function inviteToAnswer(deps: WriteDeps, actor: Actor, questionId: string, input: InviteToAnswerInput): Promise<{ invited: number }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { question, community } = await loadQuestionToTakePartIn(tx, actor, questionId);
    if (question.hiddenAt || question.closedAt) throw createForbiddenError();
    const wanted = [...new Set(input.userIds)].filter((id) => id !== actor.userId);
    const eligible = await members.filterActiveMembers(tx, community.id, wanted);
    if (eligible.length !== wanted.length || wanted.length === 0) throw createInviteesInvalidError();
    const invited = await repo.insertAnswerInvitations(tx, question.id, eligible, actor.userId, deps.clock.now());
    if (invited.length > 0) emit('invited_to_answer', { questionId: question.id, communityId: community.id, actorId: actor.userId, inviteeIds: invited, isPseudonymous: question.isPseudonymous });
    return { invited: invited.length };
  });
}

/** The invite page: members of the question's community found by (part of) their name. */
export async function prepareInvite(deps: Pick<Deps, 'db'>, actor: Actor, questionId: string, q: string) {
  const { question, community } = await loadQuestionToTakePartIn(deps.db, actor, questionId);
  if (question.hiddenAt || question.closedAt) throw createForbiddenError();
  const found = await members.listMembers(deps.db, community.id, { q, page: 1, pageSize: 21 });
  return { question, candidates: found.filter((m) => m.userId !== actor.userId).slice(0, 20) };
}
