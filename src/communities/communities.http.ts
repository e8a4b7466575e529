import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createUnauthenticatedError } from '../platform/errors.ts';
import { setNotice } from '../platform/http/context.ts';

/** Every communities page and API call is for signed-in people only. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw createUnauthenticatedError();
  return request.actor;
}

/** Post/redirect/get: the next page shows what happened, and a reload does not repeat it. */
export function redirectWithNotice(reply: FastifyReply, deps: Pick<Deps, 'config'>, path: string, noticeKey: string): FastifyReply {
  setNotice(reply, deps.config.isSecure, noticeKey);
  return reply.redirect(path, 303);
}

export const slugOf = (request: FastifyRequest) => ({ slug: (request.params as { slug: string }).slug });
