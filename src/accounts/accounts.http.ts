import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createNotFoundError } from '../platform/errors.ts';
import { requireActor } from '../platform/http/actor.ts';
import { cookieNames, type Authentication } from '../platform/http/context.ts';
import { accountPolicies } from './accounts.policies.ts';
import { authenticateAccessToken, authenticateSession, type Client } from './accounts.usecases.ts';

/** Resolves the actor of a request: a bearer token for the API, else the session cookie. */
export function createAuthenticator(deps: Pick<Deps, 'db' | 'clock' | 'config'>) {
  const names = cookieNames(deps.config.isSecure);
  return async (request: FastifyRequest): Promise<Authentication | null> => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await authenticateAccessToken(deps, header.slice(7).trim());
      return actor ? { actor } : null;
    }
    const token = request.cookies[names.session];
    return token ? authenticateSession(deps, token) : null;
  };
}

export function setSessionCookie(reply: FastifyReply, deps: Pick<Deps, 'config'>, token: string): void {
  const { config } = deps;
  reply.setCookie(cookieNames(config.isSecure).session, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.isSecure,
    maxAge: config.sessionDays * 86_400,
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: Pick<Deps, 'config'>): void {
  reply.clearCookie(cookieNames(deps.config.isSecure).session, { path: '/', secure: deps.config.isSecure });
}

export const clientOf = (request: FastifyRequest): Client => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });

/** Anonymous API calls get 401 before their input is even validated, as in every other part of the API. */
export async function requireActorOnApi(request: FastifyRequest): Promise<void> {
  if (request.routeOptions.url?.startsWith('/api/')) requireActor(request);
}

/**
 * The organisation administration pages (/beheer/organisatie/…) do not exist for people who do not
 * administer it: 404, as the member pages of that area answer (the use cases still check too).
 */
export function requireInvitationManager(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (!accountPolicies.canManageInvitations(actor, actor.organisationId)) throw createNotFoundError();
  return actor;
}

/** The secret of a link (`/uitnodiging/:token` and the like), and the path to post its form to. */
export function linkTokenOf(request: FastifyRequest, basePath: string): { token: string; action: string } {
  const token = (request.params as { token?: string }).token ?? '';
  return { token, action: `${basePath}/${encodeURIComponent(token)}` };
}
