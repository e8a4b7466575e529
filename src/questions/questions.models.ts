import type { Paging } from '../platform/paging.ts';
import type { QuestionKind } from '../platform/db/schema.ts';

/** Pure rules of questions and answers: no I/O, unit-tested in questions.models.test.ts. */

export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const QUESTION_KINDS: readonly QuestionKind[] = ['what', 'how'];
export const MAX_INVITEES = 10;

export { isUuid, normaliseTags } from '../platform/text.ts';

export type QuestionFilter = 'all' | 'unanswered' | 'unsolved' | 'mine';
export type QuestionSort = 'newest' | 'active' | 'helped';
export const QUESTION_FILTERS: readonly QuestionFilter[] = ['all', 'unanswered', 'unsolved', 'mine'];
export const QUESTION_SORTS: readonly QuestionSort[] = ['newest', 'active', 'helped'];

export interface QuestionListFilter extends Paging {
  filter: QuestionFilter;
  sort: QuestionSort;
  tag: string;
  learningQuestionId: string | null;
}

export interface Change {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * What changed between two versions, line by line (longest common subsequence): the revision
 * view shows removed and added lines. Posts are at most 20,000 characters, so the table stays
 * small; past 250,000 line pairs (e.g. 500 × 500 lines) it falls back to "everything replaced",
 * so a page of versions of long posts stays a few milliseconds of work.
 */
export function diffLines(before: string, after: string): Change[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > 250_000) return [...a.map((text) => ({ kind: 'removed' as const, text })), ...b.map((text) => ({ kind: 'added' as const, text }))];
  const width = b.length + 1;
  // lcs[i * width + j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = new Int32Array((a.length + 1) * width);
  const at = (i: number, j: number) => lcs[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i * width + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  }
  const changes: Change[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const left = a[i];
    const right = b[j];
    if (left !== undefined && right !== undefined && left === right) {
      changes.push({ kind: 'same', text: left });
      i++;
      j++;
    } else if (left !== undefined && (right === undefined || at(i + 1, j) >= at(i, j + 1))) {
      changes.push({ kind: 'removed', text: left });
      i++;
    } else {
      changes.push({ kind: 'added', text: right ?? '' });
      j++;
    }
  }
  return changes;
}
