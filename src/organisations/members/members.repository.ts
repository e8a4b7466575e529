import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { OrgRole, UserStatus } from '../../platform/db/schema.ts';
import { likePattern } from '../../platform/text.ts';
import type { Member } from './members.models.ts';

/**
 * All SQL of organisation membership administration: an organisation's users as members, their
 * role and status, and cutting a deactivated member's access. Accounts (log-in, profile) keep
 * their own SQL for the same tables in src/accounts.
 */

const MEMBER_COLUMNS = ['id', 'organisation_id', 'name', 'email', 'role', 'status', 'job_title', 'is_platform_admin', 'email_verified_at', 'created_at'] as const;

type MemberRow = {
  id: string;
  organisation_id: string;
  name: string;
  email: string;
  role: OrgRole;
  status: UserStatus;
  job_title: string;
  is_platform_admin: boolean;
  email_verified_at: Date | null;
  created_at: Date;
};

const toMember = (row: MemberRow): Member => ({
  id: row.id,
  organisationId: row.organisation_id,
  name: row.name,
  email: row.email,
  role: row.role,
  status: row.status,
  jobTitle: row.job_title,
  isPlatformAdmin: row.is_platform_admin,
  isEmailVerified: row.email_verified_at !== null,
  createdAt: row.created_at,
});

export interface MemberFilter {
  search?: string;
  role?: OrgRole;
  status?: UserStatus;
  limit: number;
  offset: number;
}

export async function listMembers(db: DbOrTx, organisationId: string, filter: MemberFilter): Promise<Member[]> {
  let query = db.selectFrom('users').select(MEMBER_COLUMNS).where('organisation_id', '=', organisationId);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.search) {
    const pattern = likePattern(filter.search);
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb(sql<string>`email::text`, 'ilike', pattern)]));
  }
  const rows = await query.orderBy(sql`lower(name)`).orderBy('id').limit(filter.limit).offset(filter.offset).execute();
  return rows.map(toMember);
}

export async function findMember(db: DbOrTx, organisationId: string, userId: string): Promise<Member | undefined> {
  const row = await db.selectFrom('users').select(MEMBER_COLUMNS).where('organisation_id', '=', organisationId).where('id', '=', userId).executeTakeFirst();
  return row && toMember(row);
}

/**
 * Member changes of one organisation run one at a time: otherwise two administrators demoting
 * each other at the same moment would both see "another admin is left" and leave none.
 * NO KEY UPDATE, so adding users (a foreign-key share lock) is not blocked.
 */
export async function lockOrganisationForMemberChanges(tx: DbOrTx, organisationId: string): Promise<void> {
  await tx.selectFrom('organisations').select('id').where('id', '=', organisationId).forNoKeyUpdate().execute();
}

export async function countOtherActiveAdmins(tx: DbOrTx, organisationId: string, exceptUserId: string): Promise<number> {
  const row = await tx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .where('id', '!=', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function setMemberRole(tx: DbOrTx, userId: string, role: OrgRole, now: Date): Promise<void> {
  await tx.updateTable('users').set({ role, updated_at: now }).where('id', '=', userId).execute();
}

export async function setMemberStatus(tx: DbOrTx, userId: string, status: UserStatus, now: Date): Promise<void> {
  await tx.updateTable('users').set({ status, updated_at: now }).where('id', '=', userId).execute();
}

/** Deactivation must cut access at once: every session of the member ends in the same transaction. */
export async function deleteAllSessionsOfUser(tx: DbOrTx, userId: string): Promise<number> {
  const result = await tx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deactivation must cut access at once: API tokens are revoked (kept, for the audit trail), not left to expire. */
export async function revokeAllAccessTokensOfUser(tx: DbOrTx, userId: string, now: Date): Promise<number> {
  const result = await tx.updateTable('access_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A member created by an operator (the first platform administrator); e-mail is unique across the platform. */
export async function insertMember(
  tx: DbOrTx,
  member: { id: string; organisationId: string; email: string; name: string; passwordHash: string; role: OrgRole; isPlatformAdmin: boolean; now: Date },
): Promise<Member> {
  const row = await tx
    .insertInto('users')
    .values({
      id: member.id,
      organisation_id: member.organisationId,
      email: member.email.toLowerCase(),
      name: member.name,
      password_hash: member.passwordHash,
      role: member.role,
      is_platform_admin: member.isPlatformAdmin,
      status: 'active',
      email_verified_at: member.now,
      created_at: member.now,
      updated_at: member.now,
    })
    .returning(MEMBER_COLUMNS)
    .executeTakeFirstOrThrow();
  return toMember(row);
}
