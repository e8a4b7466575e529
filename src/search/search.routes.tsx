import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { isAppError } from '../platform/errors.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parsePageNumber } from '../platform/paging.ts';
import type { Ui } from '../ui/render.tsx';
import { searchApiRoutes } from './search.api.routes.ts';
import { PAGE_SIZE, filterFromPageQuery } from './search.models.ts';
import { SearchMissesPage, SearchPage } from './search.pages.tsx';
import { listSearchCommunities, listSearchMisses, searchContent, type SearchOutcome } from './search.usecases.ts';

const slugOf = (request: FastifyRequest) => ({ slug: (request.params as { slug: string }).slug });

/** A search that timed out is shown on the search page itself (503), with what to change. */
const unlessTimedOut = (search: Promise<SearchOutcome>) =>
  search.catch((error: unknown) => {
    if (isAppError(error) && error.code === 'search.timeout') return undefined;
    throw error;
  });

/** Zoeken: the search page, the searches that found nothing (facilitators), and the JSON API. */
export function searchRoutes(deps: Deps, ui: Ui) {
  return async function search(app: FastifyInstance) {
    app.get('/zoeken', async (request, reply) => {
      const actor = requireActor(request);
      const filter = filterFromPageQuery(request.query);
      const [communities, outcome] = await Promise.all([listSearchCommunities(deps, actor, filter.communitySlug), unlessTimedOut(searchContent(deps, actor, filter))]);
      return ui.send(reply, <SearchPage ctx={ui.context(request)} filter={filter} outcome={outcome} communities={communities} />, outcome ? 200 : 503);
    });

    app.get('/gemeenschappen/:slug/zoekvragen', async (request, reply) => {
      const paging = { page: parsePageNumber((request.query as { pagina?: unknown }).pagina), pageSize: PAGE_SIZE };
      const data = await listSearchMisses(deps, requireActor(request), slugOf(request), paging);
      return ui.send(reply, <SearchMissesPage ctx={ui.context(request)} data={data} />);
    });

    await app.register(searchApiRoutes(deps));
  };
}
