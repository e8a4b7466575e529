import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { requireActorHook } from '../organisations.http.ts';
import { OrganisationParams } from '../organisations.schemas.ts';
import { memberToJson } from './members.models.ts';
import { MemberListQuery, MemberListResponse, MemberParams, MemberResponse, UpdateMemberInput } from './members.schemas.ts';
import { listMembers, updateMember } from './members.usecases.ts';

const tags = ['organisations'];

/** /api/v1/organisations/:id/members: for the organisation's administrators and platform administrators. */
export function memberApiRoutes(deps: Deps) {
  return async function membersApi(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('preValidation', requireActorHook);

    app.get('/api/v1/organisations/:id/members', { schema: { tags, summary: 'Members of an organisation', params: OrganisationParams, querystring: MemberListQuery, response: { 200: MemberListResponse } } }, async (request) => {
      const { members } = await listMembers(deps, requireActor(request), request.params.id, parseInput(MemberListQuery, request.query));
      return { ...members, items: members.items.map(memberToJson) };
    });

    app.patch('/api/v1/organisations/:id/members/:userId', { schema: { tags, summary: "Change a member's role or status", params: MemberParams, body: UpdateMemberInput, response: { 200: MemberResponse } } }, async (request) => {
      const ref = { organisationId: request.params.id, userId: request.params.userId };
      return memberToJson(await updateMember(deps, requireActor(request), ref, parseInput(UpdateMemberInput, request.body)));
    });
  };
}
