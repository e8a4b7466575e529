import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommunityIdParams } from '../../communities/communities.schemas.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { AdoptInput, AnswerInput, RespondInput, ResponseJson, ResponseListJson, ResponseParams } from './responses.schemas.ts';
import { adoptFrameworkProposal, answerFrameworkResponse, listFrameworkResponses, respondToFramework, type ResponseView } from './responses.usecases.ts';

const tags = ['frameworks'];
const idOf = (request: FastifyRequest) => ({ id: (request.params as { id: string }).id });

/** The JSON of a response: the use case already left out who, unless signed. */
const toJson = (r: ResponseView) => ({
  id: r.id,
  versionId: r.versionId,
  target: r.target,
  learningQuestionId: r.learningQuestionId,
  kind: r.kind,
  text: r.text,
  signed: r.signed,
  author: r.author,
  status: r.status,
  reply: r.reply,
  creditedTo: r.creditedTo,
  createdAt: r.createdAt.toISOString(),
});

/** /api/v1/communities/:id/framework/responses: the same use cases as the pages; errors are problem+json. */
export function frameworkResponsesApiRoutes(deps: Deps) {
  return async function frameworkResponsesApi(app: FastifyInstance) {
    app.addHook('preValidation', async (request) => void requireActor(request));

    app.get('/api/v1/communities/:id/framework/responses', { schema: { tags, params: CommunityIdParams, response: { 200: ResponseListJson } } }, async (request) => {
      const { community, groups } = await listFrameworkResponses(deps, requireActor(request), idOf(request));
      return { communityId: community.id, groups: groups.map((g) => ({ target: g.target, learningQuestionId: g.learningQuestion?.id ?? null, counts: g.counts, items: g.items.map(toJson) })) };
    });

    app.post('/api/v1/communities/:id/framework/responses', { schema: { tags, params: CommunityIdParams, body: RespondInput, response: { 201: ResponseJson } } }, async (request, reply) => {
      const response = await respondToFramework(deps, requireActor(request), idOf(request), parseInput(RespondInput, request.body));
      return reply.status(201).send(toJson(response));
    });

    app.post('/api/v1/communities/:id/framework/responses/:responseId/answer', { schema: { tags, params: ResponseParams, body: AnswerInput, response: { 200: ResponseJson } } }, async (request) => {
      const { responseId } = parseInput(ResponseParams, request.params);
      return toJson(await answerFrameworkResponse(deps, requireActor(request), idOf(request), responseId, parseInput(AnswerInput, request.body)));
    });

    app.post('/api/v1/communities/:id/framework/responses/:responseId/adopt', { preValidation: async (request) => void (request.body ??= {}), schema: { tags, params: ResponseParams, body: AdoptInput, response: { 200: ResponseJson } } }, async (request) => {
      const { responseId } = parseInput(ResponseParams, request.params);
      return toJson(await adoptFrameworkProposal(deps, requireActor(request), idOf(request), responseId, parseInput(AdoptInput, request.body)));
    });
  };
}
