import type { Actor } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/events/events.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { loadReadableAnswer } from '../answers/answers.usecases.ts';
import { createCommentNotFoundError, createForbiddenError, createNotMemberError } from '../questions.errors.ts';
import { loadReadableQuestion, type QuestionContext } from '../questions.access.ts';
import { canDeletePost, canModerate, canParticipate, canReadPost, isPseudonymousAsker } from '../questions.policies.ts';
import { announceMentions } from '../questions.usecases.ts';
import type { CommentInput, HideInput } from '../questions.schemas.ts';
import * as repo from './comments.repository.ts';
import type { CommentRow } from './comments.repository.ts';

type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

/** A comment on the question itself, or on one of its answers (`on.answerId`). */
export async function postComment(deps: WriteDeps, actor: Actor, on: { questionId: string } | { answerId: string }, input: CommentInput): Promise<{ id: string; questionId: string }> {
  const id = deps.ids.uuid();
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { context, answerId } = 'answerId' in on
      ? await loadReadableAnswer(tx, actor, on.answerId).then(({ answer, context }) => ({ context, answerId: answer.id }))
      : { context: await loadReadableQuestion(tx, actor, on.questionId), answerId: null };
    if (!canParticipate(actor, context.community)) throw createNotMemberError();
    if (context.question.hiddenAt) throw createForbiddenError();
    await repo.insertComment(tx, { id, questionId: context.question.id, answerId, authorId: actor.userId, body: input.body, now: deps.clock.now() });
    emit('comment.posted', { questionId: context.question.id, answerId, commentId: id, communityId: context.community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, context.question) });
    await announceMentions(tx, emit, { questionId: context.question.id, communityId: context.community.id, byPseudonymousAsker: isPseudonymousAsker(actor, context.question) }, actor, input.body, { commentId: id });
    return { id, questionId: context.question.id };
  });
}

async function loadReadableComment(db: DbOrTx, actor: Actor, commentId: string, options: { lock?: boolean } = {}): Promise<{ comment: CommentRow; context: QuestionContext }> {
  const comment = await repo.findComment(db, commentId, options);
  if (!comment) throw createCommentNotFoundError();
  const context = await loadReadableQuestion(db, actor, comment.questionId).catch(() => {
    throw createCommentNotFoundError();
  });
  if (!canReadPost(actor, context.community, comment)) throw createCommentNotFoundError();
  return { comment, context };
}

export async function deleteComment(deps: WriteDeps, actor: Actor, commentId: string): Promise<{ questionId: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { comment, context } = await loadReadableComment(tx, actor, commentId, { lock: true });
    if (!canDeletePost(actor, context.community, comment)) throw createForbiddenError();
    await repo.setCommentState(tx, comment.id, { deleted_at: deps.clock.now() });
    emit('comment.deleted', { questionId: context.question.id, commentId: comment.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, context.question) });
    return { questionId: context.question.id };
  });
}

export async function setCommentHidden(deps: WriteDeps, actor: Actor, commentId: string, hide: HideInput | null): Promise<{ questionId: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { comment, context } = await loadReadableComment(tx, actor, commentId, { lock: true });
    if (!canModerate(actor, context.community)) throw createForbiddenError();
    await repo.setCommentState(tx, comment.id, hide ? { hidden_at: deps.clock.now(), hidden_by: actor.userId, hidden_reason: hide.reason } : { hidden_at: null, hidden_by: null, hidden_reason: null });
    emit(hide ? 'comment.hidden' : 'comment.unhidden', { questionId: context.question.id, commentId: comment.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, context.question), authorId: comment.authorId });
    return { questionId: context.question.id };
  });
}

/** The hide form checks the rule first, so a non-moderator never fills it in. */
export async function prepareCommentHide(deps: Pick<Deps, 'db'>, actor: Actor, commentId: string): Promise<{ questionId: string }> {
  const { context } = await loadReadableComment(deps.db, actor, commentId);
  if (!canModerate(actor, context.community)) throw createForbiddenError();
  return { questionId: context.question.id };
}
