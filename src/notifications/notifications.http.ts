import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../platform/deps.ts';
import { livePath } from './notifications.paths.ts';
import { countUnread } from './notifications.usecases.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The header's unread count, read before a signed-in person's page is rendered; null elsewhere. */
    unreadNotifications: number | null;
  }
}

/**
 * One cheap indexed query per page a signed-in person loads (GET, asking for HTML): the count the
 * header shows, so it is right without JavaScript. Anonymous visitors, the API, bearer tokens,
 * stylesheets and the live stream cost nothing. Registered once, before the features, so its
 * hook runs for every route.
 */
export const unreadCountOnPages = (deps: Pick<Deps, 'db'>) =>
  fp(async (app: FastifyInstance) => {
    app.decorateRequest('unreadNotifications', null);
    app.addHook('preHandler', async (request) => {
      if (request.method !== 'GET' || !request.actor || request.isTokenAuth) return;
      if (request.url.startsWith('/api/') || request.routeOptions.url === livePath) return;
      if (!String(request.headers.accept ?? '').includes('text/html')) return;
      request.unreadNotifications = await countUnread(deps, request.actor);
    });
  });
