import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { createUnauthenticatedError } from '../errors.ts';

/** The actor of a request that needs one; pages and API alike answer 401 without. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw createUnauthenticatedError();
  return request.actor;
}
