import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { idOf } from '../practices.http.ts';
import { PAGE_SIZE } from './visits.models.ts';
import { storyTitleFor, type VisitRow } from './visits.repository.ts';
import { DeclineInput, RequestVisitInput, RescheduleInput, VisitsQuery, instantFromApi } from './visits.schemas.ts';
import { acceptVisit, cancelVisit, declineVisit, getVisit, listMyVisits, proposeOtherTime, requestVisit } from './visits.usecases.ts';

const tags = ['visits'];
const IdParams = Type.Object({ id: Type.String() });
const DateTime = Type.String({ format: 'date-time' });
const Party = Type.Object({ userId: Type.String(), name: Type.String() });
const VisitJson = Type.Object({
  id: Type.String(),
  practice: Type.Object({ id: Type.String(), title: Type.Union([Type.String(), Type.Null()], { description: 'null when a moderator hid the story (its author still sees it)' }) }),
  requester: Party,
  host: Party,
  role: Type.Union([Type.Literal('host'), Type.Literal('requester')]),
  startsAt: DateTime,
  durationMinutes: Type.Integer(),
  message: Type.String(),
  status: Type.String(),
  sequence: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
const PageJson = Type.Object({ items: Type.Array(VisitJson), page: Type.Integer(), pageSize: Type.Integer(), hasNext: Type.Boolean() });

const visitJson = (v: VisitRow, userId: string) => ({
  id: v.id,
  practice: { id: v.practiceId, title: storyTitleFor(v, userId) },
  requester: { userId: v.requester.id, name: v.requester.name },
  host: { userId: v.host.id, name: v.host.name },
  role: v.host.id === userId ? ('host' as const) : ('requester' as const),
  startsAt: v.startsAt.toISOString(),
  durationMinutes: v.durationMinutes,
  message: v.message,
  status: v.status,
  sequence: v.sequence,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});

/** /api/v1 for meekijken: the same use cases as the pages; errors are problem+json. */
export function visitsApiRoutes(deps: Deps) {
  return async function visitsApi(app: FastifyInstance) {
    app.addHook('preValidation', async (request) => void requireActor(request));
    const one = async (request: FastifyRequest, id: string) => visitJson((await getVisit(deps, requireActor(request), id)).visit, requireActor(request).userId);

    app.get('/api/v1/visits', { schema: { tags, querystring: VisitsQuery, response: { 200: PageJson } } }, async (request) => {
      const query = parseInput(VisitsQuery, request.query);
      const page = await listMyVisits(deps, requireActor(request), { page: query.page ?? 1, pageSize: query.pageSize ?? PAGE_SIZE });
      return { ...page, items: page.items.map((v) => visitJson(v, requireActor(request).userId)) };
    });

    app.post('/api/v1/practices/:id/visits', { schema: { tags, params: IdParams, body: RequestVisitInput, response: { 201: VisitJson } } }, async (request, reply) => {
      const input = parseInput(RequestVisitInput, request.body);
      const { id } = await requestVisit(deps, requireActor(request), idOf(request), { startsAt: instantFromApi(input.startsAt), durationMinutes: input.durationMinutes, message: input.message });
      return reply.status(201).send(await one(request, id));
    });

    app.get('/api/v1/visits/:id', { schema: { tags, params: IdParams, response: { 200: VisitJson } } }, (request) => one(request, idOf(request)));

    app.post('/api/v1/visits/:id/accept', { schema: { tags, params: IdParams, response: { 200: VisitJson } } }, async (request) => {
      await acceptVisit(deps, requireActor(request), idOf(request));
      return one(request, idOf(request));
    });

    app.post('/api/v1/visits/:id/reschedule', { schema: { tags, params: IdParams, body: RescheduleInput, response: { 200: VisitJson } } }, async (request) => {
      const input = parseInput(RescheduleInput, request.body);
      await proposeOtherTime(deps, requireActor(request), idOf(request), { startsAt: instantFromApi(input.startsAt), durationMinutes: input.durationMinutes });
      return one(request, idOf(request));
    });

    app.post('/api/v1/visits/:id/decline', { schema: { tags, params: IdParams, body: Type.Optional(DeclineInput), response: { 200: VisitJson } } }, async (request) => {
      await declineVisit(deps, requireActor(request), idOf(request), parseInput(DeclineInput, request.body ?? {}));
      return one(request, idOf(request));
    });

    app.post('/api/v1/visits/:id/cancel', { schema: { tags, params: IdParams, response: { 200: VisitJson } } }, async (request) => {
      await cancelVisit(deps, requireActor(request), idOf(request));
      return one(request, idOf(request));
    });
  };
}
