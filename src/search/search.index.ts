import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import { markdownToText } from '../platform/markdown.ts';

/**
 * The write side of search, called by each feature inside the transaction that changes the
 * item, so the index never shows something that was rolled back, hidden or deleted. Only
 * live items are indexed: hiding or deleting an item removes its row.
 */

export type SearchKind = 'question' | 'answer' | 'practice';

export interface SearchDocument {
  id: string;
  kind: SearchKind;
  communityId: string;
  /** The page a result links to: for an answer, its question. */
  parentId: string | null;
  title: string;
  /** Markdown source; stored as plain text. */
  body: string;
  tags: readonly string[];
  questionKind: string | null;
  createdAt: Date;
}

/** Words suggested for typos: letters only, at least four, folded like the search itself. */
export function titleWords(title: string): string[] {
  const words = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/\p{L}{4,40}/gu);
  return [...new Set(words ?? [])];
}

/** The characters search results use to mark matches (see search.models.ts) never come from a post. */
const withoutMarkers = (text: string) => text.replace(/[\u0002\u0003]/g, ' ');

/**
 * Adds or replaces one document. Only question titles feed the suggestion words, so only for a
 * question that may already be indexed is the old title read first; `isNew` says it is not.
 */
export async function indexDocument(db: DbOrTx, input: SearchDocument, options: { isNew?: boolean } = {}): Promise<void> {
  const doc = { ...input, title: withoutMarkers(input.title) };
  const body = withoutMarkers(markdownToText(doc.body));
  const previous = doc.kind === 'question' && !options.isNew
    ? await db.selectFrom('search_documents').select(['title', 'community_id']).where('id', '=', doc.id).forUpdate().executeTakeFirst()
    : undefined;
  await db
    .insertInto('search_documents')
    .values({
      id: doc.id,
      kind: doc.kind,
      community_id: doc.communityId,
      parent_id: doc.parentId,
      title: doc.title,
      body,
      tags: [...doc.tags],
      question_kind: doc.questionKind,
      created_at: doc.createdAt,
      search: sql`setweight(to_tsvector('leerkring_nl', ${doc.title}), 'A')
        || setweight(to_tsvector('leerkring_nl', ${doc.tags.join(' ')}), 'A')
        || setweight(to_tsvector('leerkring_nl', ${body}), 'B')`,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        body: eb.ref('excluded.body'),
        tags: eb.ref('excluded.tags'),
        question_kind: eb.ref('excluded.question_kind'),
        search: eb.ref('excluded.search'),
      })),
    )
    .execute();
  if (doc.kind !== 'question') return;
  if (previous) await countWords(db, previous.community_id, titleWords(previous.title), -1);
  await countWords(db, doc.communityId, titleWords(doc.title), 1);
}

/**
 * Documents that carry their parent's title, tags and kind (an answer: its question's) follow an
 * edit of the parent, so search never finds an edited-away title through them.
 */
export async function updateChildDocuments(db: DbOrTx, parentId: string, parent: { title: string; tags: readonly string[]; questionKind: string | null }): Promise<void> {
  const title = withoutMarkers(parent.title);
  await db
    .updateTable('search_documents')
    .set({
      title,
      tags: [...parent.tags],
      question_kind: parent.questionKind,
      search: sql`setweight(to_tsvector('leerkring_nl', ${title}), 'A')
        || setweight(to_tsvector('leerkring_nl', ${parent.tags.join(' ')}), 'A')
        || setweight(to_tsvector('leerkring_nl', body), 'B')`,
    })
    .where('parent_id', '=', parentId)
    .execute();
}

export async function removeFromIndex(db: DbOrTx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const removed = await db.deleteFrom('search_documents').where('id', 'in', ids).returning(['kind', 'title', 'community_id']).execute();
  for (const row of removed.filter((r) => r.kind === 'question')) await countWords(db, row.community_id, titleWords(row.title), -1);
}

/** Keeps search_words.documents equal to the number of live question titles holding the word. */
async function countWords(db: DbOrTx, communityId: string, words: string[], delta: 1 | -1): Promise<void> {
  if (words.length === 0) return;
  if (delta === 1) {
    await db
      .insertInto('search_words')
      .values(words.sort().map((word) => ({ community_id: communityId, word, documents: 1 })))
      .onConflict((oc) => oc.columns(['community_id', 'word']).doUpdateSet({ documents: sql`search_words.documents + 1` }))
      .execute();
    return;
  }
  await db.updateTable('search_words').set({ documents: sql`documents - 1` }).where('community_id', '=', communityId).where('word', 'in', words).execute();
  await db.deleteFrom('search_words').where('community_id', '=', communityId).where('word', 'in', words).where('documents', '<=', 0).execute();
}
