import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';

/**
 * SQL of a member's prompt preferences. The two columns on users were added for prompts
 * (migration 0012) and are read and written only by this feature.
 */

export interface PromptPreferences {
  promptEmail: boolean;
  snoozedUntil: Date | null;
}

export async function findPreferences(db: DbOrTx, userId: string): Promise<PromptPreferences> {
  const row = await db.selectFrom('users').select(['prompt_email', 'prompts_snoozed_until']).where('id', '=', userId).executeTakeFirstOrThrow();
  return { promptEmail: row.prompt_email, snoozedUntil: row.prompts_snoozed_until };
}

export async function updatePreferences(db: DbOrTx, userId: string, change: { promptEmail?: boolean; snoozedUntil?: Date | null }): Promise<void> {
  const set: { prompt_email?: boolean; prompts_snoozed_until?: Date | null } = {};
  if (change.promptEmail !== undefined) set.prompt_email = change.promptEmail;
  if (change.snoozedUntil !== undefined) set.prompts_snoozed_until = change.snoozedUntil;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('users').set(set).where('id', '=', userId).execute();
}

export interface MyCommunityOptOut {
  communityId: string;
  name: string;
  slug: string;
  isOptedOut: boolean;
}

/** The communities I am an active member of, and whether I turned their prompts off. */
export async function listMyCommunities(db: DbOrTx, userId: string): Promise<MyCommunityOptOut[]> {
  const rows = await db
    .selectFrom('community_members as m')
    .innerJoin('communities as c', 'c.id', 'm.community_id')
    .select(['c.id', 'c.name', 'c.slug', sql<boolean>`EXISTS (SELECT 1 FROM prompt_opt_outs x WHERE x.user_id = m.user_id AND x.community_id = c.id)`.as('opted_out')])
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({ communityId: r.id, name: r.name, slug: r.slug, isOptedOut: r.opted_out }));
}

export async function setOptOut(db: DbOrTx, userId: string, communityId: string, isOptedOut: boolean, now: Date): Promise<void> {
  if (isOptedOut) await db.insertInto('prompt_opt_outs').values({ user_id: userId, community_id: communityId, created_at: now }).onConflict((oc) => oc.doNothing()).execute();
  else await db.deleteFrom('prompt_opt_outs').where('user_id', '=', userId).where('community_id', '=', communityId).execute();
}
