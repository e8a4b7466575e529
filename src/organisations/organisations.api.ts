import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { requireActorHook } from './organisations.http.ts';
import { organisationToJson, parseOrganisationInput } from './organisations.models.ts';
import {
  CreateOrganisationInput,
  OrganisationListQuery,
  OrganisationListResponse,
  OrganisationParams,
  OrganisationResponse,
  UpdateOrganisationInput,
} from './organisations.schemas.ts';
import { createOrganisation, getOrganisation, listOrganisations, updateOrganisation } from './organisations.usecases.ts';

const tags = ['organisations'];

/** /api/v1/organisations: the same use cases as the pages, as JSON (NL API Design Rules). */
export function organisationApiRoutes(deps: Deps) {
  return async function organisationsApi(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('preValidation', requireActorHook);

    app.get('/api/v1/organisations', { schema: { tags, summary: 'Organisations you may see', querystring: OrganisationListQuery, response: { 200: OrganisationListResponse } } }, async (request) => {
      const page = await listOrganisations(deps, requireActor(request), parseInput(OrganisationListQuery, request.query));
      return { ...page, items: page.items.map(organisationToJson) };
    });

    app.post('/api/v1/organisations', { schema: { tags, summary: 'Create an organisation (platform administrators)', body: CreateOrganisationInput, response: { 201: OrganisationResponse } } }, async (request, reply) => {
      const organisation = await createOrganisation(deps, requireActor(request), parseOrganisationInput(CreateOrganisationInput, request.body));
      return reply.status(201).header('location', `/api/v1/organisations/${organisation.id}`).send(organisationToJson(organisation));
    });

    app.get('/api/v1/organisations/:id', { schema: { tags, summary: 'One organisation', params: OrganisationParams, response: { 200: OrganisationResponse } } }, async (request) => {
      return organisationToJson(await getOrganisation(deps, requireActor(request), { id: request.params.id }));
    });

    app.patch('/api/v1/organisations/:id', { schema: { tags, summary: 'Change an organisation (platform administrators)', params: OrganisationParams, body: UpdateOrganisationInput, response: { 200: OrganisationResponse } } }, async (request) => {
      const input = parseOrganisationInput(UpdateOrganisationInput, request.body);
      return organisationToJson(await updateOrganisation(deps, requireActor(request), { id: request.params.id }, input));
    });
  };
}
