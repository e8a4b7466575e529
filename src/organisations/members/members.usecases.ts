import { randomBytes } from 'node:crypto';
import { insertAuditEntry } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/auth/passwords.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { OrgRole } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction, type Emit } from '../../platform/events/events.ts';
import { pageWindow, toPage, type Page } from '../../platform/paging.ts';
import {
  createCannotDeactivateSelfError,
  createEmailTakenError,
  createLastAdminError,
  createMemberNotFoundError,
  createOrganisationForbiddenError,
  createOrganisationInvalidError,
} from '../organisations.errors.ts';
import { isUuid, pageRequest, type Organisation } from '../organisations.models.ts';
import { callerId, canAdministerPlatform, canChangeMember, canManageMembers, type Caller } from '../organisations.policies.ts';
import { isUniqueViolation } from '../organisations.repository.ts';
import { getOrganisation } from '../organisations.usecases.ts';
import { isActiveAdmin, statusAfterReactivation, type Member } from './members.models.ts';
import * as repo from './members.repository.ts';
import type { CreatePlatformAdminInput, MemberListQuery, UpdateMemberInput } from './members.schemas.ts';

export type { Member } from './members.models.ts';

type MemberDeps = Pick<Deps, 'db' | 'events' | 'clock'>;
export interface MemberRef {
  organisationId: string;
  userId: string;
}

/** Not visible → 404; visible (one's own organisation) but not an administrator → 403. */
async function authorise(deps: Pick<Deps, 'db'>, actor: Actor, organisationId: string): Promise<Organisation> {
  const organisation = await getOrganisation(deps, actor, { id: organisationId });
  if (!canManageMembers(actor, organisation.id)) throw createOrganisationForbiddenError();
  return organisation;
}

export async function listMembers(deps: Pick<Deps, 'db'>, actor: Actor, organisationId: string, query: MemberListQuery): Promise<{ organisation: Organisation; members: Page<Member> }> {
  const organisation = await authorise(deps, actor, organisationId);
  const paging = pageRequest(query);
  const rows = await repo.listMembers(deps.db, organisation.id, { search: query.q?.trim() || undefined, role: query.role, status: query.status, ...pageWindow(paging) });
  return { organisation, members: toPage(rows, paging) };
}

export async function getMember(deps: Pick<Deps, 'db'>, actor: Actor, ref: MemberRef): Promise<{ organisation: Organisation; member: Member }> {
  const organisation = await authorise(deps, actor, ref.organisationId);
  const member = isUuid(ref.userId) ? await repo.findMember(deps.db, organisation.id, ref.userId) : undefined;
  if (!member) throw createMemberNotFoundError();
  return { organisation, member };
}

export const changeMemberRole = (deps: MemberDeps, actor: Actor, ref: MemberRef, role: OrgRole) => changeMember(deps, actor, ref, (change, member) => applyRole(change, member, role));
export const deactivateMember = (deps: MemberDeps, actor: Actor, ref: MemberRef) => changeMember(deps, actor, ref, applyDeactivation);
export const reactivateMember = (deps: MemberDeps, actor: Actor, ref: MemberRef) => changeMember(deps, actor, ref, applyReactivation);

/** The API's PATCH: role and status in one transaction, so either both change or neither. */
export function updateMember(deps: MemberDeps, actor: Actor, ref: MemberRef, input: UpdateMemberInput): Promise<Member> {
  return changeMember(deps, actor, ref, async (change, member) => {
    let current = input.role ? await applyRole(change, member, input.role) : member;
    if (input.status === 'deactivated') current = await applyDeactivation(change, current);
    if (input.status === 'active') current = await applyReactivation(change, current);
    return current;
  });
}

interface Change {
  tx: Tx;
  emit: Emit;
  actor: Actor;
  now: Date;
}

async function changeMember(deps: MemberDeps, actor: Actor, ref: MemberRef, apply: (change: Change, member: Member) => Promise<Member>): Promise<Member> {
  const organisation = await authorise(deps, actor, ref.organisationId);
  if (!isUuid(ref.userId)) throw createMemberNotFoundError();
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    await repo.lockOrganisationForMemberChanges(tx, organisation.id);
    const member = await repo.findMember(tx, organisation.id, ref.userId);
    if (!member) throw createMemberNotFoundError();
    if (!canChangeMember(actor, member)) throw createOrganisationForbiddenError();
    return apply({ tx, emit, actor, now: deps.clock.now() }, member);
  });
}

async function applyRole(change: Change, member: Member, role: OrgRole): Promise<Member> {
  if (member.role === role) return member;
  // Covers an administrator demoting themselves as well as anyone demoting the last one.
  if (isActiveAdmin(member) && (await repo.countOtherActiveAdmins(change.tx, member.organisationId, member.id)) === 0) throw createLastAdminError('role');
  await repo.setMemberRole(change.tx, member.id, role, change.now);
  await record(change, member, 'member.role_changed', { from: member.role, to: role });
  return { ...member, role };
}

async function applyDeactivation(change: Change, member: Member): Promise<Member> {
  if (member.status === 'deactivated') return member;
  if (member.id === change.actor.userId) throw createCannotDeactivateSelfError();
  if (isActiveAdmin(member) && (await repo.countOtherActiveAdmins(change.tx, member.organisationId, member.id)) === 0) throw createLastAdminError('status');
  await repo.setMemberStatus(change.tx, member.id, 'deactivated', change.now);
  // Same transaction: the moment the status commits, no session or token of theirs works.
  const sessionsEnded = await repo.deleteAllSessionsOfUser(change.tx, member.id);
  const tokensRevoked = await repo.revokeAllAccessTokensOfUser(change.tx, member.id, change.now);
  await record(change, member, 'member.deactivated', { from: member.status, sessionsEnded, tokensRevoked });
  return { ...member, status: 'deactivated' };
}

async function applyReactivation(change: Change, member: Member): Promise<Member> {
  if (member.status !== 'deactivated') return member;
  const status = statusAfterReactivation(member);
  await repo.setMemberStatus(change.tx, member.id, status, change.now);
  await record(change, member, 'member.reactivated', { to: status });
  return { ...member, status };
}

/** Every change leaves an audit row and a domain event; both commit or neither. */
async function record(change: Change, member: Member, action: string, details: Record<string, unknown>): Promise<void> {
  await insertAuditEntry(change.tx, { organisationId: member.organisationId, actorId: change.actor.userId, action, subjectId: member.id, details, now: change.now });
  change.emit(action, { organisationId: member.organisationId, userId: member.id, actorId: change.actor.userId, ...details });
}

/**
 * The first platform administrator, made by an operator at the command line. Without a
 * password one is generated (about 144 random bits) and returned to be shown once.
 */
export async function createPlatformAdmin(
  deps: Pick<Deps, 'db' | 'events' | 'clock' | 'ids'>,
  caller: Caller,
  input: CreatePlatformAdminInput,
): Promise<{ member: Member; generatedPassword?: string }> {
  if (!canAdministerPlatform(caller)) throw createOrganisationForbiddenError();
  const organisation = await getOrganisation(deps, caller, { slug: input.organisation }).catch(() => undefined);
  if (!organisation) throw createOrganisationInvalidError([{ field: 'organisation', code: 'organisations.not_found' }]);
  // A chosen password must pass the policy; a generated one is strong by construction.
  const problem = input.password === undefined ? undefined : checkPasswordPolicy(input.password, { email: input.email });
  if (problem) throw createOrganisationInvalidError([{ field: 'password', code: problem }]);
  const generatedPassword = input.password === undefined ? randomBytes(18).toString('base64url') : undefined;
  const passwordHash = await hashPassword(input.password ?? (generatedPassword as string));
  const now = deps.clock.now();
  try {
    const member = await inTransaction(deps.db, deps.events, async (tx, emit) => {
      const created = await repo.insertMember(tx, { id: deps.ids.uuid(), organisationId: organisation.id, email: input.email, name: input.name.trim(), passwordHash, role: 'admin', isPlatformAdmin: true, now });
      const actorId = callerId(caller);
      await insertAuditEntry(tx, { organisationId: organisation.id, actorId, action: 'member.platform_admin_created', subjectId: created.id, details: {}, now });
      emit('member.platform_admin_created', { organisationId: organisation.id, userId: created.id, actorId });
      return created;
    });
    return { member, generatedPassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw createEmailTakenError();
    throw error;
  }
}
