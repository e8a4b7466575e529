import type { DbOrTx } from '../platform/db/database.ts';
import type { NewUser, UserRow, UserUpdate } from '../platform/db/schema.ts';

/** All SQL for users, sessions, access tokens, one-time tokens and invitations. */

export const findUserByEmail = (db: DbOrTx, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export const findUserById = (db: DbOrTx, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertUser(db: DbOrTx, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values({ ...user, email: user.email.toLowerCase() }).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: DbOrTx, id: string, changes: UserUpdate): Promise<void> {
  await db.updateTable('users').set({ ...changes, updated_at: new Date() }).where('id', '=', id).execute();
}

export interface SessionActorRow {
  session_id: string;
  csrf_secret: string;
  last_seen_at: Date;
  user_id: string;
  organisation_id: string;
  name: string;
  email: string;
  locale: 'nl' | 'en';
  role: 'member' | 'manager' | 'admin';
  is_platform_admin: boolean;
}

/** The session and its user in one query; only live sessions of active users count. */
export function findLiveSession(db: DbOrTx, tokenHash: Buffer, now: Date): Promise<SessionActorRow | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 's.csrf_secret', 's.last_seen_at', 'u.id as user_id', 'u.organisation_id', 'u.name', 'u.email', 'u.locale', 'u.role', 'u.is_platform_admin'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

export async function insertSession(
  db: DbOrTx,
  session: { id: string; userId: string; tokenHash: Buffer; csrfSecret: string; userAgent: string; ip: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      token_hash: session.tokenHash,
      csrf_secret: session.csrfSecret,
      user_agent: session.userAgent.slice(0, 300),
      ip: session.ip,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function touchSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: DbOrTx, sessionId: string, userId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('id', '=', sessionId);
  if (userId) query = query.where('user_id', '=', userId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteSessionsOfUser(db: DbOrTx, userId: string, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

export const listSessionsOfUser = (db: DbOrTx, userId: string, now: Date) =>
  db
    .selectFrom('sessions')
    .select(['id', 'user_agent', 'ip', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .limit(100)
    .execute();

export async function deleteExpiredSessions(db: DbOrTx, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

/** A personal access token with its (active) user, for API authentication. */
export const findLiveAccessToken = (db: DbOrTx, tokenHash: Buffer) =>
  db
    .selectFrom('access_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.scope', 't.last_used_at', 'u.id as user_id', 'u.organisation_id', 'u.name', 'u.email', 'u.locale', 'u.role', 'u.is_platform_admin'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('u.status', '=', 'active')
    .executeTakeFirst();

export async function touchAccessToken(db: DbOrTx, tokenId: string, now: Date): Promise<void> {
  await db.updateTable('access_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}
