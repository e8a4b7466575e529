import type { DbOrTx } from '../platform/db/database.ts';
import type { NewUser, UserRow, UserUpdate } from '../platform/db/schema.ts';

/** All SQL for users, sessions, access tokens and one-time tokens. */

export const findUserByEmail = (db: DbOrTx, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export const findUserById = (db: DbOrTx, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertUser(db: DbOrTx, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values({ ...user, email: user.email.toLowerCase() }).returningAll().executeTakeFirstOrThrow();
}

/** Inserts the user unless the address is taken (also by a concurrent request): then undefined. */
export async function insertUserIfEmailFree(db: DbOrTx, user: NewUser): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values({ ...user, email: user.email.toLowerCase() })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateUser(db: DbOrTx, id: string, changes: UserUpdate): Promise<void> {
  await db.updateTable('users').set({ ...changes, updated_at: new Date() }).where('id', '=', id).execute();
}

/**
 * Gives a still-pending account the newest sign-up's name and password. False when it is no
 * longer pending: the owner may have verified it meanwhile, and an active account's password
 * must never be set by a sign-up form.
 */
export async function refreshPendingUser(db: DbOrTx, id: string, changes: Pick<UserUpdate, 'name' | 'password_hash' | 'locale'>): Promise<boolean> {
  const result = await db.updateTable('users').set({ ...changes, updated_at: new Date() }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Activates a pending user; false when the user is no longer pending (e.g. deactivated meanwhile). */
export async function activatePendingUser(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ status: 'active', email_verified_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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

/** One page of live sessions, newest activity first, plus one row to tell whether more follow. */
export const listSessionsOfUser = (db: DbOrTx, userId: string, now: Date, page = { offset: 0, limit: 100 }) =>
  db
    .selectFrom('sessions')
    .select(['id', 'user_agent', 'ip', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export async function deleteExpiredSessions(db: DbOrTx, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function revokeAccessTokensOfUser(db: DbOrTx, userId: string, now: Date): Promise<void> {
  await db.updateTable('access_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
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

export const insertAccessToken = (
  db: DbOrTx,
  token: { id: string; userId: string; name: string; tokenHash: Buffer; scope: 'read' | 'read_write'; now: Date },
) =>
  db
    .insertInto('access_tokens')
    .values({ id: token.id, user_id: token.userId, name: token.name, token_hash: token.tokenHash, scope: token.scope, created_at: token.now })
    .returning(['id', 'name', 'scope', 'created_at', 'last_used_at'])
    .executeTakeFirstOrThrow();

export const listAccessTokensOfUser = (db: DbOrTx, userId: string, page: { offset: number; limit: number }) =>
  db
    .selectFrom('access_tokens')
    .select(['id', 'name', 'scope', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

/** Revokes one of the user's own tokens; false when there is no such live token. */
export async function revokeAccessToken(db: DbOrTx, id: string, userId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('access_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type OneTimePurpose = 'verify_email' | 'reset_password';

export async function insertOneTimeToken(
  db: DbOrTx,
  token: { id: string; userId: string; purpose: OneTimePurpose; tokenHash: Buffer; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({ id: token.id, user_id: token.userId, purpose: token.purpose, token_hash: token.tokenHash, created_at: token.now, expires_at: token.expiresAt })
    .execute();
}

/** An unused, unexpired link with its user; the caller checks the user's status. */
export const findLiveOneTimeToken = (db: DbOrTx, tokenHash: Buffer, purpose: OneTimePurpose, now: Date) =>
  db
    .selectFrom('one_time_tokens as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.id as token_id', 'u.id as user_id', 'u.organisation_id', 'u.email', 'u.name', 'u.locale', 'u.status', 'u.password_hash'])
    .where('o.token_hash', '=', tokenHash)
    .where('o.purpose', '=', purpose)
    .where('o.used_at', 'is', null)
    .where('o.expires_at', '>', now)
    .executeTakeFirst();

/** Marks a link used in one statement, so two simultaneous uses cannot both succeed. */
export async function consumeOneTimeToken(db: DbOrTx, tokenId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('id', '=', tokenId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteUnusedOneTimeTokens(db: DbOrTx, userId: string, purpose: OneTimePurpose): Promise<void> {
  await db.deleteFrom('one_time_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

export async function deleteExpiredOneTimeTokens(db: DbOrTx, now: Date): Promise<void> {
  await db.deleteFrom('one_time_tokens').where('expires_at', '<', now).execute();
}

/** The expertise tags on a user's profile, lower-cased (they are matched against question tags). */
export async function findExpertise(db: DbOrTx, userId: string): Promise<string[]> {
  const row = await db.selectFrom('users').select('expertise').where('id', '=', userId).executeTakeFirst();
  return [...new Set((row?.expertise ?? []).map((tag) => tag.toLowerCase()))];
}

/** Active managers and administrators of an organisation, for mail about what they steer. */
export async function listActiveManagers(db: DbOrTx, organisationId: string): Promise<{ id: string; email: string; name: string; locale: 'nl' | 'en' }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'active')
    .where('role', 'in', ['manager', 'admin'])
    .orderBy('id')
    .limit(200)
    .execute();
}
