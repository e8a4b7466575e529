import { isOrgAdmin, type Actor } from '../platform/auth/actor.ts';

/**
 * Who may do what with organisations and their members, declared once. Use cases check these,
 * so pages, the API and the CLI share them; the repositories hold the SQL form of the list rules
 * (see `organisationListScope`), and a test proves both agree.
 */

/** The operator at the command line: they already hold the database, so they act as platform administrator. */
export const OPERATOR = Object.freeze({ kind: 'operator' as const });
export type Operator = typeof OPERATOR;
export type Caller = Actor | Operator;

export const isOperator = (caller: Caller): caller is Operator => 'kind' in caller && caller.kind === 'operator';
/** For audit rows and events: the operator is nobody in the users table. */
export const callerId = (caller: Caller): string | null => (isOperator(caller) ? null : caller.userId);

export const canAdministerPlatform = (caller: Caller): boolean => isOperator(caller) || caller.isPlatformAdmin;

/** Everyone sees their own organisation; only platform administrators see the others. */
export const canViewOrganisation = (caller: Caller, organisationId: string): boolean =>
  canAdministerPlatform(caller) || (!isOperator(caller) && caller.organisationId === organisationId);

/**
 * Settings (name, kind, e-mail domains, self sign-up, theme) are the platform's: an e-mail domain
 * decides who may sign up into a tenant, so an organisation may not claim domains itself.
 */
export const canManageOrganisation = (caller: Caller, _organisationId: string): boolean => canAdministerPlatform(caller);

/** Members (leden), their roles and status: the organisation's own administrators, and the platform's. */
export const canManageMembers = (actor: Actor, organisationId: string): boolean => actor.isPlatformAdmin || isOrgAdmin(actor, organisationId);

/**
 * A platform administrator's account is the platform's, not the organisation's: an organisation
 * administrator may not demote or lock out the people who run the platform.
 */
export const canChangeMember = (actor: Actor, member: { organisationId: string; isPlatformAdmin: boolean }): boolean =>
  canManageMembers(actor, member.organisationId) && (!member.isPlatformAdmin || actor.isPlatformAdmin);

/** The SQL form of canViewOrganisation for lists: everything, or only the caller's own row. */
export type OrganisationListScope = { kind: 'all' } | { kind: 'only'; organisationId: string };
export const organisationListScope = (caller: Caller): OrganisationListScope =>
  canAdministerPlatform(caller) || isOperator(caller) ? { kind: 'all' } : { kind: 'only', organisationId: caller.organisationId };
