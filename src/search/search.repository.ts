import { sql, type RawBuilder } from 'kysely';
import { visibleCommunitySql } from '../communities/communities.policies.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db, DbOrTx } from '../platform/db/database.ts';
import { TIME_ZONE } from '../platform/i18n/i18n.ts';
import { pageWindow, type Paging } from '../platform/paging.ts';
import { CANDIDATE_LIMIT, MATCH_END, MATCH_START, toWebsearchSyntax, type SearchFilter } from './search.models.ts';

/**
 * The read side of search, and the miss counts. Every query starts from the communities the
 * actor may see (visibleCommunitySql, the same rule as everywhere), so what the actor may not
 * see is never read, ranked, counted, highlighted or suggested: filtering happens here, in SQL.
 */

/**
 * Runs `work` in a transaction that PostgreSQL ends after `timeoutMs` (SQLSTATE 57014), so one
 * heavy search cannot hold a connection or a CPU for long. Rolling back leaves the pooled
 * connection clean. Plans are made for the actual words (a generic plan cannot know whether a
 * word is rare or common, and the right plan differs), and JIT compiling costs more than it saves here.
 */
export async function inBoundedTransaction<T>(db: Db, timeoutMs: number, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  const timeout = sql.lit(String(Math.max(1, Math.trunc(timeoutMs))));
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('statement_timeout', ${timeout}, true), set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true)`.execute(tx);
    return work(tx);
  });
}

/** The communities the actor may see, optionally only the one with `slug`. */
const visibleCommunities = (actor: Actor, slug?: string) =>
  sql`SELECT c.id, c.slug, c.name FROM communities c WHERE ${visibleCommunitySql(actor)}${slug ? sql` AND c.slug = ${slug}` : sql``}`;

/**
 * Membership in the visible set as a filter on the scan (a hashed subplan), not a join: the
 * planner then still walks the newest documents first for common words, and checks each row
 * against a hash table rather than looping over the communities.
 */
const inVisible = (column: RawBuilder<unknown>) => sql`(${column} IN (SELECT v.id FROM visible v)) IS TRUE`;

const headlineOptions = (extra: string) => `StartSel="${MATCH_START}", StopSel="${MATCH_END}", ${extra}`;
const TITLE_HEADLINE = headlineOptions('HighlightAll=true');
const BODY_HEADLINE = headlineOptions('MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "');

function filterSql(filter: SearchFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (filter.kind) parts.push(sql`AND d.kind = ${filter.kind}`);
  if (filter.questionKind) parts.push(sql`AND d.question_kind = ${filter.questionKind}`);
  if (filter.tag) parts.push(sql`AND d.tags @> ARRAY[${filter.tag}]::text[]`);
  const zone = sql.lit(TIME_ZONE);
  if (filter.from) parts.push(sql`AND d.created_at >= (${filter.from}::date)::timestamp AT TIME ZONE ${zone}`);
  if (filter.to) parts.push(sql`AND d.created_at < (${filter.to}::date + 1)::timestamp AT TIME ZONE ${zone}`);
  return sql.join(parts, sql` `);
}

export interface SearchRow {
  id: string;
  kind: string;
  parentId: string | null;
  communityId: string;
  communitySlug: string;
  communityName: string;
  tags: string[];
  questionKind: string | null;
  createdAt: Date;
  /** ts_headline output, with MATCH_START/MATCH_END around matches. */
  titleHighlight: string;
  snippet: string;
}

interface RawSearchRow {
  total: number;
  id: string | null;
  kind: string;
  parent_id: string | null;
  community_id: string;
  community_slug: string;
  community_name: string;
  tags: string[];
  question_kind: string | null;
  created_at: Date;
  title_highlight: string;
  snippet: string;
}

/**
 * A practice story shown in several communities has a document per community; the reader gets it
 * once: a share's document is skipped when the reader also sees the story's own document, or an
 * earlier share's (by id) of the same story.
 */
const isNotAnotherCopy = sql`NOT (d.kind = 'practice' AND d.parent_id IS NOT NULL AND (
  EXISTS (SELECT 1 FROM search_documents h WHERE h.id = d.parent_id AND ${inVisible(sql.ref('h.community_id'))})
  OR EXISTS (SELECT 1 FROM search_documents s WHERE s.kind = 'practice' AND s.parent_id = d.parent_id AND s.id < d.id AND ${inVisible(sql.ref('s.community_id'))})))`;

/**
 * One page of results and the (capped) count, in one statement:
 *   1. candidates: the newest CANDIDATE_LIMIT + 1 visible documents that match, ranked
 *      (ts_rank_cd) while their search vector is at hand, so it is never read twice. A common
 *      word walks search_documents_recent_idx newest first and stops early; a rare word goes
 *      through the GIN index.
 *   2. ranked: one page of the candidates, best first.
 *   3. the page: ts_headline (the expensive part) for those rows alone.
 * With a community filter the walk uses search_documents_community_idx instead.
 */
export async function searchDocuments(db: DbOrTx, actor: Actor, filter: SearchFilter): Promise<{ total: number; rows: SearchRow[] }> {
  const query = sql`websearch_to_tsquery('leerkring_nl', ${toWebsearchSyntax(filter.q)})`;
  const community = filter.communitySlug
    ? sql`d.community_id = (SELECT v.id FROM visible v)`
    : inVisible(sql.ref('d.community_id'));
  const { limit, offset } = pageWindow(filter);
  const result = await sql<RawSearchRow>`
    WITH visible AS MATERIALIZED (${visibleCommunities(actor, filter.communitySlug)}),
    candidates AS MATERIALIZED (
      SELECT d.id, d.created_at, ts_rank_cd(d.search, ${query}) AS rank FROM search_documents d
      WHERE ${community} AND d.search @@ ${query} ${filterSql(filter)} AND ${isNotAnotherCopy}
      ORDER BY d.created_at DESC
      LIMIT ${CANDIDATE_LIMIT + 1}
    ),
    ranked AS (
      SELECT c.id, c.created_at, c.rank FROM candidates c
      ORDER BY c.rank DESC, c.created_at DESC, c.id
      LIMIT ${limit} OFFSET ${offset}
    )
    SELECT t.total, r.*
    FROM (SELECT count(*)::int AS total FROM candidates) t
    LEFT JOIN LATERAL (
      SELECT d.id, d.kind, d.parent_id, d.tags, d.question_kind, d.created_at, p.rank,
             v.id AS community_id, v.slug AS community_slug, v.name AS community_name,
             ts_headline('leerkring_nl', d.title, ${query}, ${TITLE_HEADLINE}) AS title_highlight,
             ts_headline('leerkring_nl', d.body, ${query}, ${BODY_HEADLINE}) AS snippet
      FROM ranked p
      JOIN search_documents d ON d.id = p.id
      JOIN visible v ON v.id = d.community_id
    ) r ON true
    ORDER BY r.rank DESC NULLS LAST, r.created_at DESC, r.id`.execute(db);
  const total = result.rows[0]?.total ?? 0;
  const rows = result.rows
    .filter((row) => row.id !== null)
    .map((row) => ({
      id: row.id as string,
      kind: row.kind,
      parentId: row.parent_id,
      communityId: row.community_id,
      communitySlug: row.community_slug,
      communityName: row.community_name,
      tags: row.tags,
      questionKind: row.question_kind,
      createdAt: row.created_at,
      titleHighlight: row.title_highlight,
      snippet: row.snippet,
    }));
  return { total, rows };
}

/**
 * For each word, the most similar title word (pg_trgm) in a community the actor may see, most
 * used first. A word that is itself in a visible title, or shares its stem with one
 * (`gemeenten`, `gemeente`), comes back as itself: it is no typo.
 */
export async function findSimilarWords(db: DbOrTx, actor: Actor, words: readonly string[], communitySlug?: string): Promise<Map<string, string>> {
  if (words.length === 0) return new Map();
  const result = await sql<{ word: string; suggestion: string | null }>`
    WITH visible AS MATERIALIZED (${visibleCommunities(actor, communitySlug)})
    SELECT i.word, CASE WHEN best.is_same_stem THEN i.word ELSE best.word END AS suggestion
    FROM unnest(${[...words]}::text[]) AS i(word)
    LEFT JOIN LATERAL (
      SELECT w.word, to_tsvector('leerkring_nl', w.word) @@ plainto_tsquery('leerkring_nl', i.word) AS is_same_stem
      FROM search_words w
      WHERE w.word % i.word AND ${inVisible(sql.ref('w.community_id'))}
      GROUP BY w.word
      ORDER BY is_same_stem DESC, similarity(w.word, i.word) DESC, sum(w.documents) DESC, w.word
      LIMIT 1
    ) best ON true`.execute(db);
  return new Map(result.rows.filter((r) => r.suggestion !== null).map((r) => [r.word, r.suggestion as string]));
}

/** Counts one miss per community, per day; who searched is not stored. */
export async function recordMiss(db: DbOrTx, actor: Actor, miss: { query: string; day: string; communitySlugs: readonly string[] }): Promise<void> {
  if (miss.communitySlugs.length === 0) return;
  // Only communities the actor may see, so a crafted filter cannot write into another community's list.
  await sql`
    INSERT INTO search_misses (community_id, day, query, count)
    SELECT c.id, ${miss.day}::date, ${miss.query}, 1 FROM communities c
    WHERE c.slug = ANY(${[...miss.communitySlugs]}::text[]) AND ${visibleCommunitySql(actor)}
    ORDER BY c.id
    ON CONFLICT (community_id, day, query) DO UPDATE SET count = search_misses.count + 1`.execute(db);
}

export interface MissRow {
  query: string;
  count: number;
  lastDay: string;
}

/** The most frequent missed queries of one community since `since` (YYYY-MM-DD), most frequent first. */
export async function listMisses(db: DbOrTx, communityId: string, since: string, paging: Paging): Promise<MissRow[]> {
  const { limit, offset } = pageWindow(paging);
  const rows = await db
    .selectFrom('search_misses')
    .select(['query', sql<number>`sum(count)::int`.as('count'), sql<string>`to_char(max(day), 'YYYY-MM-DD')`.as('last_day')])
    .where('community_id', '=', communityId)
    .where('day', '>=', since)
    .groupBy('query')
    .orderBy(sql`sum(count)`, 'desc')
    .orderBy(sql`max(day)`, 'desc')
    .orderBy('query')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ query: r.query, count: r.count, lastDay: r.last_day }));
}

export interface SimilarRow {
  id: string;
  title: string;
  communityName: string;
  createdAt: Date;
}

/**
 * Questions that look like `title`, in communities the actor may see: trigram word similarity
 * on the lower-cased title (search_documents_title_trgm_idx; it also catches typos and words
 * still being typed) together with full-text rank on any of the words (stemmed, accents
 * folded). Each part is bounded before anything is ranked. A question in `preferCommunityId`
 * wins a tie.
 */
export async function findSimilarQuestions(db: DbOrTx, actor: Actor, input: { probe: string; anyWords: string; preferCommunityId: string; limit: number }): Promise<SimilarRow[]> {
  const anyWords = input.anyWords ? sql`to_tsquery('leerkring_nl', ${input.anyWords})` : sql`NULL::tsquery`;
  const probe = input.probe;
  const result = await sql<{ id: string; title: string; community_name: string; created_at: Date }>`
    WITH visible AS MATERIALIZED (${visibleCommunities(actor)}),
    by_title AS (
      SELECT d.id FROM search_documents d
      WHERE d.kind = 'question' AND ${probe} <% lower(d.title) AND ${inVisible(sql.ref('d.community_id'))}
      ORDER BY word_similarity(${probe}, lower(d.title)) DESC, d.created_at DESC
      LIMIT 50
    ),
    by_text AS (
      SELECT d.id FROM search_documents d
      WHERE d.kind = 'question' AND d.search @@ ${anyWords} AND ${inVisible(sql.ref('d.community_id'))}
      ORDER BY d.created_at DESC
      LIMIT 100
    ),
    scored AS (
      SELECT d.id, d.title, d.community_id, d.created_at,
             word_similarity(${probe}, lower(d.title)) + coalesce(ts_rank_cd(d.search, ${anyWords}, 32), 0) AS score
      FROM search_documents d
      WHERE d.id IN (SELECT id FROM by_title UNION SELECT id FROM by_text)
    )
    SELECT s.id, s.title, v.name AS community_name, s.created_at
    FROM scored s JOIN visible v ON v.id = s.community_id
    WHERE s.score >= 0.3
    ORDER BY s.score + CASE WHEN s.community_id = ${input.preferCommunityId} THEN 0.05 ELSE 0 END DESC, s.created_at DESC, s.id
    LIMIT ${input.limit}`.execute(db);
  return result.rows.map((r) => ({ id: r.id, title: r.title, communityName: r.community_name, createdAt: r.created_at }));
}
