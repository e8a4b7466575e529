import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { getThemeStylesheet } from './theme.usecases.ts';

/** `/thema/:organisationId.css`, linked from every page of a signed-in member (see ui/render.tsx). */
export function themeRoutes(deps: Deps) {
  return async function theme(app: FastifyInstance) {
    app.get('/thema/:organisationId.css', { schema: { hide: true } }, async (request, reply) => {
      const { organisationId } = request.params as { organisationId: string };
      const css = await getThemeStylesheet(deps, organisationId);
      // Private: the URL names a tenant; five minutes keeps a theme change visible soon enough.
      return reply.type('text/css; charset=utf-8').header('cache-control', 'private, max-age=300').send(css);
    });
  };
}
