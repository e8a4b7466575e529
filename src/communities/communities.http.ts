import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { setNotice } from '../platform/http/context.ts';

/** Post/redirect/get: the next page shows what happened, and a reload does not repeat it. */
export function redirectWithNotice(reply: FastifyReply, deps: Pick<Deps, 'config'>, path: string, noticeKey: string): FastifyReply {
  setNotice(reply, deps.config.isSecure, noticeKey);
  return reply.redirect(path, 303);
}

export const slugOf = (request: FastifyRequest) => ({ slug: (request.params as { slug: string }).slug });
