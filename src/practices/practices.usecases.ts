import { loadVisibleCommunity } from '../communities/communities.usecases.ts';
import type { CommunityRef } from '../communities/communities.repository.ts';
import { canManageCommunity, canSeeCommunity } from '../communities/communities.policies.ts';
import { listCurrentLearningQuestions, type LearningQuestionRef } from '../frameworks/frameworks.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { isAppError } from '../platform/errors.ts';
import type { Deps } from '../platform/deps.ts';
import { inTransaction } from '../platform/events/events.ts';
import { toPage, type Page } from '../platform/paging.ts';
import { normaliseTags } from '../platform/text.ts';
import { canParticipate, isAuthor } from '../questions/questions.policies.ts';
import { indexDocument, removeFromIndex } from '../search/search.index.ts';
import { loadReadablePractice } from './practices.access.ts';
import {
  createForbiddenError,
  createLearningQuestionUnknownError,
  createNotMemberError,
  createShareTargetInvalidError,
  createSharingNotAllowedError,
} from './practices.errors.ts';
import type { PracticeListFilter } from './practices.models.ts';
import { canDeleteOwn, canEditPractice, canModeratePractice } from './practices.policies.ts';
import * as repo from './practices.repository.ts';
import type { PracticeContent, PracticeListRow, PracticeRow } from './practices.repository.ts';
import type { EditPracticeInput, HideInput, SharePracticeInput, ShareToInput } from './practices.schemas.ts';

type ReadDeps = Pick<Deps, 'db'>;
type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

/** The four parts of the guided form, as one text for search. */
const searchBody = (p: Pick<PracticeRow, 'situation' | 'action' | 'outcome' | 'learning'>) => [p.situation, p.action, p.outcome, p.learning].filter(Boolean).join('\n\n');

/**
 * Search has one document per community the story is shown in (its own: the story's id; each
 * share: the share's id), so the community carries the visibility rule as for every document.
 */
export async function indexPractice(db: DbOrTx, practice: Pick<PracticeRow, 'id' | 'communityId' | 'title' | 'situation' | 'action' | 'outcome' | 'learning' | 'tags' | 'createdAt'>, options: { isNew?: boolean } = {}): Promise<void> {
  const base = { kind: 'practice' as const, title: practice.title, body: searchBody(practice), tags: practice.tags, questionKind: null, createdAt: practice.createdAt };
  await indexDocument(db, { ...base, id: practice.id, communityId: practice.communityId, parentId: null });
  if (options.isNew) return;
  for (const share of await repo.listShareIds(db, practice.id)) await indexDocument(db, { ...base, id: share.id, communityId: share.communityId, parentId: practice.id });
}

async function unindexPractice(db: DbOrTx, practiceId: string): Promise<void> {
  await removeFromIndex(db, [practiceId, ...(await repo.listShareIds(db, practiceId)).map((s) => s.id)]);
}

export interface ShareForm {
  communityId: string;
  communitySlug: string;
  communityName: string;
  learningQuestions: LearningQuestionRef[];
}

/** What the share form needs; only active members share. */
export async function prepareShare(deps: ReadDeps, actor: Actor, ref: CommunityRef): Promise<ShareForm> {
  const community = await loadVisibleCommunity(deps.db, actor, ref);
  if (!canParticipate(actor, community)) throw createNotMemberError();
  const learningQuestions = await listCurrentLearningQuestions(deps.db, community.id);
  return { communityId: community.id, communitySlug: community.slug, communityName: community.name, learningQuestions };
}

async function checkLearningQuestion(db: DbOrTx, communityId: string, learningQuestionId: string | null | undefined): Promise<string | null> {
  if (!learningQuestionId) return null;
  if (!(await listCurrentLearningQuestions(db, communityId)).some((lq) => lq.id === learningQuestionId)) throw createLearningQuestionUnknownError();
  return learningQuestionId;
}

/**
 * Shares a story. `afterInsert` runs in the same transaction once the story exists (the
 * attachments use it), so a failure there leaves no story behind.
 */
export async function sharePractice(deps: WriteDeps, actor: Actor, ref: CommunityRef, input: SharePracticeInput, afterInsert?: (tx: DbOrTx, practiceId: string) => Promise<void>): Promise<{ id: string }> {
  const id = deps.ids.uuid();
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadVisibleCommunity(tx, actor, ref);
    if (!canParticipate(actor, community)) throw createNotMemberError();
    const learningQuestionId = await checkLearningQuestion(tx, community.id, input.learningQuestionId);
    const now = deps.clock.now();
    const practice = {
      id, communityId: community.id, authorId: actor.userId, title: input.title, situation: input.situation, action: input.action,
      outcome: input.outcome ?? '', learning: input.learning ?? '', tags: normaliseTags(input.tags ?? []), learningQuestionId, now,
    };
    await repo.insertPractice(tx, practice);
    await indexPractice(tx, { ...practice, createdAt: now }, { isNew: true });
    if (afterInsert) await afterInsert(tx, id);
    emit('practice.shared', { practiceId: id, communityId: community.id, actorId: actor.userId, tags: practice.tags, learningQuestionId });
  });
  return { id };
}

export interface EditForm {
  practice: PracticeRow;
  learningQuestions: LearningQuestionRef[];
}

export async function preparePracticeEdit(deps: ReadDeps, actor: Actor, practiceId: string): Promise<EditForm> {
  const context = await loadReadablePractice(deps.db, actor, practiceId);
  if (!canEditPractice(actor, context, context.practice)) throw createForbiddenError();
  return { practice: context.practice, learningQuestions: await listCurrentLearningQuestions(deps.db, context.home.id) };
}

export async function editPractice(deps: WriteDeps, actor: Actor, practiceId: string, input: EditPracticeInput): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const context = await loadReadablePractice(tx, actor, practiceId, { lock: true });
    const { practice } = context;
    if (!canEditPractice(actor, context, practice)) throw createForbiddenError();
    const next: PracticeContent = {
      title: input.title ?? practice.title,
      situation: input.situation ?? practice.situation,
      action: input.action ?? practice.action,
      outcome: input.outcome ?? practice.outcome,
      learning: input.learning ?? practice.learning,
      tags: input.tags ? normaliseTags(input.tags) : practice.tags,
      learningQuestionId: input.learningQuestionId === undefined ? practice.learningQuestionId : input.learningQuestionId,
    };
    // A link that is no longer in the current framework may stay as it was; a new one must be current.
    if (next.learningQuestionId !== practice.learningQuestionId) await checkLearningQuestion(tx, context.home.id, next.learningQuestionId);
    const now = deps.clock.now();
    await repo.updatePracticeContent(tx, practice.id, next, now);
    await indexPractice(tx, { ...practice, ...next });
    emit('practice.edited', { practiceId: practice.id, communityId: context.home.id, actorId: actor.userId });
  });
}

/** The author withdraws their story: gone for everyone, with everything on it. */
export async function deletePractice(deps: WriteDeps, actor: Actor, practiceId: string): Promise<{ communitySlug: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const context = await loadReadablePractice(tx, actor, practiceId, { lock: true });
    if (!canDeleteOwn(actor, context.practice)) throw createForbiddenError();
    await repo.setPracticeState(tx, practiceId, { deleted_at: deps.clock.now() });
    await unindexPractice(tx, practiceId);
    emit('practice.deleted', { practiceId, communityId: context.home.id, actorId: actor.userId });
    return { communitySlug: context.home.slug };
  });
}

/** Moderators of the story's community hide it with a reason its author still sees. */
export async function setPracticeHidden(deps: WriteDeps, actor: Actor, practiceId: string, hide: HideInput | null): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const context = await loadReadablePractice(tx, actor, practiceId, { lock: true });
    if (!canModeratePractice(actor, context)) throw createForbiddenError();
    if (Boolean(context.practice.hiddenAt) === Boolean(hide)) return;
    if (hide) {
      await repo.setPracticeState(tx, practiceId, { hidden_at: deps.clock.now(), hidden_by: actor.userId, hidden_reason: hide.reason });
      await unindexPractice(tx, practiceId);
    } else {
      await repo.setPracticeState(tx, practiceId, { hidden_at: null, hidden_by: null, hidden_reason: null });
      await indexPractice(tx, context.practice);
    }
    emit(hide ? 'practice.hidden' : 'practice.unhidden', { practiceId, communityId: context.home.id, actorId: actor.userId });
  });
}

export interface ShareTarget {
  id: string;
  name: string;
  allowsSharing: boolean;
}

/** Where the author may show the story too: their other communities; both ends must allow it. */
export async function prepareShareTo(deps: ReadDeps, actor: Actor, practiceId: string): Promise<{ practice: PracticeRow; homeAllows: boolean; targets: ShareTarget[] }> {
  const context = await loadReadablePractice(deps.db, actor, practiceId);
  if (!canShareFurther(actor, context)) throw createForbiddenError();
  const targets = await repo.listShareTargets(deps.db, actor.userId, practiceId, context.home.id);
  return { practice: context.practice, homeAllows: context.home.allowPracticeSharing, targets };
}

/**
 * Only the author shows their story in another community of theirs (while an active member of
 * its own): a colleague must not carry a story out of a closed or secret community.
 */
const canShareFurther = (actor: Actor, context: { home: Parameters<typeof canParticipate>[1]; practice: PracticeRow }) =>
  isAuthor(actor, context.practice) && canParticipate(actor, context.home) && !context.practice.hiddenAt;

export async function sharePracticeTo(deps: WriteDeps, actor: Actor, practiceId: string, input: ShareToInput): Promise<{ communitySlug: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const context = await loadReadablePractice(tx, actor, practiceId, { lock: true });
    if (!canShareFurther(actor, context)) throw createForbiddenError();
    if (input.communityId === context.home.id) throw createShareTargetInvalidError();
    // Only to a community the actor is an active member of; any other answer is "not a valid choice".
    const target = await loadVisibleCommunity(tx, actor, { id: input.communityId }).catch((error: unknown) => {
      if (isAppError(error) && error.status === 404) return undefined;
      throw error;
    });
    if (!target || !canParticipate(actor, target)) throw createShareTargetInvalidError();
    if (!context.home.allowPracticeSharing || !target.allowPracticeSharing) throw createSharingNotAllowedError();
    const shareId = deps.ids.uuid();
    const added = await repo.insertShare(tx, { id: shareId, practiceId, communityId: target.id, sharedBy: actor.userId, now: deps.clock.now() });
    if (!added) return { communitySlug: target.slug };
    const { practice } = context;
    await indexDocument(tx, { id: shareId, kind: 'practice', communityId: target.id, parentId: practice.id, title: practice.title, body: searchBody(practice), tags: practice.tags, questionKind: null, createdAt: practice.createdAt });
    emit('practice.cross_shared', { practiceId, communityId: target.id, fromCommunityId: context.home.id, actorId: actor.userId });
    return { communitySlug: target.slug };
  });
}

export interface CommunityPractices {
  community: { id: string; slug: string; name: string };
  page: Page<PracticeListRow>;
  /** The current framework's learning questions, to filter by. */
  learningQuestions: LearningQuestionRef[];
  canShare: boolean;
  canModerate: boolean;
}

export async function listPractices(deps: ReadDeps, actor: Actor, ref: CommunityRef, filter: PracticeListFilter): Promise<CommunityPractices> {
  // Both at once: the rows are thrown away with an error when the community may not be seen.
  const [community, rows] = await Promise.all([loadVisibleCommunity(deps.db, actor, ref), repo.listCommunityPractices(deps.db, ref, actor, filter)]);
  return {
    community: { id: community.id, slug: community.slug, name: community.name },
    page: toPage(rows, filter),
    learningQuestions: await listCurrentLearningQuestions(deps.db, community.id),
    canShare: canParticipate(actor, community),
    canModerate: canSeeCommunity(actor, community) && canManageCommunity(actor, community),
  };
}

export type LearningQuestionPractices = Omit<repo.LearningQuestionPracticeRow, 'learningQuestionId'>;

/** For the framework page: per learning question, stories shared and how often they were tried. */
export async function practicesPerLearningQuestion(deps: ReadDeps, communityId: string, learningQuestionIds: readonly string[]): Promise<Map<string, LearningQuestionPractices>> {
  const rows = await repo.countByLearningQuestion(deps.db, communityId, learningQuestionIds);
  return new Map(rows.map(({ learningQuestionId, ...counts }) => [learningQuestionId, counts]));
}
