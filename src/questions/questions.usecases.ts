import { loadVisibleCommunity } from '../communities/communities.usecases.ts';
import type { CommunityRef } from '../communities/communities.repository.ts';
import * as members from '../communities/membership/membership.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { inTransaction, type Emit } from '../platform/events/events.ts';
import { toPage, type Page, type Paging } from '../platform/paging.ts';
import { indexDocument, updateChildDocuments } from '../search/search.index.ts';
import { createForbiddenError, createLearningQuestionUnknownError, createNotMemberError, createPseudonymNotAllowedError } from './questions.errors.ts';
import { normaliseTags, type QuestionListFilter } from './questions.models.ts';
import { authorNameFor, contextForViewer, loadReadableQuestion, type QuestionContext } from './questions.access.ts';
import { canEditPost, canParticipate, canSeeAskerOf, isPseudonymousAsker } from './questions.policies.ts';
import * as repo from './questions.repository.ts';
import { listCurrentLearningQuestions, type LearningQuestionRef } from '../frameworks/frameworks.repository.ts';
import * as revisionsRepo from './revisions.repository.ts';
import { findExpertise } from '../accounts/accounts.repository.ts';
import type { QuestionListRow, QuestionRow } from './questions.repository.ts';
import type { AskQuestionInput, EditQuestionInput } from './questions.schemas.ts';

type ReadDeps = Pick<Deps, 'db'>;
type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

export const questionSearchDocument = (q: Pick<QuestionRow, 'id' | 'communityId' | 'title' | 'body' | 'tags' | 'kind' | 'createdAt'>) => ({
  id: q.id,
  kind: 'question' as const,
  communityId: q.communityId,
  parentId: null,
  title: q.title,
  body: q.body,
  tags: q.tags,
  questionKind: q.kind,
  createdAt: q.createdAt,
});

/** Members mentioned as "@Name" hear about it through the notifications capability. */
export async function announceMentions(db: DbOrTx, emit: Emit, where: { questionId: string; communityId: string; byPseudonymousAsker: boolean }, actor: Actor, text: string, subject: { answerId?: string; commentId?: string } = {}): Promise<void> {
  const mentioned = (await members.findMentionedMembers(db, where.communityId, text)).filter((id) => id !== actor.userId);
  if (mentioned.length > 0) emit('mention', { ...where, actorId: actor.userId, userIds: mentioned, ...subject });
}

export interface AskForm {
  communityId: string;
  communitySlug: string;
  communityName: string;
  allowsPseudonymous: boolean;
  /** The current framework's learning questions, to link the question to one. */
  learningQuestions: LearningQuestionRef[];
}

/** What the ask form needs; only active members may ask. */
export async function prepareAsk(deps: ReadDeps, actor: Actor, ref: CommunityRef): Promise<AskForm> {
  const community = await loadVisibleCommunity(deps.db, actor, ref);
  if (!canParticipate(actor, community)) throw createNotMemberError();
  const learningQuestions = await listCurrentLearningQuestions(deps.db, community.id);
  return { communityId: community.id, communitySlug: community.slug, communityName: community.name, allowsPseudonymous: community.allowPseudonymousQuestions, learningQuestions };
}

export async function askQuestion(deps: WriteDeps, actor: Actor, ref: CommunityRef, input: AskQuestionInput): Promise<{ id: string }> {
  const id = deps.ids.uuid();
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadVisibleCommunity(tx, actor, ref);
    if (!canParticipate(actor, community)) throw createNotMemberError();
    const isPseudonymous = input.isPseudonymous ?? false;
    if (isPseudonymous && !community.allowPseudonymousQuestions) throw createPseudonymNotAllowedError();
    // Only a learning question of the community's current framework.
    const learningQuestionId = input.learningQuestionId ?? null;
    if (learningQuestionId && !(await listCurrentLearningQuestions(tx, community.id)).some((lq) => lq.id === learningQuestionId)) throw createLearningQuestionUnknownError();
    const now = deps.clock.now();
    const tags = normaliseTags(input.tags ?? []);
    const question = { id, communityId: community.id, authorId: actor.userId, kind: input.kind, title: input.title, body: input.body, tags, isPseudonymous, learningQuestionId, now };
    await repo.insertQuestion(tx, question);
    await revisionsRepo.insertRevision(tx, { id: deps.ids.uuid(), questionId: id, answerId: null, editorId: actor.userId, title: input.title, body: input.body, tags, now });
    await repo.setFollow(tx, id, actor.userId, true, now);
    await indexDocument(tx, questionSearchDocument({ ...question, createdAt: now }), { isNew: true });
    emit('question.asked', { questionId: id, communityId: community.id, actorId: actor.userId, isPseudonymous, tags, learningQuestionId });
    await announceMentions(tx, emit, { questionId: id, communityId: community.id, byPseudonymousAsker: isPseudonymous }, actor, `${input.title}\n${input.body}`);
  });
  return { id };
}

export async function editQuestion(deps: WriteDeps, actor: Actor, questionId: string, input: EditQuestionInput): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { question, community } = await loadReadableQuestion(tx, actor, questionId, { lock: true });
    if (!canEditPost(actor, community, question)) throw createForbiddenError();
    const next = { kind: input.kind ?? question.kind, title: input.title ?? question.title, body: input.body ?? question.body, tags: input.tags ? normaliseTags(input.tags) : question.tags };
    const unchanged = next.kind === question.kind && next.title === question.title && next.body === question.body && next.tags.join(',') === question.tags.join(',');
    if (unchanged) return;
    const now = deps.clock.now();
    await repo.updateQuestionContent(tx, question.id, next, now);
    await revisionsRepo.insertRevision(tx, { id: deps.ids.uuid(), questionId: question.id, answerId: null, editorId: actor.userId, title: next.title, body: next.body, tags: next.tags, now });
    await indexDocument(tx, questionSearchDocument({ ...question, ...next }));
    // The answers' documents carry the question's title, tags and kind.
    if (next.title !== question.title || next.kind !== question.kind || next.tags.join(',') !== question.tags.join(',')) {
      await updateChildDocuments(tx, question.id, { title: next.title, tags: next.tags, questionKind: next.kind });
    }
    emit('question.edited', { questionId: question.id, communityId: community.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, question), minor: input.minor === true });
  });
}

export async function prepareQuestionEdit(deps: ReadDeps, actor: Actor, questionId: string): Promise<QuestionRow> {
  const { question, community } = await loadReadableQuestion(deps.db, actor, questionId);
  if (!canEditPost(actor, community, question)) throw createForbiddenError();
  return question;
}

export async function setFollowing(deps: WriteDeps, actor: Actor, questionId: string, follow: boolean): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { question } = await loadReadableQuestion(tx, actor, questionId);
    await repo.setFollow(tx, question.id, actor.userId, follow, deps.clock.now());
    emit(follow ? 'question.followed' : 'question.unfollowed', { questionId: question.id, actorId: actor.userId, byPseudonymousAsker: isPseudonymousAsker(actor, question) });
  });
}

export interface QuestionListItem extends Omit<QuestionListRow, 'authorId' | 'authorName'> {
  /** Both null when the question is pseudonymous and the viewer may not know who asked. */
  authorId: string | null;
  authorName: string | null;
}

/** Strips the asker's identity from pseudonymous questions before anything is rendered. */
function listItem(actor: Actor, row: QuestionListRow, seesAskers: boolean): QuestionListItem {
  const { authorId, authorName, ...rest } = row;
  const mayKnow = !row.isPseudonymous || seesAskers || authorId === actor.userId;
  return { ...rest, authorId: mayKnow ? authorId : null, authorName: mayKnow ? authorName : null };
}

export interface CommunityQuestions {
  community: { id: string; slug: string; name: string };
  page: Page<QuestionListItem>;
  canAsk: boolean;
}

export async function listQuestions(deps: ReadDeps, actor: Actor, ref: CommunityRef, filter: QuestionListFilter): Promise<CommunityQuestions> {
  // Both at once: the rows are thrown away with an error when the community may not be seen.
  const [community, rows] = await Promise.all([loadVisibleCommunity(deps.db, actor, ref), repo.listCommunityQuestions(deps.db, ref, actor.userId, filter)]);
  // Whether this viewer may know pseudonymous askers at all (the community's facilitators).
  const seesAskers = canSeeAskerOf(actor, community, { isPseudonymous: true, authorId: null });
  const page = toPage(rows, filter);
  return {
    community: { id: community.id, slug: community.slug, name: community.name },
    page: { ...page, items: page.items.map((row) => listItem(actor, row, seesAskers)) },
    canAsk: canParticipate(actor, community),
  };
}

/**
 * Across my communities: questions I could answer (they match my expertise tags) or my own.
 * Moderator rights are not looked up per row here: in these lists a pseudonymous asker is shown
 * only to themselves.
 */
export async function listMyQuestions(deps: ReadDeps, actor: Actor, list: 'answerable' | 'mine', paging: Paging): Promise<{ page: Page<QuestionListItem>; expertise: string[] }> {
  const expertise = await findExpertise(deps.db, actor.userId);
  const rows = list === 'mine' ? await repo.listQuestionsBy(deps.db, actor.userId, paging) : await repo.listAnswerableQuestions(deps.db, actor.userId, expertise, paging);
  const page = toPage(rows, paging);
  return { page: { ...page, items: page.items.map((row) => listItem(actor, row, false)) }, expertise };
}

export interface RevisionView {
  id: string;
  editorName: string | null;
  title: string | null;
  body: string;
  tags: string[] | null;
  createdAt: Date;
}

/** Every version of a question (or of one of its answers), for whoever may read the question. */
export async function listQuestionRevisions(deps: ReadDeps, actor: Actor, questionId: string, answer?: { id: string; authorId: string | null }): Promise<{ context: QuestionContext; revisions: RevisionView[] }> {
  const context = await loadReadableQuestion(deps.db, actor, questionId);
  const rows = await revisionsRepo.listRevisions(deps.db, context.question.id, answer?.id ?? null, 200);
  const revisions = rows.map((r) => ({ id: r.id, editorName: authorNameFor(actor, context, { authorId: r.editorId, authorName: r.editorName }), title: r.title, body: r.body, tags: r.tags, createdAt: r.createdAt }));
  return { context: contextForViewer(actor, context), revisions };
}


export type LearningQuestionSignals = Omit<repo.LearningQuestionSignalRow, 'learningQuestionId'>;

/**
 * What the framework page shows per learning question: aggregates of the community's questions
 * linked to it. The caller has already checked that the actor may read the community's framework.
 */
export async function signalsPerLearningQuestion(deps: ReadDeps, communityId: string, learningQuestionIds: readonly string[]): Promise<Map<string, LearningQuestionSignals>> {
  const rows = await repo.countByLearningQuestion(deps.db, communityId, learningQuestionIds);
  return new Map(rows.map(({ learningQuestionId, ...signals }) => [learningQuestionId, signals]));
}
