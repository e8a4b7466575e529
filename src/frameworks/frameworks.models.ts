import type { QuestionKind } from '../platform/db/schema.ts';
import { diffLines, type Change } from '../questions/questions.models.ts';

/** A framework (kader) has these text sections, in this order on every page and in every diff. */
export const SECTIONS = ['purpose', 'room', 'constraints', 'indicators'] as const;
export type Section = (typeof SECTIONS)[number];

/** A learning question (leervraag): its id stays the same across versions while its wording is sharpened. */
export interface LearningQuestion {
  id: string;
  kind: QuestionKind;
  text: string;
  explanation: string;
}

export interface FrameworkContent {
  purpose: string;
  room: string;
  constraints: string;
  indicators: string;
  /** YYYY-MM-DD, or null when no review date is set. */
  reviewDate: string | null;
  learningQuestions: LearningQuestion[];
}

export const emptyContent = (): FrameworkContent => ({ purpose: '', room: '', constraints: '', indicators: '', reviewDate: null, learningQuestions: [] });

/** A change note is required from version 2 on: the first version has nothing to explain yet. */
export const MIN_CHANGE_NOTE = 10;
export const needsChangeNote = (versionNumber: number) => versionNumber > 1;

export type DiffStatus = 'same' | 'added' | 'removed' | 'changed';

export interface SectionDiff {
  section: Section;
  status: DiffStatus;
  changes: Change[];
}

export interface LearningQuestionDiff {
  id: string;
  status: DiffStatus;
  before: LearningQuestion | null;
  after: LearningQuestion | null;
  text: Change[];
  explanation: Change[];
}

export interface FrameworkDiff {
  sections: SectionDiff[];
  reviewDate: { status: DiffStatus; before: string | null; after: string | null };
  learningQuestions: LearningQuestionDiff[];
}

function statusOf(before: string, after: string): DiffStatus {
  if (before === after) return 'same';
  if (before === '') return 'added';
  if (after === '') return 'removed';
  return 'changed';
}

const linesOf = (before: string, after: string): Change[] => (before === after ? [] : diffLines(before, after).filter((c) => c.text !== '' || c.kind === 'same'));

function diffLearningQuestion(before: LearningQuestion | null, after: LearningQuestion | null): LearningQuestionDiff {
  const id = (after ?? before)!.id;
  if (!before) return { id, status: 'added', before, after, text: [], explanation: [] };
  if (!after) return { id, status: 'removed', before, after, text: [], explanation: [] };
  const same = before.kind === after.kind && before.text === after.text && before.explanation === after.explanation;
  return { id, status: same ? 'same' : 'changed', before, after, text: linesOf(before.text, after.text), explanation: linesOf(before.explanation, after.explanation) };
}

/**
 * What changed from one version to another: per section, the review date, and per learning
 * question matched by its stable id (so a reworded question is "changed", not removed and added).
 * Learning questions follow the newer version's order; removed ones come last.
 */
export function diffFrameworks(before: FrameworkContent, after: FrameworkContent): FrameworkDiff {
  const sections = SECTIONS.map((section) => ({ section, status: statusOf(before[section], after[section]), changes: linesOf(before[section], after[section]) }));
  const beforeById = new Map(before.learningQuestions.map((q) => [q.id, q]));
  const afterIds = new Set(after.learningQuestions.map((q) => q.id));
  const learningQuestions = [
    ...after.learningQuestions.map((q) => diffLearningQuestion(beforeById.get(q.id) ?? null, q)),
    ...before.learningQuestions.filter((q) => !afterIds.has(q.id)).map((q) => diffLearningQuestion(q, null)),
  ];
  const reviewDate = { status: statusOf(before.reviewDate ?? '', after.reviewDate ?? ''), before: before.reviewDate, after: after.reviewDate };
  return { sections, reviewDate, learningQuestions };
}

export const hasChanges = (diff: FrameworkDiff) =>
  diff.sections.some((s) => s.status !== 'same') || diff.reviewDate.status !== 'same' || diff.learningQuestions.some((q) => q.status !== 'same');
