import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { resultPath } from './search.models.ts';
import { CommunityIdParams, SearchPageJson, SearchQuery, SimilarQuery, SimilarQuestionsJson, filterFromApiQuery } from './search.schemas.ts';
import { findSimilarQuestions, searchContent, type SearchOutcome } from './search.usecases.ts';

const tags = ['search'];
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

const toSearchPageJson = (outcome: SearchOutcome) => ({
  ...outcome.page,
  items: outcome.page.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() })),
  total: outcome.total,
  isTotalCapped: outcome.isTotalCapped,
  suggestion: outcome.suggestion,
});

/** /api/v1/search and the similar questions of the ask form; errors are problem+json (a timeout is 503 search.timeout). */
export function searchApiRoutes(deps: Deps) {
  return async function searchApi(app: FastifyInstance) {
    // Anonymous callers get 401 before their input is even validated.
    app.addHook('preValidation', async (request) => void requireActor(request));

    app.get('/api/v1/search', { schema: { tags, querystring: SearchQuery, response: { 200: SearchPageJson } } }, async (request) => {
      const filter = filterFromApiQuery(parseInput(SearchQuery, request.query));
      return toSearchPageJson(await searchContent(deps, requireActor(request), filter));
    });

    app.get('/api/v1/communities/:id/questions/similar', { schema: { tags, params: CommunityIdParams, querystring: SimilarQuery, response: { 200: SimilarQuestionsJson } } }, async (request) => {
      const query = parseInput(SimilarQuery, request.query);
      const similar = await findSimilarQuestions(deps, requireActor(request), { communityId: idOf(request), title: query.title ?? '', limit: query.limit });
      return { items: similar.map((q) => ({ ...q, url: resultPath({ id: q.id, kind: 'question', parentId: null }), createdAt: q.createdAt.toISOString() })) };
    });
  };
}
