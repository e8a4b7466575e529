import { findUserByEmail } from '../../accounts/accounts.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { CommunityRole, MembershipStatus } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction, type Emit } from '../../platform/events/events.ts';
import { toPage, type Page, type Paging } from '../../platform/paging.ts';
import {
  createAlreadyInvitedError,
  createAlreadyMemberError,
  createAlreadyRequestedError,
  createCannotJoinError,
  createInvitationNotFoundError,
  createInviteeNotFoundError,
  createLastFacilitatorError,
  createMemberNotFoundError,
} from '../communities.errors.ts';
import { canBeInvited, canJoinDirectly, canManageCommunity, canRequestToJoin } from '../communities.policies.ts';
import type { CommunityRef, CommunityView } from '../communities.repository.ts';
import type { InviteInput, JoinInput, RoleInput } from '../communities.schemas.ts';
import { loadManagedCommunity, loadVisibleCommunity } from '../communities.usecases.ts';
import * as repo from './membership.repository.ts';

type ReadDeps = Pick<Deps, 'db'>;
type WriteDeps = Pick<Deps, 'db' | 'events' | 'clock'>;

export interface MembershipResult {
  communityId: string;
  slug: string;
  userId: string;
  status: MembershipStatus;
  role: CommunityRole;
}

/**
 * Membership changes lock the community row first, so changes to one community happen one at
 * a time. The last-facilitator rule is checked after the change, inside the transaction: if
 * it fails, the change is rolled back and its event is never delivered.
 */
async function assertFacilitatorLeft(tx: Tx, communityId: string): Promise<void> {
  if ((await repo.countActiveFacilitators(tx, communityId)) === 0) throw createLastFacilitatorError();
}

async function acceptInvitationIn(tx: Tx, emit: Emit, actor: Actor, community: CommunityView, now: Date): Promise<MembershipResult> {
  const role = community.membership?.role ?? 'member';
  if (community.membership?.status !== 'invited' || !(await repo.activateMembership(tx, community.id, actor.userId, 'invited', actor.userId, now))) {
    throw createInvitationNotFoundError();
  }
  emit('community.member_joined', { communityId: community.id, userId: actor.userId, actorId: actor.userId, via: 'invitation' });
  return { communityId: community.id, slug: community.slug, userId: actor.userId, status: 'active', role };
}

/**
 * Only accepts: without an open invitation this is "not found", never a join or a request in
 * disguise. A stale "accept" button (the invitation was withdrawn) must not make someone a
 * member of an open community, or file a request on a closed one.
 */
export async function acceptCommunityInvitation(deps: WriteDeps, actor: Actor, ref: CommunityRef): Promise<MembershipResult> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadVisibleCommunity(tx, actor, ref, { lock: true });
    return acceptInvitationIn(tx, emit, actor, community, deps.clock.now());
  });
}

/** The next step for the actor: accept an invitation, join an open community, or ask to join a closed one. */
export async function joinCommunity(deps: WriteDeps, actor: Actor, ref: CommunityRef, input: JoinInput): Promise<MembershipResult> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadVisibleCommunity(tx, actor, ref, { lock: true });
    const result = (status: MembershipStatus, role: CommunityRole = 'member'): MembershipResult => ({ communityId: community.id, slug: community.slug, userId: actor.userId, status, role });
    const current = community.membership;
    const event = { communityId: community.id, userId: actor.userId, actorId: actor.userId };
    const now = deps.clock.now();
    if (current?.status === 'invited') return acceptInvitationIn(tx, emit, actor, community, now);
    if (current) return result(current.status, current.role);
    if (canJoinDirectly(actor, community)) {
      await repo.insertMembership(tx, { communityId: community.id, userId: actor.userId, role: 'member', status: 'active', now, decidedBy: actor.userId });
      emit('community.member_joined', { ...event, via: 'open' });
      return result('active');
    }
    if (!canRequestToJoin(actor, community)) throw createCannotJoinError();
    await repo.insertMembership(tx, { communityId: community.id, userId: actor.userId, role: 'member', status: 'requested', message: input.message ?? '', now });
    emit('community.join_requested', event);
    return result('requested');
  });
}

/**
 * Ends the actor's own membership, request or invitation. `from` names what the person meant
 * to end, so a stale "cancel my request" never makes a freshly approved member leave.
 */
export async function leaveCommunity(deps: WriteDeps, actor: Actor, ref: CommunityRef, options: { from?: MembershipStatus } = {}): Promise<{ slug: string; ended: MembershipStatus | null }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadVisibleCommunity(tx, actor, ref, { lock: true });
    const current = community.membership;
    if (!current || (options.from && current.status !== options.from)) return { slug: community.slug, ended: null };
    await repo.deleteMembership(tx, community.id, actor.userId, current.status);
    if (current.status === 'active') {
      emit('community.member_left', { communityId: community.id, userId: actor.userId, actorId: actor.userId });
      if (current.role === 'facilitator') await assertFacilitatorLeft(tx, community.id);
    }
    return { slug: community.slug, ended: current.status };
  });
}

export async function approveRequest(deps: WriteDeps, actor: Actor, ref: CommunityRef, userId: string): Promise<MembershipResult> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadManagedCommunity(tx, actor, ref, { lock: true });
    if (!(await repo.activateMembership(tx, community.id, userId, 'requested', actor.userId, deps.clock.now()))) throw createMemberNotFoundError();
    const event = { communityId: community.id, userId, actorId: actor.userId };
    emit('community.request_approved', event);
    emit('community.member_joined', { ...event, via: 'request' });
    return { communityId: community.id, slug: community.slug, userId, status: 'active', role: 'member' };
  });
}

export async function declineRequest(deps: WriteDeps, actor: Actor, ref: CommunityRef, userId: string): Promise<{ slug: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadManagedCommunity(tx, actor, ref, { lock: true });
    if (!(await repo.deleteMembership(tx, community.id, userId, 'requested'))) throw createMemberNotFoundError();
    emit('community.request_declined', { communityId: community.id, userId, actorId: actor.userId });
    return { slug: community.slug };
  });
}

/** Invites a colleague by work e-mail address; they accept or decline on their start page. */
export async function inviteMember(deps: WriteDeps, actor: Actor, ref: CommunityRef, input: InviteInput): Promise<MembershipResult> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadManagedCommunity(tx, actor, ref, { lock: true });
    const invitee = await findUserByEmail(tx, input.email);
    if (!invitee || !canBeInvited(community, { organisationId: invitee.organisation_id, status: invitee.status })) throw createInviteeNotFoundError();
    const existing = await repo.findMembership(tx, community.id, invitee.id);
    if (existing?.status === 'active') throw createAlreadyMemberError();
    if (existing?.status === 'invited') throw createAlreadyInvitedError();
    if (existing?.status === 'requested') throw createAlreadyRequestedError();
    await repo.insertMembership(tx, { communityId: community.id, userId: invitee.id, role: 'member', status: 'invited', now: deps.clock.now(), decidedBy: actor.userId });
    emit('community.member_invited', { communityId: community.id, userId: invitee.id, actorId: actor.userId });
    return { communityId: community.id, slug: community.slug, userId: invitee.id, status: 'invited', role: 'member' };
  });
}

export async function changeMemberRole(deps: WriteDeps, actor: Actor, ref: CommunityRef, userId: string, input: RoleInput): Promise<MembershipResult> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadManagedCommunity(tx, actor, ref, { lock: true });
    // A deactivated person is in no list, so their role cannot be changed either.
    const target = await repo.findMembership(tx, community.id, userId, { activeAccountOnly: true });
    if (target?.status !== 'active') throw createMemberNotFoundError();
    const result: MembershipResult = { communityId: community.id, slug: community.slug, userId, status: 'active', role: input.role };
    if (target.role === input.role) return result;
    await repo.setMemberRole(tx, community.id, userId, input.role);
    emit('community.role_changed', { communityId: community.id, userId, actorId: actor.userId, from: target.role, to: input.role });
    if (target.role === 'facilitator') await assertFacilitatorLeft(tx, community.id);
    return result;
  });
}

/** Removes a member, or withdraws an invitation that was not answered yet. */
export async function removeMember(deps: WriteDeps, actor: Actor, ref: CommunityRef, userId: string): Promise<{ slug: string }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadManagedCommunity(tx, actor, ref, { lock: true });
    const target = await repo.findMembership(tx, community.id, userId);
    if (!target || target.status === 'requested') throw createMemberNotFoundError();
    await repo.deleteMembership(tx, community.id, userId, target.status);
    if (target.status === 'active') {
      emit('community.member_left', { communityId: community.id, userId, actorId: actor.userId, removed: true });
      if (target.role === 'facilitator') await assertFacilitatorLeft(tx, community.id);
    }
    return { slug: community.slug };
  });
}

export interface MembersPage {
  community: CommunityView;
  canManage: boolean;
  members: Page<repo.MemberRow>;
}

/** Anyone who may see the community may see who is in it. */
export async function listCommunityMembers(deps: ReadDeps, actor: Actor, ref: CommunityRef, query: Paging & { q: string }): Promise<MembersPage> {
  const community = await loadVisibleCommunity(deps.db, actor, ref);
  const rows = await repo.listMembers(deps.db, community.id, query);
  return { community, canManage: canManageCommunity(actor, community), members: toPage(rows, query) };
}

/** Requests and open invitations: only for those who manage the community. */
export async function listPendingMembers(deps: ReadDeps, actor: Actor, ref: CommunityRef, paging: Paging): Promise<{ community: CommunityView; pending: Page<repo.PendingRow> }> {
  const community = await loadManagedCommunity(deps.db, actor, ref);
  return { community, pending: toPage(await repo.listPending(deps.db, community.id, paging), paging) };
}
