import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../platform/auth/actor.ts';
import type { CommunityRole, CommunityVisibility, MembershipStatus } from '../platform/db/schema.ts';

/**
 * Who may see and do what in a community, declared once in TypeScript (single items) and once
 * in SQL (lists, counts, search). communities.policies.test.ts proves both forms agree on a
 * generated matrix of actors × communities. Actors are always active users: authentication
 * refuses pending and deactivated accounts before a rule is ever asked.
 */

export interface MembershipFacts {
  status: MembershipStatus;
  role: CommunityRole;
}

/** What the rules need to know about one community, seen by one actor. */
export interface CommunityFacts {
  visibility: CommunityVisibility;
  organisationId: string;
  partnerOrganisationIds: readonly string[];
  /** The actor's own membership row, if any. */
  membership: MembershipFacts | null;
}

const isActiveOrInvited = (membership: MembershipFacts | null) => membership?.status === 'active' || membership?.status === 'invited';

/** The organisations whose users may see a closed community and be invited to it. */
export const isEligibleOrganisation = (community: Pick<CommunityFacts, 'organisationId' | 'partnerOrganisationIds'>, organisationId: string) =>
  community.organisationId === organisationId || community.partnerOrganisationIds.includes(organisationId);

/**
 * open: every user. closed: the owning and partner organisations, and members.
 * secret: only active members and invitees. Platform and organisation admins get nothing
 * extra: a secret intervision group is private even from them.
 */
export function canSeeCommunity(actor: Actor, community: CommunityFacts): boolean {
  if (community.visibility === 'open') return true;
  if (isActiveOrInvited(community.membership)) return true;
  return community.visibility === 'closed' && isEligibleOrganisation(community, actor.organisationId);
}

/** Facilitators manage; so do admins of the owning organisation, except in secret communities. */
export function canManageCommunity(actor: Actor, community: CommunityFacts): boolean {
  if (!canSeeCommunity(actor, community)) return false;
  if (community.membership?.status === 'active' && community.membership.role === 'facilitator') return true;
  return community.visibility !== 'secret' && actor.role === 'admin' && actor.organisationId === community.organisationId;
}

/** Joining directly is for open communities, or for anyone holding an invitation. */
export function canJoinDirectly(actor: Actor, community: CommunityFacts): boolean {
  if (!canSeeCommunity(actor, community)) return false;
  if (community.membership?.status === 'invited') return true;
  return community.membership === null && community.visibility === 'open';
}

/** A closed community is joined by request; a facilitator decides. */
export function canRequestToJoin(actor: Actor, community: CommunityFacts): boolean {
  return community.membership === null && community.visibility === 'closed' && canSeeCommunity(actor, community);
}

/** Managers and admins start communities, and platform admins; their organisation owns it. */
export const canCreateCommunity = (actor: Actor) => actor.isPlatformAdmin || actor.role === 'manager' || actor.role === 'admin';

/** Open communities may invite anyone on the platform; the others only their organisations. */
export function canBeInvited(community: CommunityFacts, invitee: { organisationId: string; status: string }): boolean {
  if (invitee.status !== 'active') return false;
  return community.visibility === 'open' || isEligibleOrganisation(community, invitee.organisationId);
}

/**
 * SQL form of canSeeCommunity, for WHERE clauses: `alias` names the communities row.
 * The membership lookups use community_members' primary key; the partner lookup its key too.
 */
export function visibleCommunitySql(actor: Actor, alias = 'c'): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  return sql<SqlBool>`(
    ${sql.ref(`${alias}.visibility`)} = 'open'
    OR EXISTS (SELECT 1 FROM community_members vm WHERE vm.community_id = ${id} AND vm.user_id = ${actor.userId} AND vm.status IN ('active', 'invited'))
    OR (${sql.ref(`${alias}.visibility`)} = 'closed' AND (
      ${sql.ref(`${alias}.organisation_id`)} = ${actor.organisationId}
      OR EXISTS (SELECT 1 FROM community_partners vp WHERE vp.community_id = ${id} AND vp.organisation_id = ${actor.organisationId})
    ))
  )`;
}

/**
 * The same rule for a person named by a column rather than the actor (recipients of a
 * notification or a digest): `userAlias` names a users row, `alias` the communities row.
 */
export function userSeesCommunitySql(userAlias: string, alias = 'c'): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  const userId = sql.ref(`${userAlias}.id`);
  const organisationId = sql.ref(`${userAlias}.organisation_id`);
  return sql<SqlBool>`(
    ${sql.ref(`${alias}.visibility`)} = 'open'
    OR EXISTS (SELECT 1 FROM community_members vm WHERE vm.community_id = ${id} AND vm.user_id = ${userId} AND vm.status IN ('active', 'invited'))
    OR (${sql.ref(`${alias}.visibility`)} = 'closed' AND (
      ${sql.ref(`${alias}.organisation_id`)} = ${organisationId}
      OR EXISTS (SELECT 1 FROM community_partners vp WHERE vp.community_id = ${id} AND vp.organisation_id = ${organisationId})
    ))
  )`;
}

/** SQL form of canManageCommunity, for "requests waiting for me" on the start page. */
export function manageableCommunitySql(actor: Actor, alias = 'c'): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  const isOwnAdmin = actor.role === 'admin';
  return sql<SqlBool>`(
    EXISTS (SELECT 1 FROM community_members fm WHERE fm.community_id = ${id} AND fm.user_id = ${actor.userId} AND fm.status = 'active' AND fm.role = 'facilitator')
    OR (${sql.lit(isOwnAdmin)} AND ${sql.ref(`${alias}.visibility`)} <> 'secret' AND ${sql.ref(`${alias}.organisation_id`)} = ${actor.organisationId})
  )`;
}
