import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { rethrowNotFoundAs } from '../platform/errors.ts';
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

// Deleting, hiding and showing again: remarks and tried reports follow one set of rules. ----------

/** What differs between a remark and a tried report when it is deleted, hidden or shown again. */
const CONTRIBUTIONS = {
  comment: { find: repo.findComment, notFound: createCommentNotFoundError, setState: repo.setCommentState, counter: 'comments', event: 'practice.comment', idKey: 'commentId' },
  try: { find: repo.findTry, notFound: createTryNotFoundError, setState: repo.setTryState, counter: 'tried', event: 'practice.try', idKey: 'tryId' },
} as const;
type ContributionKind = keyof typeof CONTRIBUTIONS;

/** A remark or report is readable when its story is and the community it was written in is; otherwise "not found". */
async function loadContribution(deps: ReadDeps, actor: Actor, kind: ContributionKind, id: string, options: { lock?: boolean } = {}) {
  const { find, notFound } = CONTRIBUTIONS[kind];
  const item = await find(deps.db, id);
  if (!item) throw notFound();
  const context = await loadReadablePractice(deps.db, actor, item.practiceId, options).catch(rethrowNotFoundAs(notFound));
  if (!canReadContribution(actor, context, item)) throw notFound();
  return { item, context };
}

/** The author withdraws a remark or report; reports built on a withdrawn one stay, hanging under the story. */
async function deleteContribution(deps: WriteDeps, actor: Actor, kind: ContributionKind, id: string): Promise<{ practiceId: string }> {
  const { setState, counter, event, idKey } = CONTRIBUTIONS[kind];
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { item } = await loadContribution({ db: tx }, actor, kind, id, { lock: true });
    if (!canDeleteOwn(actor, item)) throw createForbiddenError();
    await setState(tx, item.id, { deleted_at: deps.clock.now() });
    await repo.adjustPracticeCounts(tx, item.practiceId, { [counter]: -1 });
    emit(`${event}_deleted`, { practiceId: item.practiceId, [idKey]: item.id, actorId: actor.userId });
    return { practiceId: item.practiceId };
  });
}

/** Moderators hide with a reason the author still sees (`hide`), or show again (null). */
async function setContributionHidden(deps: WriteDeps, actor: Actor, kind: ContributionKind, id: string, hide: HideInput | null): Promise<{ practiceId: string }> {
  const { setState, event, idKey } = CONTRIBUTIONS[kind];
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { item, context } = await loadContribution({ db: tx }, actor, kind, id, { lock: true });
    if (!canModerateContribution(actor, context, item)) throw createForbiddenError();
    if (Boolean(item.hiddenAt) === Boolean(hide)) return { practiceId: item.practiceId };
    await setState(tx, item.id, hide ? { hidden_at: deps.clock.now(), hidden_by: actor.userId, hidden_reason: hide.reason } : { hidden_at: null, hidden_by: null, hidden_reason: null });
    emit(hide ? `${event}_hidden` : `${event}_unhidden`, { practiceId: item.practiceId, [idKey]: item.id, actorId: actor.userId });
    return { practiceId: item.practiceId };
  });
}

/** The hide form pages check the rule first, so nobody fills in a form that will be refused. */
async function assertMayHide(deps: ReadDeps, actor: Actor, kind: ContributionKind, id: string): Promise<{ practiceId: string }> {
  const { item, context } = await loadContribution(deps, actor, kind, id);
  if (!canModerateContribution(actor, context, item)) throw createForbiddenError();
  return { practiceId: item.practiceId };
}

export const deleteComment = (deps: WriteDeps, actor: Actor, commentId: string) => deleteContribution(deps, actor, 'comment', commentId);
export const setCommentHidden = (deps: WriteDeps, actor: Actor, commentId: string, hide: HideInput | null) => setContributionHidden(deps, actor, 'comment', commentId, hide);
export const assertMayHideComment = (deps: ReadDeps, actor: Actor, commentId: string) => assertMayHide(deps, actor, 'comment', commentId);
export const deleteTry = (deps: WriteDeps, actor: Actor, tryId: string) => deleteContribution(deps, actor, 'try', tryId);
export const setTryHidden = (deps: WriteDeps, actor: Actor, tryId: string, hide: HideInput | null) => setContributionHidden(deps, actor, 'try', tryId, hide);
export const assertMayHideTry = (deps: ReadDeps, actor: Actor, tryId: string) => assertMayHide(deps, actor, 'try', tryId);
