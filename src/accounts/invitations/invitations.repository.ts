import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Locale, OrgRole } from '../../platform/db/schema.ts';

/** All SQL for the invitations table. An invitation is open while not accepted, revoked or expired. */

const columns = ['id', 'organisation_id', 'email', 'role', 'locale', 'invited_by', 'created_at', 'expires_at'] as const;

export const insertInvitation = (
  db: DbOrTx,
  invitation: { id: string; organisationId: string; email: string; role: OrgRole; locale: Locale; invitedBy: string; tokenHash: Buffer; now: Date; expiresAt: Date },
) =>
  db
    .insertInto('invitations')
    .values({
      id: invitation.id,
      organisation_id: invitation.organisationId,
      email: invitation.email.toLowerCase(),
      role: invitation.role,
      locale: invitation.locale,
      invited_by: invitation.invitedBy,
      token_hash: invitation.tokenHash,
      created_at: invitation.now,
      expires_at: invitation.expiresAt,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();

export const findOpenInvitationByTokenHash = (db: DbOrTx, tokenHash: Buffer, now: Date) =>
  db
    .selectFrom('invitations as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .select(['i.id', 'i.organisation_id', 'i.email', 'i.role', 'i.locale', 'o.name as organisation_name'])
    .where('i.token_hash', '=', tokenHash)
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', now)
    .executeTakeFirst();

/** Accepts in one statement, so the same link cannot create two accounts. */
export async function markInvitationAccepted(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const listOpenInvitations = (db: DbOrTx, organisationId: string, now: Date, page: { offset: number; limit: number }) =>
  db
    .selectFrom('invitations')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

/** Revokes one open invitation of the organisation; false when there is none. */
export async function revokeInvitation(db: DbOrTx, id: string, organisationId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Advisory locks with two int4 keys never meet the one-bigint-key locks (the migration lock).
const INVITATION_LOCK_SPACE = 4_242_002;

/**
 * Invitations to one address of one organisation are sent one at a time, until the transaction
 * ends: a second sender waits here, and then revokes the first one's invitation instead of
 * colliding with it on invitations_open_email_key.
 */
export async function lockInvitationsTo(tx: DbOrTx, organisationId: string, email: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(INVITATION_LOCK_SPACE)}, hashtext(${`${organisationId}:${email.toLowerCase()}`}))`.execute(tx);
}

/**
 * A new invitation to the same address replaces older open ones: only the newest link works.
 * Call it in the transaction that inserts the new one; the unique index
 * invitations_open_email_key (organisation, address, while open) enforces the rule.
 */
export async function revokeOpenInvitationsTo(db: DbOrTx, organisationId: string, email: string, now: Date): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('organisation_id', '=', organisationId)
    .where('email', '=', email.toLowerCase())
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Another transaction invited the same address at the same moment and committed first. */
export const isOpenInvitationConflict = (error: unknown): boolean => {
  const pgError = error as { code?: string; constraint?: string } | undefined;
  return pgError?.code === '23505' && pgError.constraint === 'invitations_open_email_key';
};
