import { loadVisibleCommunity } from '../communities/communities.usecases.ts';
import type { CommunityRef, CommunityView } from '../communities/communities.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { inTransaction } from '../platform/events/events.ts';
import { createChangeNoteRequiredError, createFrameworkForbiddenError, createFrameworkNotFoundError, createNoDraftError } from './frameworks.errors.ts';
import { MIN_CHANGE_NOTE, diffFrameworks, emptyContent, needsChangeNote, type FrameworkContent, type FrameworkDiff, type LearningQuestion } from './frameworks.models.ts';
import { canWriteFramework } from './frameworks.policies.ts';
import * as repo from './frameworks.repository.ts';
import { countOpenUnclearByLearningQuestion } from './responses/responses.repository.ts';
import type { VersionRow, VersionSummary } from './frameworks.repository.ts';
import type { PublishInput, SaveDraftInput } from './frameworks.schemas.ts';
import { signalsPerLearningQuestion, type LearningQuestionSignals } from '../questions/questions.usecases.ts';
import { practicesPerLearningQuestion, type LearningQuestionPractices } from '../practices/practices.usecases.ts';

type ReadDeps = Pick<Deps, 'db'>;
type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

export interface FrameworkOverview {
  community: CommunityView;
  /** The newest published version, or null before the first publication. */
  current: VersionRow | null;
  /** Per learning question of the current version: aggregates of the questions linked to it. */
  signals: Map<string, LearningQuestionSignals>;
  /** Per learning question: practice stories shared about it and how often they were tried. */
  practiceSignals: Map<string, LearningQuestionPractices>;
  /** Per learning question: how many members flagged it "unclear in practice" and await an answer. */
  openUnclear: Map<string, number>;
  canWrite: boolean;
  /** Only for writers: whether a draft is waiting to be published. */
  hasDraft: boolean;
  /** The version this person saw last, when the current one is newer: the page says what changed. */
  changedSince: { number: number; notes: { number: number; changeNote: string }[] } | null;
}

/** The framework page: the current version for everyone who may see the community. */
export async function getCurrentFramework(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, ref: CommunityRef): Promise<FrameworkOverview> {
  const community = await loadVisibleCommunity(deps.db, actor, ref);
  const canWrite = canWriteFramework(actor, community);
  const frameworkId = await repo.findFrameworkId(deps.db, community.id);
  if (!frameworkId) return { community, current: null, signals: new Map(), practiceSignals: new Map(), openUnclear: new Map(), canWrite, hasDraft: false, changedSince: null };
  const [current, draft] = await Promise.all([repo.findLatestPublished(deps.db, frameworkId), canWrite ? repo.findDraft(deps.db, frameworkId) : undefined]);
  // Independent reads, at the same time.
  const learningQuestionIds = current?.learningQuestions.map((lq) => lq.id) ?? [];
  const [signals, practiceSignals, openUnclear, changedSince] = await Promise.all([
    signalsPerLearningQuestion(deps, community.id, learningQuestionIds),
    practicesPerLearningQuestion(deps, community.id, learningQuestionIds),
    countOpenUnclearByLearningQuestion(deps.db, frameworkId),
    current ? noteVisit(deps, actor, frameworkId, current.number) : null,
  ]);
  return { community, current: current ?? null, signals, practiceSignals, openUnclear, canWrite, hasDraft: Boolean(draft), changedSince };
}

/**
 * Remembers which version this person has now seen (a read that writes, like a read marker) and
 * says what changed since the version they saw before: the change notes in between.
 */
async function noteVisit(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, frameworkId: string, currentNumber: number): Promise<FrameworkOverview['changedSince']> {
  const seen = await repo.recordSeenVersion(deps.db, actor.userId, frameworkId, currentNumber, deps.clock.now());
  if (seen === null || seen >= currentNumber) return null;
  const versions = await repo.listPublished(deps.db, frameworkId);
  const notes = versions.filter((v) => v.number > seen && v.number <= currentNumber).map((v) => ({ number: v.number, changeNote: v.changeNote })).reverse();
  return { number: seen, notes };
}

export interface DraftView {
  community: CommunityView;
  /** The saved draft, or null when there is none yet (the form then starts from the current version). */
  draft: VersionRow | null;
  /** What the form shows: the draft, else the current version, else nothing. */
  content: FrameworkContent;
  /** The number this draft gets when published. */
  number: number;
}

/** The draft is for the writers only; to everyone else it does not exist. */
export async function getDraft(deps: ReadDeps, actor: Actor, ref: CommunityRef): Promise<DraftView> {
  const community = await loadVisibleCommunity(deps.db, actor, ref);
  if (!canWriteFramework(actor, community)) throw createFrameworkNotFoundError();
  const frameworkId = await repo.findFrameworkId(deps.db, community.id);
  if (!frameworkId) return { community, draft: null, content: emptyContent(), number: 1 };
  const draft = await repo.findDraft(deps.db, frameworkId);
  if (draft) return { community, draft, content: draft, number: draft.number };
  const [current, number] = await Promise.all([repo.findLatestPublished(deps.db, frameworkId), repo.nextVersionNumber(deps.db, frameworkId)]);
  return { community, draft: null, content: current ?? emptyContent(), number };
}

/**
 * Learning questions keep their id when the input names one of this framework's; anything else
 * (new, unknown, another framework's, a repeat) gets a new id, so an id never moves across frameworks.
 */
function assignIds(deps: WriteDeps, input: SaveDraftInput['learningQuestions'], known: Set<string>): { questions: LearningQuestion[]; newIds: string[] } {
  const used = new Set<string>();
  const newIds: string[] = [];
  const questions = input.map((q) => {
    let id = q.id ?? '';
    if (!known.has(id) || used.has(id)) {
      id = deps.ids.uuid();
      newIds.push(id);
    }
    used.add(id);
    return { id, kind: q.kind, text: q.text, explanation: q.explanation ?? '' };
  });
  return { questions, newIds };
}

/** Saves the one draft of the community's framework, creating the framework and the draft as needed. */
export async function saveDraft(deps: WriteDeps, actor: Actor, ref: CommunityRef, input: SaveDraftInput): Promise<VersionRow> {
  return inTransaction(deps.db, deps.events, async (tx) => {
    // The community row lock serialises writers: one draft, and version numbers without gaps or races.
    const community = await loadVisibleCommunity(tx, actor, ref, { lock: true });
    if (!canWriteFramework(actor, community)) throw createFrameworkForbiddenError();
    const now = deps.clock.now();
    const frameworkId = await repo.ensureFramework(tx, { id: deps.ids.uuid(), communityId: community.id, now });
    let draft = await repo.findDraft(tx, frameworkId, { lock: true });
    const versionId = draft?.id ?? deps.ids.uuid();
    if (!draft) await repo.insertDraft(tx, { id: versionId, frameworkId, number: await repo.nextVersionNumber(tx, frameworkId), createdBy: actor.userId, now });
    await repo.updateDraftContent(tx, versionId, { purpose: input.purpose, room: input.room, constraints: input.constraints, indicators: input.indicators, reviewDate: input.reviewDate });
    const { questions, newIds } = assignIds(deps, input.learningQuestions, await repo.listLearningQuestionIds(tx, frameworkId));
    await repo.insertLearningQuestions(tx, frameworkId, newIds, now);
    await repo.replaceDraftLearningQuestions(tx, versionId, questions);
    draft = await repo.findDraft(tx, frameworkId);
    return draft!;
  });
}

/** Publishing makes the draft the current version; from version 2 on it says what changed and why. */
export async function publishFramework(deps: WriteDeps, actor: Actor, ref: CommunityRef, input: PublishInput): Promise<VersionRow> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadVisibleCommunity(tx, actor, ref, { lock: true });
    if (!canWriteFramework(actor, community)) throw createFrameworkForbiddenError();
    const frameworkId = await repo.findFrameworkId(tx, community.id);
    const draft = frameworkId && (await repo.findDraft(tx, frameworkId, { lock: true }));
    if (!frameworkId || !draft) throw createNoDraftError();
    const changeNote = input.changeNote ?? '';
    if (needsChangeNote(draft.number) && changeNote.length < MIN_CHANGE_NOTE) throw createChangeNoteRequiredError();
    await repo.publishDraft(tx, draft.id, { changeNote, publishedBy: actor.userId, now: deps.clock.now() });
    emit('framework.published', { communityId: community.id, frameworkId, versionId: draft.id, number: draft.number, changeNote, actorId: actor.userId });
    return (await repo.findPublishedByNumbers(tx, frameworkId, [draft.number]))[0]!;
  });
}

async function frameworkOf(deps: ReadDeps, actor: Actor, ref: CommunityRef) {
  const community = await loadVisibleCommunity(deps.db, actor, ref);
  return { community, frameworkId: await repo.findFrameworkId(deps.db, community.id) };
}

/** The history with the change notes, newest first: for everyone who may see the community. */
export async function listFrameworkVersions(deps: ReadDeps, actor: Actor, ref: CommunityRef): Promise<{ community: CommunityView; versions: VersionSummary[] }> {
  const { community, frameworkId } = await frameworkOf(deps, actor, ref);
  return { community, versions: frameworkId ? await repo.listPublished(deps.db, frameworkId) : [] };
}

/** One published version; a draft's number is "not found" like any other. */
export async function getFrameworkVersion(deps: ReadDeps, actor: Actor, ref: CommunityRef, number: number): Promise<VersionRow> {
  const { frameworkId } = await frameworkOf(deps, actor, ref);
  const [version] = frameworkId ? await repo.findPublishedByNumbers(deps.db, frameworkId, [number]) : [];
  if (!version) throw createFrameworkNotFoundError();
  return version;
}

export interface VersionComparison {
  community: CommunityView;
  before: VersionRow;
  after: VersionRow;
  diff: FrameworkDiff;
}

/** Two published versions side by side; the older one is always "before". */
export async function compareFrameworkVersions(deps: ReadDeps, actor: Actor, ref: CommunityRef, a: number, b: number): Promise<VersionComparison> {
  const { community, frameworkId } = await frameworkOf(deps, actor, ref);
  const found = frameworkId ? await repo.findPublishedByNumbers(deps.db, frameworkId, [a, b]) : [];
  const before = found.find((v) => v.number === Math.min(a, b));
  const after = found.find((v) => v.number === Math.max(a, b));
  if (!before || !after) throw createFrameworkNotFoundError();
  return { community, before, after, diff: diffFrameworks(before, after) };
}

/**
 * An adopted proposal goes into the next draft, inside the caller's transaction (which holds the
 * community lock): the draft is started from the current version when there is none, then the
 * proposed text replaces the section or the learning question's wording. The manager edits the
 * draft further and publishes it as usual.
 */
export async function adoptIntoDraft(
  tx: DbOrTx,
  deps: Pick<Deps, 'ids' | 'clock'>,
  actorId: string,
  frameworkId: string,
  change: { target: 'purpose' | 'room' | 'constraints' | 'indicators' | 'learning_question'; learningQuestionId: string | null; text: string },
): Promise<void> {
  let draft = await repo.findDraft(tx, frameworkId, { lock: true });
  if (!draft) {
    const current = await repo.findLatestPublished(tx, frameworkId);
    const id = deps.ids.uuid();
    await repo.insertDraft(tx, { id, frameworkId, number: await repo.nextVersionNumber(tx, frameworkId), createdBy: actorId, now: deps.clock.now() });
    if (current) {
      await repo.updateDraftContent(tx, id, current);
      await repo.replaceDraftLearningQuestions(tx, id, current.learningQuestions);
    }
    draft = (await repo.findDraft(tx, frameworkId))!;
  }
  if (change.target === 'learning_question') {
    // A learning question is at most 300 characters; a longer proposal is cut there for the manager to edit.
    const questions = draft.learningQuestions.map((q) => (q.id === change.learningQuestionId ? { ...q, text: change.text.slice(0, 300) } : q));
    await repo.replaceDraftLearningQuestions(tx, draft.id, questions);
  } else {
    await repo.updateDraftContent(tx, draft.id, { ...draft, [change.target]: change.text });
  }
}
