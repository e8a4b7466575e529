import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { setNotice } from '../../platform/http/context.ts';
import { parsePageNumber } from '../../platform/paging.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../../ui/components.tsx';
import { runForm } from '../../ui/forms.ts';
import type { Ui } from '../../ui/render.tsx';
import { clientOf, linkTokenOf, requireInvitationManager, setSessionCookie } from '../accounts.http.ts';
import { AcceptInvitationInput, IdParams, InvitationResponse, InviteInput, OrganisationParams } from '../accounts.schemas.ts';
import { AcceptInvitationPage, INVITE_PATH, InvitePage } from './invitations.pages.tsx';
import { acceptInvitation, inviteMember, listOpenInvitations, revokeInvitation, viewInvitation } from './invitations.usecases.ts';

const ACCEPT_PATH = '/uitnodiging';

export function invitationsRoutes(deps: Deps, ui: Ui) {
  const showInvitePage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const page = parsePageNumber((request.query as { pagina?: unknown }).pagina);
    const invitations = await listOpenInvitations(deps, requireInvitationManager(request), page);
    return ui.send(reply, <InvitePage ctx={ui.context(request)} form={form} invitations={invitations} />, status);
  };
  const showAcceptPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const { token, action } = linkTokenOf(request, ACCEPT_PATH);
    const invitation = await viewInvitation(deps, token);
    return ui.send(reply, <AcceptInvitationPage ctx={ui.context(request)} form={form} invitation={invitation} action={action} />, status);
  };

  return async function invitations(app: FastifyInstance) {
    app.get(INVITE_PATH, async (request, reply) => showInvitePage(request, reply, emptyForm({ role: 'member', locale: request.locale })));

    app.post(INVITE_PATH, async (request, reply) => {
      const actor = requireInvitationManager(request);
      const result = await runForm(request, () => inviteMember(deps, actor, actor.organisationId, parseInput(InviteInput, request.body)));
      if (!result.ok) return showInvitePage(request, reply, result.form, result.status);
      setNotice(reply, deps.config.isSecure, 'accounts.notice.invitation_sent');
      return reply.redirect(INVITE_PATH, 303);
    });

    app.post(`${INVITE_PATH}/:id/intrekken`, { schema: { params: IdParams, hide: true } }, async (request, reply) => {
      const actor = requireInvitationManager(request);
      const confirmation = ui.confirm(request, reply, request.t('accounts.invitations.revoke_confirm'));
      if (confirmation) return confirmation;
      await revokeInvitation(deps, actor, (request.params as { id: string }).id);
      setNotice(reply, deps.config.isSecure, 'accounts.notice.invitation_revoked');
      return reply.redirect(INVITE_PATH, 303);
    });

    app.get(`${ACCEPT_PATH}/:token`, async (request, reply) => showAcceptPage(request, reply, emptyForm()));

    app.post(`${ACCEPT_PATH}/:token`, async (request, reply) => {
      const { token } = linkTokenOf(request, ACCEPT_PATH);
      const result = await runForm(request, () => acceptInvitation(deps, token, parseInput(AcceptInvitationInput, request.body), clientOf(request)));
      if (!result.ok) return showAcceptPage(request, reply, result.form, result.status);
      setSessionCookie(reply, deps, result.value.token);
      setNotice(reply, deps.config.isSecure, 'accounts.notice.account_created');
      return reply.redirect('/', 303);
    });

    app.post(
      '/api/v1/organisations/:organisationId/invitations',
      { schema: { summary: 'Invite someone to the organisation (organisation admin)', tags: ['accounts'], params: OrganisationParams, body: InviteInput, response: { 201: InvitationResponse } } },
      async (request, reply) => {
        const { organisationId } = request.params as { organisationId: string };
        const invitation = await inviteMember(deps, requireActor(request), organisationId, request.body as InviteInput);
        return reply.status(201).send(invitation);
      },
    );
  };
}
