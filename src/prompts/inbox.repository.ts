import { sql } from 'kysely';
import { communityForUserJsonSql, communityFromJson, type CommunityJsonRow, type CommunityView } from '../communities/communities.repository.ts';
import { visibleCommunitySql } from '../communities/communities.policies.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { PromptDeliveryStatus, PromptKind } from '../platform/db/schema.ts';
import { isUuid } from '../platform/text.ts';

/** SQL of the recipient's side: the inbox, one delivery with its community, and answers. */

export interface InboxRow {
  occurrenceId: string;
  promptId: string;
  kind: PromptKind;
  text: string;
  communityName: string;
  communitySlug: string;
  deliveredAt: Date;
  closesAt: Date;
  isOpen: boolean;
  hasResponded: boolean;
}

/**
 * My delivered prompts in communities I may still see: open and unanswered first, then newest.
 * `onlyOpen` is the home page's block: still open and not answered.
 */
export async function listInbox(db: DbOrTx, actor: Actor, now: Date, window: { limit: number; offset: number }, options: { onlyOpen?: boolean } = {}): Promise<InboxRow[]> {
  const responded = sql<boolean>`EXISTS (SELECT 1 FROM prompt_responses r WHERE r.occurrence_id = d.occurrence_id AND r.user_id = d.user_id)`;
  const isOpenTodo = sql<boolean>`(d.closes_at > ${now}::timestamptz AND NOT ${responded})`;
  let query = db
    .selectFrom('prompt_deliveries as d')
    .innerJoin('prompts as p', 'p.id', 'd.prompt_id')
    .innerJoin('communities as c', 'c.id', 'p.community_id')
    .select(['d.occurrence_id', 'd.prompt_id', 'p.kind', 'p.text', 'c.name as community_name', 'c.slug as community_slug', 'd.delivered_at', 'd.closes_at', sql<boolean>`(d.closes_at > ${now}::timestamptz)`.as('is_open'), responded.as('has_responded')])
    .where('d.user_id', '=', actor.userId)
    .where('d.status', '=', 'delivered')
    .where(visibleCommunitySql(actor, 'c'));
  if (options.onlyOpen) query = query.where(isOpenTodo);
  const rows = await query.orderBy(isOpenTodo, 'desc').orderBy('d.delivered_at', 'desc').orderBy('d.occurrence_id').limit(window.limit).offset(window.offset).execute();
  return rows.map((r) => ({
    occurrenceId: r.occurrence_id, promptId: r.prompt_id, kind: r.kind, text: r.text, communityName: r.community_name, communitySlug: r.community_slug,
    deliveredAt: r.delivered_at as Date, closesAt: r.closes_at as Date, isOpen: r.is_open, hasResponded: r.has_responded,
  }));
}

export interface OccurrenceWithCommunity {
  occurrenceId: string;
  promptId: string;
  community: CommunityView;
  /** The actor's own delivery of it, if any. */
  delivery: { status: PromptDeliveryStatus; deliveredAt: Date | null; closesAt: Date | null } | null;
}

/** One occurrence, its community as the actor sees it, and the actor's delivery: one query. */
export async function findOccurrenceForUser(db: DbOrTx, occurrenceId: string, userId: string): Promise<OccurrenceWithCommunity | undefined> {
  if (!isUuid(occurrenceId)) return undefined;
  const row = await db
    .selectFrom('prompt_occurrences as o')
    .innerJoin('prompts as p', 'p.id', 'o.prompt_id')
    .leftJoin('prompt_deliveries as d', (join) => join.onRef('d.occurrence_id', '=', 'o.id').on('d.user_id', '=', userId))
    .select(['o.id', 'o.prompt_id', 'd.status', 'd.delivered_at', 'd.closes_at', communityForUserJsonSql(sql`p.community_id`, userId).as('community')])
    .where('o.id', '=', occurrenceId)
    .executeTakeFirst();
  if (!row?.community) return undefined;
  return {
    occurrenceId: row.id, promptId: row.prompt_id, community: communityFromJson(row.community as CommunityJsonRow),
    delivery: row.status ? { status: row.status, deliveredAt: row.delivered_at, closesAt: row.closes_at } : null,
  };
}

export interface MyResponse {
  choice: number | null;
  body: string;
  mayReuse: boolean;
  updatedAt: Date;
}

export async function findMyResponse(db: DbOrTx, occurrenceId: string, userId: string): Promise<MyResponse | undefined> {
  const r = await db.selectFrom('prompt_responses').select(['choice', 'body', 'may_reuse', 'updated_at']).where('occurrence_id', '=', occurrenceId).where('user_id', '=', userId).executeTakeFirst();
  return r && { choice: r.choice, body: r.body, mayReuse: r.may_reuse, updatedAt: r.updated_at };
}

/** Answers or changes the answer: one row per occurrence and person. Returns whether it was new. */
export async function upsertResponse(db: DbOrTx, r: { id: string; occurrenceId: string; userId: string; promptId: string; choice: number | null; body: string; mayReuse: boolean; now: Date }): Promise<boolean> {
  const row = await db
    .insertInto('prompt_responses')
    .values({ id: r.id, occurrence_id: r.occurrenceId, user_id: r.userId, prompt_id: r.promptId, choice: r.choice, body: r.body, may_reuse: r.mayReuse, created_at: r.now, updated_at: r.now })
    .onConflict((oc) => oc.columns(['occurrence_id', 'user_id']).doUpdateSet({ choice: r.choice, body: r.body, may_reuse: r.mayReuse, updated_at: r.now }))
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
  return row.inserted;
}

/** For a prompt whose answers are for the whole community: the answers of this occurrence, with names. */
export async function listOccurrenceResponses(db: DbOrTx, occurrenceId: string, limit: number): Promise<{ name: string; choice: number | null; body: string; updatedAt: Date }[]> {
  const rows = await db
    .selectFrom('prompt_responses as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.name', 'r.choice', 'r.body', 'r.updated_at'])
    .where('r.occurrence_id', '=', occurrenceId)
    .where('u.status', '=', 'active')
    .orderBy('r.created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ name: r.name, choice: r.choice, body: r.body, updatedAt: r.updated_at }));
}
