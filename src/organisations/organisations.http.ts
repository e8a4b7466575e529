import type { FastifyRequest } from 'fastify';
import type { Actor } from '../platform/auth/actor.ts';
import { requireActor } from '../platform/http/actor.ts';
import { createOrganisationNotFoundError } from './organisations.errors.ts';
import { canAdministerPlatform, canManageMembers } from './organisations.policies.ts';

/** The authorise step of routes; the use cases check the same policies again. */

/** Platform administration pages do not exist for anyone else (404, not 403). */
export function requirePlatformAdmin(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (!canAdministerPlatform(actor)) throw createOrganisationNotFoundError();
  return actor;
}

/** The organisation administration pages (/beheer/organisatie) do not exist for members who are no administrator. */
export function requireMemberAdmin(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (!canManageMembers(actor, actor.organisationId)) throw createOrganisationNotFoundError();
  return actor;
}

/** Anonymous API calls get 401 before their body is even validated. */
export async function requireActorHook(request: FastifyRequest): Promise<void> {
  requireActor(request);
}
