import { isOrgAdmin, type Actor } from '../platform/auth/actor.ts';

/** Who may do what with accounts; checked in the use cases, so pages and API share it. */
export const accountPolicies = {
  /** Another organisation does not exist for its outsiders: "not found", never "forbidden". */
  canSeeOrganisation: (actor: Actor, organisationId: string) => actor.isPlatformAdmin || actor.organisationId === organisationId,
  /** Organisation admins invite into their own organisation; platform admins into any. */
  canManageInvitations: (actor: Actor, organisationId: string) => actor.isPlatformAdmin || isOrgAdmin(actor, organisationId),
  /**
   * A personal access token may not create another token: revoking a leaked token must end that
   * access, not leave a copy behind. Tokens are made by a person who is logged in.
   */
  canCreateAccessToken: (actor: Actor) => actor.tokenScope === undefined,
};
