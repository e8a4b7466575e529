import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import type { Page } from '../platform/paging.ts';
import { parseInput } from '../platform/validation/validate.ts';
import {
  CommunityIdParams,
  CommunityJson,
  CommunitySummaryJson,
  CreateCommunityInput,
  InviteInput,
  JoinInput,
  ListCommunitiesQuery,
  ListMembersQuery,
  MemberJson,
  MemberParams,
  MembershipJson,
  PageOf,
  RoleInput,
  UpdateCommunityInput,
  filterFromApiQuery,
  searchText,
} from './communities.schemas.ts';
import { createCommunity, getCommunityDetail, listCommunities, updateCommunity, type CommunityDetail } from './communities.usecases.ts';
import type { MemberRow } from './membership/membership.repository.ts';
import { approveRequest, changeMemberRole, declineRequest, inviteMember, joinCommunity, leaveCommunity, listCommunityMembers, type MembershipResult } from './membership/membership.usecases.ts';

const tags = ['communities'];
const NoContent = Type.Null();
const idOf = (request: FastifyRequest) => ({ id: (request.params as { id: string }).id });
const userIdOf = (request: FastifyRequest) => (request.params as { userId: string }).userId;

function toCommunityJson({ community, stats, myStatus }: CommunityDetail) {
  return {
    id: community.id,
    slug: community.slug,
    name: community.name,
    purpose: community.purpose,
    tags: community.tags,
    visibility: community.visibility,
    memberCount: stats.memberCount,
    myStatus,
    organisation: { id: community.organisationId, name: community.organisationName },
    partners: community.partners,
    allowPseudonymousQuestions: community.allowPseudonymousQuestions,
    allowPracticeSharing: community.allowPracticeSharing,
    facilitators: stats.facilitators.map((f) => ({ userId: f.userId, name: f.name })),
    createdAt: community.createdAt.toISOString(),
    updatedAt: community.updatedAt.toISOString(),
  };
}

const toMemberJson = (m: MemberRow) => ({
  userId: m.userId,
  name: m.name,
  jobTitle: m.jobTitle,
  organisation: { id: m.organisationId, name: m.organisationName },
  role: m.role,
  joinedAt: m.joinedAt.toISOString(),
});

const toMembershipJson = (m: MembershipResult) => ({ communityId: m.communityId, userId: m.userId, status: m.status, role: m.role });

const mapPage = <T, U>(page: Page<T>, map: (item: T) => U): Page<U> => ({ ...page, items: page.items.map(map) });

/** /api/v1/communities: the same use cases as the pages; errors are problem+json. */
export function communitiesApiRoutes(deps: Deps) {
  return async function communitiesApi(app: FastifyInstance) {
    // Anonymous callers get 401 before their input is even validated.
    app.addHook('preValidation', async (request) => void requireActor(request));

    app.get('/api/v1/communities', { schema: { tags, querystring: ListCommunitiesQuery, response: { 200: PageOf(CommunitySummaryJson) } } }, async (request) => {
      const filter = filterFromApiQuery(parseInput(ListCommunitiesQuery, request.query));
      return (await listCommunities(deps, requireActor(request), filter)).page;
    });

    app.post('/api/v1/communities', { schema: { tags, body: CreateCommunityInput, response: { 201: CommunityJson } } }, async (request, reply) => {
      const detail = await createCommunity(deps, requireActor(request), parseInput(CreateCommunityInput, request.body));
      return reply.status(201).send(toCommunityJson(detail));
    });

    app.get('/api/v1/communities/:id', { schema: { tags, params: CommunityIdParams, response: { 200: CommunityJson } } }, async (request) =>
      toCommunityJson(await getCommunityDetail(deps, requireActor(request), idOf(request))),
    );

    app.patch('/api/v1/communities/:id', { schema: { tags, params: CommunityIdParams, body: UpdateCommunityInput, response: { 200: CommunityJson } } }, async (request) =>
      toCommunityJson(await updateCommunity(deps, requireActor(request), idOf(request), parseInput(UpdateCommunityInput, request.body))),
    );

    app.get('/api/v1/communities/:id/members', { schema: { tags, params: CommunityIdParams, querystring: ListMembersQuery, response: { 200: PageOf(MemberJson) } } }, async (request) => {
      const query = parseInput(ListMembersQuery, request.query);
      const paging = { page: query.page ?? 1, pageSize: query.pageSize ?? 20, q: searchText(query.q) };
      return mapPage((await listCommunityMembers(deps, requireActor(request), idOf(request), paging)).members, toMemberJson);
    });

    // The message is optional, and so is the body: joining an open community needs none.
    const emptyBody = async (request: FastifyRequest) => void (request.body ??= {});
    app.post('/api/v1/communities/:id/join', { preValidation: emptyBody, schema: { tags, params: CommunityIdParams, body: JoinInput, response: { 200: MembershipJson } } }, async (request) =>
      toMembershipJson(await joinCommunity(deps, requireActor(request), idOf(request), parseInput(JoinInput, request.body))),
    );

    app.post('/api/v1/communities/:id/leave', { schema: { tags, params: CommunityIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await leaveCommunity(deps, requireActor(request), idOf(request));
      return reply.status(204).send();
    });

    app.post('/api/v1/communities/:id/invitations', { schema: { tags, params: CommunityIdParams, body: InviteInput, response: { 201: MembershipJson } } }, async (request, reply) => {
      const result = await inviteMember(deps, requireActor(request), idOf(request), parseInput(InviteInput, request.body));
      return reply.status(201).send(toMembershipJson(result));
    });

    app.post('/api/v1/communities/:id/requests/:userId/approve', { schema: { tags, params: MemberParams, response: { 200: MembershipJson } } }, async (request) =>
      toMembershipJson(await approveRequest(deps, requireActor(request), idOf(request), userIdOf(request))),
    );

    app.post('/api/v1/communities/:id/requests/:userId/decline', { schema: { tags, params: MemberParams, response: { 204: NoContent } } }, async (request, reply) => {
      await declineRequest(deps, requireActor(request), idOf(request), userIdOf(request));
      return reply.status(204).send();
    });

    app.patch('/api/v1/communities/:id/members/:userId', { schema: { tags, params: MemberParams, body: RoleInput, response: { 200: MembershipJson } } }, async (request) =>
      toMembershipJson(await changeMemberRole(deps, requireActor(request), idOf(request), userIdOf(request), parseInput(RoleInput, request.body))),
    );
  };
}
