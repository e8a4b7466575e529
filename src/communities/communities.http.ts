import type { FastifyReply } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { redirectWithNotice as redirect } from '../platform/http/context.ts';

export const redirectWithNotice = (reply: FastifyReply, deps: Pick<Deps, 'config'>, path: string, noticeKey: string): FastifyReply => redirect(reply, deps.config, path, noticeKey);

export { slugOf } from '../platform/http/params.ts';
