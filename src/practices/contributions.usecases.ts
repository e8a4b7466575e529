import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { inTransaction } from '../platform/events/events.ts';
import { findLastTeam } from './practices.repository.ts';
import { loadPracticeToTakePartIn, loadReadablePractice } from './practices.access.ts';
import { createCommentNotFoundError, createForbiddenError, createOwnPracticeReactionError, createOwnTryError, createTrailTooDeepError, createTryNotFoundError } from './practices.errors.ts';
import { MAX_TRAIL_DEPTH } from './practices.models.ts';
import { canDeleteOwn, canModerateContribution, canReadContribution } from './practices.policies.ts';
import * as repo from './practices.repository.ts';
import type { CommentInput, HideInput, ReactInput, TryInput } from './practices.schemas.ts';

/** What others add to a story: reactions, remarks and "how would you handle it?", tried reports. */

type ReadDeps = Pick<Deps, 'db'>;

/** The story of a remark or report that may not be read makes the remark or report "not found"; other errors stay. */
const rethrowAs = (create: () => AppError) => (error: unknown): never => {
  throw isAppError(error) && error.status === 404 ? create() : error;
};
type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

/** "Herkenbaar" / "ga ik proberen": one of each per person, taken back with `on: false`; not on your own story. */
export async function react(deps: WriteDeps, actor: Actor, practiceId: string, input: ReactInput): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { practice, home } = await loadPracticeToTakePartIn(tx, actor, practiceId);
    if (practice.authorId === actor.userId) throw createOwnPracticeReactionError();
    if (practice.hiddenAt) throw createForbiddenError();
    const changed = await repo.setReaction(tx, practice.id, actor.userId, input.kind, input.on, deps.clock.now());
    if (!changed) return;
    const delta = input.on ? 1 : -1;
    await repo.adjustPracticeCounts(tx, practice.id, input.kind === 'recognise' ? { recognised: delta } : { willTry: delta });
    emit('practice.reacted', { practiceId: practice.id, communityId: home.id, actorId: actor.userId, authorId: practice.authorId, kind: input.kind, on: input.on });
  });
}

/** A remark or an alternative approach, kept with the community the actor writes from. */
export async function addComment(deps: WriteDeps, actor: Actor, practiceId: string, input: CommentInput): Promise<{ id: string }> {
  const id = deps.ids.uuid();
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { practice, community } = await loadPracticeToTakePartIn(tx, actor, practiceId);
    if (practice.hiddenAt) throw createForbiddenError();
    const now = deps.clock.now();
    await repo.insertComment(tx, { id, practiceId: practice.id, communityId: community.id, kind: input.kind, authorId: actor.userId, body: input.body, now });
    await repo.adjustPracticeCounts(tx, practice.id, { comments: 1 }, now);
    emit('practice.commented', { practiceId: practice.id, commentId: id, kind: input.kind, communityId: community.id, actorId: actor.userId, authorId: practice.authorId });
  });
  return { id };
}

async function loadComment(deps: ReadDeps, actor: Actor, commentId: string, options: { lock?: boolean } = {}) {
  const comment = await repo.findComment(deps.db, commentId);
  if (!comment) throw createCommentNotFoundError();
  const context = await loadReadablePractice(deps.db, actor, comment.practiceId, options).catch(rethrowAs(createCommentNotFoundError));
  if (!canReadContribution(actor, context, comment)) throw createCommentNotFoundError();
  return { comment, context };
}

export async function deleteComment(deps: WriteDeps, actor: Actor, commentId: string): Promise<{ practiceId: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { comment } = await loadComment({ db: tx }, actor, commentId, { lock: true });
    if (!canDeleteOwn(actor, comment)) throw createForbiddenError();
    await repo.setCommentState(tx, comment.id, { deleted_at: deps.clock.now() });
    await repo.adjustPracticeCounts(tx, comment.practiceId, { comments: -1 });
    emit('practice.comment_deleted', { practiceId: comment.practiceId, commentId: comment.id, actorId: actor.userId });
    return { practiceId: comment.practiceId };
  });
}

export async function setCommentHidden(deps: WriteDeps, actor: Actor, commentId: string, hide: HideInput | null): Promise<{ practiceId: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { comment, context } = await loadComment({ db: tx }, actor, commentId, { lock: true });
    if (!canModerateContribution(actor, context, comment)) throw createForbiddenError();
    if (Boolean(comment.hiddenAt) === Boolean(hide)) return { practiceId: comment.practiceId };
    await repo.setCommentState(tx, comment.id, hide ? { hidden_at: deps.clock.now(), hidden_by: actor.userId, hidden_reason: hide.reason } : { hidden_at: null, hidden_by: null, hidden_reason: null });
    emit(hide ? 'practice.comment_hidden' : 'practice.comment_unhidden', { practiceId: comment.practiceId, commentId: comment.id, actorId: actor.userId });
    return { practiceId: comment.practiceId };
  });
}

export interface TryForm {
  practiceId: string;
  practiceTitle: string;
  /** The report this one builds on, when tried from a report. */
  parent: { id: string; team: string; authorName: string | null } | null;
  /** The team the actor named last time, to start from. */
  lastTeam: string;
}

/** What the "geprobeerd" form needs: the story (or report) it builds on, and the actor's last team. */
export async function prepareTry(deps: ReadDeps, actor: Actor, practiceId: string, parentId: string | null): Promise<TryForm> {
  const context = await loadPracticeToTakePartIn(deps.db, actor, practiceId);
  if (context.practice.authorId === actor.userId) throw createOwnTryError();
  const parent = parentId ? await loadParentTry(deps, actor, context, parentId) : null;
  return { practiceId: context.practice.id, practiceTitle: context.practice.title, parent, lastTeam: (await findLastTeam(deps.db, actor.userId)) ?? '' };
}

async function loadParentTry(deps: ReadDeps, actor: Actor, context: Awaited<ReturnType<typeof loadReadablePractice>>, parentId: string) {
  const parent = await repo.findTry(deps.db, parentId);
  if (!parent || parent.practiceId !== context.practice.id || !canReadContribution(actor, context, parent) || parent.hiddenAt) throw createTryNotFoundError();
  return { id: parent.id, team: parent.team, authorName: parent.authorName };
}

/**
 * "Geprobeerd": where it was tried and how it went. The story's counter moves in the same
 * transaction as the row, by a relative update, so parallel reports never lose a count.
 */
export async function reportTried(deps: WriteDeps, actor: Actor, practiceId: string, input: TryInput): Promise<{ id: string }> {
  const id = deps.ids.uuid();
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const context = await loadPracticeToTakePartIn(tx, actor, practiceId);
    if (context.practice.hiddenAt) throw createForbiddenError();
    // The trail shows where others took it; the author tells their own follow-up by editing the story.
    if (context.practice.authorId === actor.userId) throw createOwnTryError();
    const parentId = input.parentId ?? null;
    let depth = 0;
    let parentAuthorId: string | null = null;
    if (parentId) {
      const parent = await repo.findTry(tx, parentId);
      if (!parent || parent.practiceId !== context.practice.id || !canReadContribution(actor, context, parent) || parent.hiddenAt) throw createTryNotFoundError();
      if (parent.depth + 1 > MAX_TRAIL_DEPTH) throw createTrailTooDeepError();
      depth = parent.depth + 1;
      parentAuthorId = parent.authorId;
    }
    const now = deps.clock.now();
    await repo.insertTry(tx, {
      id, practiceId: context.practice.id, parentId, depth, communityId: context.community.id, authorId: actor.userId, organisationId: actor.organisationId,
      team: input.team, result: input.result, adapted: input.adapted, howItWent: input.howItWent, now,
    });
    await repo.adjustPracticeCounts(tx, context.practice.id, { tried: 1 }, now);
    emit('practice.tried', {
      practiceId: context.practice.id, tryId: id, parentTryId: parentId, communityId: context.community.id, actorId: actor.userId,
      authorId: context.practice.authorId, parentAuthorId, organisationId: actor.organisationId, result: input.result,
    });
  });
  return { id };
}

async function loadTry(deps: ReadDeps, actor: Actor, tryId: string, options: { lock?: boolean } = {}) {
  const report = await repo.findTry(deps.db, tryId);
  if (!report) throw createTryNotFoundError();
  const context = await loadReadablePractice(deps.db, actor, report.practiceId, options).catch(rethrowAs(createTryNotFoundError));
  if (!canReadContribution(actor, context, report)) throw createTryNotFoundError();
  return { report, context };
}

/** The author withdraws a report; reports built on it stay, hanging under the story. */
export async function deleteTry(deps: WriteDeps, actor: Actor, tryId: string): Promise<{ practiceId: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { report } = await loadTry({ db: tx }, actor, tryId, { lock: true });
    if (!canDeleteOwn(actor, report)) throw createForbiddenError();
    await repo.setTryState(tx, report.id, { deleted_at: deps.clock.now() });
    await repo.adjustPracticeCounts(tx, report.practiceId, { tried: -1 });
    emit('practice.try_deleted', { practiceId: report.practiceId, tryId: report.id, actorId: actor.userId });
    return { practiceId: report.practiceId };
  });
}

export async function setTryHidden(deps: WriteDeps, actor: Actor, tryId: string, hide: HideInput | null): Promise<{ practiceId: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { report, context } = await loadTry({ db: tx }, actor, tryId, { lock: true });
    if (!canModerateContribution(actor, context, report)) throw createForbiddenError();
    if (Boolean(report.hiddenAt) === Boolean(hide)) return { practiceId: report.practiceId };
    await repo.setTryState(tx, report.id, hide ? { hidden_at: deps.clock.now(), hidden_by: actor.userId, hidden_reason: hide.reason } : { hidden_at: null, hidden_by: null, hidden_reason: null });
    emit(hide ? 'practice.try_hidden' : 'practice.try_unhidden', { practiceId: report.practiceId, tryId: report.id, actorId: actor.userId });
    return { practiceId: report.practiceId };
  });
}


/** The hide form pages check the rule first, so nobody fills in a form that will be refused. */
export async function assertMayHideComment(deps: ReadDeps, actor: Actor, commentId: string): Promise<{ practiceId: string }> {
  const { comment, context } = await loadComment(deps, actor, commentId);
  if (!canModerateContribution(actor, context, comment)) throw createForbiddenError();
  return { practiceId: comment.practiceId };
}

export async function assertMayHideTry(deps: ReadDeps, actor: Actor, tryId: string): Promise<{ practiceId: string }> {
  const { report, context } = await loadTry(deps, actor, tryId);
  if (!canModerateContribution(actor, context, report)) throw createForbiddenError();
  return { practiceId: report.practiceId };
}
