/** Test helpers for search: documents written through the real index (search.index.ts), as the features write them. */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import { indexDocument, type SearchDocument } from './search.index.ts';
import { PAGE_SIZE, type SearchFilter } from './search.models.ts';

let clock = Date.UTC(2025, 0, 1);

/** Indexes one document; ids and increasing creation times are filled in unless given. */
export async function indexTestDocument(deps: Pick<Deps, 'db'>, doc: Partial<SearchDocument> & Pick<SearchDocument, 'communityId' | 'title'>): Promise<SearchDocument> {
  clock += 60_000;
  const full: SearchDocument = {
    id: randomUUID(),
    kind: 'question',
    parentId: null,
    body: '',
    tags: [],
    questionKind: doc.kind === 'answer' ? null : 'how',
    createdAt: new Date(clock),
    ...doc,
  };
  await deps.db.transaction().execute((tx) => indexDocument(tx, full));
  return full;
}

/** An answer to `question`: it carries the question's title, tags and kind and links to it, as the questions feature indexes answers. */
export const indexTestAnswer = (deps: Pick<Deps, 'db'>, question: SearchDocument, body: string, extra: Partial<SearchDocument> = {}) =>
  indexTestDocument(deps, { kind: 'answer', communityId: question.communityId, parentId: question.id, title: question.title, tags: question.tags, questionKind: question.questionKind, body, ...extra });

export const searchFilter = (q: string, extra: Partial<SearchFilter> = {}): SearchFilter => ({ q, page: 1, pageSize: PAGE_SIZE, ...extra });
