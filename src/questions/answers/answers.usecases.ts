import type { Actor } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/events/events.ts';
import { indexDocument, removeFromIndex } from '../../search/search.index.ts';
import { createAnswerNotFoundError, createForbiddenError, createNotMemberError, createQuestionClosedError } from '../questions.errors.ts';
import { contextForViewer, loadQuestionToTakePartIn, loadReadableQuestion, type QuestionContext } from '../questions.access.ts';
import { canAccept, canDeletePost, canEditPost, canModerate, canParticipate, canReadPost, isPseudonymousAsker } from '../questions.policies.ts';
import * as questions from '../questions.repository.ts';
import * as revisions from '../revisions.repository.ts';
import { announceMentions, listQuestionRevisions } from '../questions.usecases.ts';
import type { AnswerInput, HideInput } from '../questions.schemas.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import * as repo from './answers.repository.ts';
import type { AnswerRow } from './answers.repository.ts';

type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

/** An answer's search document carries its question's title, tags and kind. */
export const answerSearchDocument = (context: QuestionContext, answer: { id: string; body: string; createdAt: Date }) => ({
  id: answer.id,
  kind: 'answer' as const,
  communityId: context.community.id,
  parentId: context.question.id,
  title: context.question.title,
  body: answer.body,
  tags: context.question.tags,
  questionKind: context.question.kind,
  createdAt: answer.createdAt,
});

/** An answer is reached through its question: the question's visibility rule comes first. */
async function loadReadableAnswer(db: DbOrTx, actor: Actor, answerId: string, options: { lock?: boolean } = {}): Promise<{ answer: AnswerRow; context: QuestionContext }> {
  const found = await repo.findAnswer(db, answerId, actor.userId);
  if (!found) throw createAnswerNotFoundError();
  const context = await loadReadableQuestion(db, actor, found.questionId, options).catch(() => {
    throw createAnswerNotFoundError();
  });
  // Locked in question → answer order everywhere, so two writers never wait on each other in reverse.
  const answer = options.lock ? await repo.findAnswer(db, answerId, actor.userId, { lock: true }) : found;
  if (!answer || !canReadPost(actor, context.community, answer)) throw createAnswerNotFoundError();
  return { answer, context };
}

export async function postAnswer(deps: WriteDeps, actor: Actor, questionId: string, input: AnswerInput): Promise<{ id: string; questionId: string }> {
  const id = deps.ids.uuid();
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const context = await loadQuestionToTakePartIn(tx, actor, questionId);
    const { question, community } = context;
    if (question.closedAt || question.hiddenAt) throw createQuestionClosedError();
    const now = deps.clock.now();
    await repo.insertAnswer(tx, { id, questionId: question.id, authorId: actor.userId, body: input.body, now });
    await revisions.insertRevision(tx, { id: deps.ids.uuid(), questionId: question.id, answerId: id, editorId: actor.userId, title: null, body: input.body, tags: null, now });
    await questions.setFollow(tx, question.id, actor.userId, true, now);
    await indexDocument(tx, answerSearchDocument(context, { id, body: input.body, createdAt: now }));
    emit('answer.posted', { questionId: question.id, answerId: id, communityId: community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, question) });
    await announceMentions(tx, emit, { questionId: question.id, communityId: community.id, byPseudonymousAsker: isPseudonymousAsker(actor, question) }, actor, input.body, { answerId: id });
    // Last, so the question's row lock is held only for the commit: answers to one busy
    // question queue on it. Hidden, deleted or closed in the meantime: everything rolls back.
    if (!(await questions.adjustQuestionCounts(tx, question.id, { answers: 1 }, now, { onlyIfOpen: true }))) throw createQuestionClosedError();
  });
  return { id, questionId };
}

export async function prepareAnswerEdit(deps: Pick<Deps, 'db'>, actor: Actor, answerId: string): Promise<{ answer: AnswerRow; context: QuestionContext }> {
  const found = await loadReadableAnswer(deps.db, actor, answerId);
  if (!canEditPost(actor, found.context.community, found.answer)) throw createForbiddenError();
  return found;
}

export async function editAnswer(deps: WriteDeps, actor: Actor, answerId: string, input: AnswerInput): Promise<{ questionId: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { answer, context } = await loadReadableAnswer(tx, actor, answerId, { lock: true });
    if (!canEditPost(actor, context.community, answer)) throw createForbiddenError();
    if (input.body !== answer.body) {
      const now = deps.clock.now();
      await repo.updateAnswerBody(tx, answer.id, input.body, now);
      await revisions.insertRevision(tx, { id: deps.ids.uuid(), questionId: context.question.id, answerId: answer.id, editorId: actor.userId, title: null, body: input.body, tags: null, now });
      // A hidden question's answers stay out of search until the question is shown again.
      if (!context.question.hiddenAt) await indexDocument(tx, answerSearchDocument(context, { ...answer, body: input.body }));
      emit('answer.edited', { questionId: context.question.id, answerId: answer.id, communityId: context.community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, context.question) });
    }
    return { questionId: context.question.id };
  });
}

/** Takes an answer out of the counts, the accepted slot and the index; deleting and hiding share it. */
async function withdrawAnswer(tx: DbOrTx, context: QuestionContext, answer: AnswerRow): Promise<void> {
  await questions.adjustQuestionCounts(tx, context.question.id, { answers: -1, helped: -answer.helpedCount });
  if (context.question.acceptedAnswerId === answer.id) await questions.setQuestionState(tx, context.question.id, { accepted_answer_id: null });
  await removeFromIndex(tx, [answer.id]);
}

/** Authors delete their own answers (soft: the row stays for the record, nobody sees it). */
export async function deleteAnswer(deps: WriteDeps, actor: Actor, answerId: string): Promise<{ questionId: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { answer, context } = await loadReadableAnswer(tx, actor, answerId, { lock: true });
    if (!canDeletePost(actor, context.community, answer)) throw createForbiddenError();
    await repo.setAnswerState(tx, answer.id, { deleted_at: deps.clock.now() });
    if (!answer.hiddenAt) await withdrawAnswer(tx, context, answer);
    emit('answer.deleted', { questionId: context.question.id, answerId: answer.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, context.question) });
    return { questionId: context.question.id };
  });
}

/** Moderators hide an answer with a reason its author sees; unhiding puts it back. */
export async function setAnswerHidden(deps: WriteDeps, actor: Actor, answerId: string, hide: HideInput | null): Promise<{ questionId: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { answer, context } = await loadReadableAnswer(tx, actor, answerId, { lock: true });
    if (!canModerate(actor, context.community)) throw createForbiddenError();
    if (hide && !answer.hiddenAt) {
      await repo.setAnswerState(tx, answer.id, { hidden_at: deps.clock.now(), hidden_by: actor.userId, hidden_reason: hide.reason });
      await withdrawAnswer(tx, context, answer);
      emit('answer.hidden', { questionId: context.question.id, answerId: answer.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, context.question), authorId: answer.authorId });
    } else if (!hide && answer.hiddenAt) {
      await repo.setAnswerState(tx, answer.id, { hidden_at: null, hidden_by: null, hidden_reason: null });
      await questions.adjustQuestionCounts(tx, context.question.id, { answers: 1, helped: answer.helpedCount });
      if (!context.question.hiddenAt) await indexDocument(tx, answerSearchDocument(context, answer));
      emit('answer.unhidden', { questionId: context.question.id, answerId: answer.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, context.question) });
    }
    return { questionId: context.question.id };
  });
}

/**
 * "This helped": one per member per answer, and it can be taken back. Not on one's own answer.
 * The question's counter moves with the answer's, so "most helped" sorts without a sum.
 */
export async function setHelped(deps: WriteDeps, actor: Actor, answerId: string, helped: boolean): Promise<{ questionId: string; helpedCount: number }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    // Locks the question, then the answer: the same order as every other change here.
    const { answer, context } = await loadReadableAnswer(tx, actor, answerId, { lock: true });
    if (!canParticipate(actor, context.community)) throw createNotMemberError();
    if (answer.authorId === actor.userId || answer.hiddenAt) throw createForbiddenError();
    const changed = helped ? await repo.addHelped(tx, answer.id, actor.userId, deps.clock.now()) : await repo.removeHelped(tx, answer.id, actor.userId);
    if (changed) {
      await questions.adjustQuestionCounts(tx, context.question.id, { helped: helped ? 1 : -1 });
      emit(helped ? 'answer.helped' : 'answer.unhelped', { questionId: context.question.id, answerId: answer.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, context.question), authorId: answer.authorId });
    }
    const after = await repo.findAnswer(tx, answer.id, actor.userId);
    return { questionId: context.question.id, helpedCount: after?.helpedCount ?? 0 };
  });
}

/** The asker or a moderator marks the answer that solved it, or changes or clears that choice. */
export async function setAcceptedAnswer(deps: WriteDeps, actor: Actor, questionId: string, answerId: string | null): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const context = await loadReadableQuestion(tx, actor, questionId, { lock: true });
    const { question, community } = context;
    if (!canAccept(actor, community, question) || question.hiddenAt) throw createForbiddenError();
    if (answerId !== null) {
      const answer = await repo.findAnswer(tx, answerId, actor.userId);
      if (!answer || answer.questionId !== question.id || answer.deletedAt || answer.hiddenAt) throw createAnswerNotFoundError();
    }
    if (question.acceptedAnswerId === answerId) return;
    await questions.setQuestionState(tx, question.id, { accepted_answer_id: answerId, last_activity_at: deps.clock.now() });
    if (answerId) emit('answer.accepted', { questionId: question.id, answerId, communityId: community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, question) });
    else emit('answer.unaccepted', { questionId: question.id, communityId: community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, question) });
  });
}

export async function findAnswerQuestionId(deps: Pick<Deps, 'db'>, actor: Actor, answerId: string): Promise<string> {
  return (await loadReadableAnswer(deps.db, actor, answerId)).context.question.id;
}

/** Every version of one answer, names through the pseudonym rule. */
export async function listAnswerRevisions(deps: Pick<Deps, 'db'>, actor: Actor, answerId: string) {
  const { answer, context } = await loadReadableAnswer(deps.db, actor, answerId);
  const { revisions } = await listQuestionRevisions(deps, actor, context.question.id, answer);
  return { context: contextForViewer(actor, context), revisions };
}

export { loadReadableAnswer };
