import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { parsePageNumber } from '../../platform/paging.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../../ui/components.tsx';
import { runForm } from '../../ui/forms.ts';
import type { Ui } from '../../ui/render.tsx';
import { redirectWithNotice, slugOf } from '../communities.http.ts';
import { PAGE_SIZE } from '../communities.models.ts';
import { communityPath } from '../communities.pages.tsx';
import { InviteInput, JoinInput, RoleInput, Uuid, searchText } from '../communities.schemas.ts';
import { getCommunityDetail } from '../communities.usecases.ts';
import { CommunityHomePage } from '../community-home.pages.tsx';
import { MembersListPage, PendingPage } from './membership.pages.tsx';
import {
  acceptCommunityInvitation,
  approveRequest,
  changeMemberRole,
  declineRequest,
  inviteMember,
  joinCommunity,
  leaveCommunity,
  listCommunityMembers,
  listPendingMembers,
  removeMember,
} from './membership.usecases.ts';

// A user id that is not a uuid is refused before it reaches the database.
const memberRoute = { schema: { params: Type.Object({ slug: Type.String(), userId: Uuid }), hide: true } };
const userIdOf = (request: FastifyRequest) => (request.params as { userId: string }).userId;
const pagingOf = (request: FastifyRequest) => ({ page: parsePageNumber((request.query as { pagina?: unknown }).pagina), pageSize: PAGE_SIZE });

/** Members, requests and invitations: pages and no-JavaScript form posts. */
export function membershipRoutes(deps: Deps, ui: Ui) {
  return async function membership(app: FastifyInstance) {
    const notice = (reply: FastifyReply, path: string, key: string) => redirectWithNotice(reply, deps, path, key);

    app.get('/gemeenschappen/:slug/leden', async (request, reply) => {
      const q = searchText((request.query as { q?: unknown }).q);
      const data = await listCommunityMembers(deps, requireActor(request), slugOf(request), { ...pagingOf(request), q });
      return ui.send(reply, <MembersListPage ctx={ui.context(request)} data={data} q={q} />);
    });

    const renderPending = async (request: FastifyRequest, reply: FastifyReply, inviteForm: FormState, status = 200) => {
      const { community, pending } = await listPendingMembers(deps, requireActor(request), slugOf(request), pagingOf(request));
      return ui.send(reply, <PendingPage ctx={ui.context(request)} community={community} pending={pending} inviteForm={inviteForm} />, status);
    };

    app.get('/gemeenschappen/:slug/aanvragen', (request, reply) => renderPending(request, reply, emptyForm()));

    app.post('/gemeenschappen/:slug/lid-worden', async (request, reply) => {
      const result = await joinCommunity(deps, requireActor(request), slugOf(request), {});
      return notice(reply, communityPath(result.slug), result.status === 'active' ? 'communities.notice.joined' : 'communities.notice.requested');
    });

    app.post('/gemeenschappen/:slug/aanvraag', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => joinCommunity(deps, actor, slugOf(request), parseInput(JoinInput, request.body)));
      if (!result.ok) {
        const detail = await getCommunityDetail(deps, actor, slugOf(request));
        return ui.send(reply, <CommunityHomePage ctx={ui.context(request)} detail={detail} requestForm={result.form} />, result.status);
      }
      return notice(reply, communityPath(result.value.slug), result.value.status === 'active' ? 'communities.notice.joined' : 'communities.notice.requested');
    });

    app.post('/gemeenschappen/:slug/aanvraag/intrekken', async (request, reply) => {
      const result = await leaveCommunity(deps, requireActor(request), slugOf(request), { from: 'requested' });
      return notice(reply, communityPath(result.slug), 'communities.notice.request_cancelled');
    });

    app.post('/gemeenschappen/:slug/verlaten', async (request, reply) => {
      const actor = requireActor(request);
      const asked = ui.confirm(request, reply, request.t('communities.confirm.leave'));
      if (asked) return asked;
      await leaveCommunity(deps, actor, slugOf(request), { from: 'active' });
      // After leaving, a closed or secret community may no longer be visible: go to the list.
      return notice(reply, '/gemeenschappen', 'communities.notice.left');
    });

    app.post('/gemeenschappen/:slug/uitnodiging/accepteren', async (request, reply) => {
      const result = await acceptCommunityInvitation(deps, requireActor(request), slugOf(request));
      return notice(reply, communityPath(result.slug), 'communities.notice.joined');
    });

    app.post('/gemeenschappen/:slug/uitnodiging/afslaan', async (request, reply) => {
      await leaveCommunity(deps, requireActor(request), slugOf(request), { from: 'invited' });
      return notice(reply, '/', 'communities.notice.invitation_declined');
    });

    app.post('/gemeenschappen/:slug/aanvragen/:userId/toelaten', memberRoute, async (request, reply) => {
      const result = await approveRequest(deps, requireActor(request), slugOf(request), userIdOf(request));
      return notice(reply, communityPath(result.slug, '/aanvragen'), 'communities.notice.approved');
    });

    app.post('/gemeenschappen/:slug/aanvragen/:userId/afwijzen', memberRoute, async (request, reply) => {
      const result = await declineRequest(deps, requireActor(request), slugOf(request), userIdOf(request));
      return notice(reply, communityPath(result.slug, '/aanvragen'), 'communities.notice.declined');
    });

    app.post('/gemeenschappen/:slug/uitnodigen', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => inviteMember(deps, actor, slugOf(request), parseInput(InviteInput, request.body)));
      if (!result.ok) return renderPending(request, reply, result.form, result.status);
      return notice(reply, communityPath(result.value.slug, '/aanvragen'), 'communities.notice.invited');
    });

    app.post('/gemeenschappen/:slug/leden/:userId/rol', memberRoute, async (request, reply) => {
      const result = await changeMemberRole(deps, requireActor(request), slugOf(request), userIdOf(request), parseInput(RoleInput, request.body));
      return notice(reply, communityPath(result.slug, '/leden'), 'communities.notice.role_changed');
    });

    app.post('/gemeenschappen/:slug/leden/:userId/verwijderen', memberRoute, async (request, reply) => {
      const actor = requireActor(request);
      const asked = ui.confirm(request, reply, request.t('communities.confirm.remove'));
      if (asked) return asked;
      const result = await removeMember(deps, actor, slugOf(request), userIdOf(request));
      const back = (request.body as { terug?: unknown }).terug === 'aanvragen' ? '/aanvragen' : '/leden';
      return notice(reply, communityPath(result.slug, back), 'communities.notice.removed');
    });
  };
}
