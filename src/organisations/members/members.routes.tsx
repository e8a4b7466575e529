import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { setNotice } from '../../platform/http/context.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../../ui/components.tsx';
import { runForm } from '../../ui/forms.ts';
import type { Ui } from '../../ui/render.tsx';
import { requireMemberAdmin } from '../organisations.http.ts';
import { memberPageQuery, type Member } from './members.models.ts';
import { MemberPage, MembersPage, memberUrl } from './members.pages.tsx';
import { ChangeMemberRoleInput } from './members.schemas.ts';
import { changeMemberRole, deactivateMember, getMember, listMembers, reactivateMember, type MemberRef } from './members.usecases.ts';

/** /beheer/organisatie: the administrator's own organisation only; the organisation comes from the actor, never the URL. */
export function memberPageRoutes(deps: Deps, ui: Ui) {
  const refOf = (actor: Actor, request: FastifyRequest): MemberRef => ({ organisationId: actor.organisationId, userId: (request.params as { userId: string }).userId });

  /** Re-shows the member page with what went wrong, e.g. "the last administrator". */
  async function showMemberErrors(request: FastifyRequest, reply: FastifyReply, actor: Actor, failed: { form: FormState; status: number }) {
    const { member } = await getMember(deps, actor, refOf(actor, request));
    const form = { values: { role: member.role, ...failed.form.values }, errors: failed.form.errors };
    return ui.send(reply, <MemberPage ctx={ui.context(request)} member={member} form={form} />, failed.status);
  }

  /** An administrator who just gave up their own admin role can no longer see this page. */
  const afterChange = (actor: Actor, member: Member) => (member.id === actor.userId && member.role !== 'admin' && !actor.isPlatformAdmin ? '/' : memberUrl(member));

  return async function memberPages(app: FastifyInstance) {
    app.get('/beheer/organisatie', async (request, reply) => {
      const actor = requireMemberAdmin(request);
      const query = memberPageQuery(request.query);
      const { organisation, members } = await listMembers(deps, actor, actor.organisationId, query);
      const filter = emptyForm({ zoek: query.q, rol: query.role, status: query.status });
      return ui.send(reply, <MembersPage ctx={ui.context(request)} organisation={organisation} members={members} filter={filter} />);
    });

    app.get('/beheer/organisatie/leden/:userId', async (request, reply) => {
      const actor = requireMemberAdmin(request);
      const { member } = await getMember(deps, actor, refOf(actor, request));
      return ui.send(reply, <MemberPage ctx={ui.context(request)} member={member} form={emptyForm({ role: member.role })} />);
    });

    app.post('/beheer/organisatie/leden/:userId/rol', async (request, reply) => {
      const actor = requireMemberAdmin(request);
      const result = await runForm(request, () => changeMemberRole(deps, actor, refOf(actor, request), parseInput(ChangeMemberRoleInput, request.body).role));
      if (!result.ok) return showMemberErrors(request, reply, actor, result);
      setNotice(reply, deps.config.isSecure, 'organisations.members.notice.role_changed');
      return reply.redirect(afterChange(actor, result.value), 303);
    });

    app.post('/beheer/organisatie/leden/:userId/deactiveren', async (request, reply) => {
      const actor = requireMemberAdmin(request);
      const unconfirmed = ui.confirm(request, reply, request.t('organisations.members.deactivate_confirm_page'));
      if (unconfirmed) return unconfirmed;
      const result = await runForm(request, () => deactivateMember(deps, actor, refOf(actor, request)));
      if (!result.ok) return showMemberErrors(request, reply, actor, result);
      setNotice(reply, deps.config.isSecure, 'organisations.members.notice.deactivated');
      return reply.redirect(memberUrl(result.value), 303);
    });

    app.post('/beheer/organisatie/leden/:userId/heractiveren', async (request, reply) => {
      const actor = requireMemberAdmin(request);
      const result = await runForm(request, () => reactivateMember(deps, actor, refOf(actor, request)));
      if (!result.ok) return showMemberErrors(request, reply, actor, result);
      setNotice(reply, deps.config.isSecure, 'organisations.members.notice.reactivated');
      return reply.redirect(memberUrl(result.value), 303);
    });
  };
}
