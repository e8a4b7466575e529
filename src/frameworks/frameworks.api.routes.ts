import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommunityIdParams } from '../communities/communities.schemas.ts';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import type { VersionRow, VersionSummary } from './frameworks.repository.ts';
import { createFrameworkNotFoundError } from './frameworks.errors.ts';
import { CurrentFrameworkJson, PublishInput, SaveDraftInput, VersionJson, VersionListJson, VersionParams, versionNumber } from './frameworks.schemas.ts';
import { getCurrentFramework, getFrameworkVersion, listFrameworkVersions, publishFramework, saveDraft } from './frameworks.usecases.ts';

const tags = ['frameworks'];
const idOf = (request: FastifyRequest) => ({ id: (request.params as { id: string }).id });

const toVersionJson = (v: VersionRow) => ({
  id: v.id,
  number: v.number,
  status: v.status,
  purpose: v.purpose,
  room: v.room,
  constraints: v.constraints,
  indicators: v.indicators,
  reviewDate: v.reviewDate,
  learningQuestions: v.learningQuestions.map((q) => ({ id: q.id, kind: q.kind, text: q.text, explanation: q.explanation })),
  changeNote: v.changeNote,
  createdAt: v.createdAt.toISOString(),
  publishedAt: v.publishedAt?.toISOString() ?? null,
});

const toSummaryJson = (v: VersionSummary) => ({ id: v.id, number: v.number, changeNote: v.changeNote, publishedAt: v.publishedAt?.toISOString() ?? null, publishedBy: v.publishedByName });

/** /api/v1/communities/:id/framework: the same use cases as the pages; errors are problem+json. */
export function frameworksApiRoutes(deps: Deps) {
  return async function frameworksApi(app: FastifyInstance) {
    // Anonymous callers get 401 before their input is even validated.
    app.addHook('preValidation', async (request) => void requireActor(request));

    app.get('/api/v1/communities/:id/framework', { schema: { tags, params: CommunityIdParams, response: { 200: CurrentFrameworkJson } } }, async (request) => {
      const { community, current } = await getCurrentFramework(deps, requireActor(request), idOf(request));
      return { communityId: community.id, current: current && toVersionJson(current) };
    });

    app.get('/api/v1/communities/:id/framework/versions', { schema: { tags, params: CommunityIdParams, response: { 200: VersionListJson } } }, async (request) => {
      const { versions } = await listFrameworkVersions(deps, requireActor(request), idOf(request));
      return { items: versions.map(toSummaryJson) };
    });

    app.get('/api/v1/communities/:id/framework/versions/:number', { schema: { tags, params: VersionParams, response: { 200: VersionJson } } }, async (request) => {
      const number = versionNumber(parseInput(VersionParams, request.params).number);
      if (number === null) throw createFrameworkNotFoundError();
      return toVersionJson(await getFrameworkVersion(deps, requireActor(request), idOf(request), number));
    });

    // The one draft: writers replace it whole; it stays invisible until published.
    app.put('/api/v1/communities/:id/framework/draft', { schema: { tags, params: CommunityIdParams, body: SaveDraftInput, response: { 200: VersionJson } } }, async (request) =>
      toVersionJson(await saveDraft(deps, requireActor(request), idOf(request), parseInput(SaveDraftInput, request.body))),
    );

    app.post('/api/v1/communities/:id/framework/publish', { preValidation: async (request) => void (request.body ??= {}), schema: { tags, params: CommunityIdParams, body: PublishInput, response: { 201: VersionJson } } }, async (request, reply) => {
      const version = await publishFramework(deps, requireActor(request), idOf(request), parseInput(PublishInput, request.body));
      return reply.status(201).send(toVersionJson(version));
    });
  };
}
