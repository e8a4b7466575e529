import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { redirectWithNotice } from '../../platform/http/context.ts';
import { parsePageNumber } from '../../platform/paging.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../../ui/components.tsx';
import { runForm } from '../../ui/forms.ts';
import type { Ui } from '../../ui/render.tsx';
import { idOf } from '../practices.http.ts';
import type { PracticePageExtension } from '../practices.routes.tsx';
import { visitsApiRoutes } from './visits.api.routes.ts';
import { PAGE_SIZE } from './visits.models.ts';
import { MyVisitsPage, RequestVisitPage, VisitBlockSection, VisitPage, visitPath } from './visits.pages.tsx';
import { RequestVisitForm, RescheduleForm, timeFromForm } from './visits.schemas.ts';
import { acceptVisit, cancelVisit, declineVisit, getVisit, getVisitBlock, listMyVisits, prepareVisitRequest, proposeOtherTime, requestVisit } from './visits.usecases.ts';

/** The "Meekijken" block on the story page, for practicesRoutes(deps, ui, { pageExtension }). */
export function visitsPageExtension(deps: Deps, ui: Ui): PracticePageExtension {
  return async (request, view) => {
    if (!request.actor) return {};
    const block = await getVisitBlock(deps, request.actor, { practice: view.practice, mayTakePart: view.can.participate });
    return { visits: <VisitBlockSection ctx={ui.context(request)} practiceId={view.practice.id} block={block} /> };
  };
}

/** Meekijken: asking to watch a story's author at work, and agreeing on a moment by turns. */
export function visitsRoutes(deps: Deps, ui: Ui) {
  return async function visits(app: FastifyInstance) {
    const renderRequest = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const target = await prepareVisitRequest(deps, requireActor(request), idOf(request));
      return ui.send(reply, <RequestVisitPage ctx={ui.context(request)} target={target} form={form} />, status);
    };
    app.get('/praktijk/:id/meekijken', (request, reply) => renderRequest(request, reply, emptyForm({ durationMinutes: '60' })));
    app.post('/praktijk/:id/meekijken', async (request, reply) => {
      const result = await runForm(request, async () => {
        const input = parseInput(RequestVisitForm, request.body);
        return requestVisit(deps, requireActor(request), idOf(request), { ...timeFromForm(input), message: input.message });
      });
      if (!result.ok) return renderRequest(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, visitPath(result.value.id), 'visits.notice.requested');
    });

    app.get('/meekijken', async (request, reply) => {
      const page = await listMyVisits(deps, requireActor(request), { page: parsePageNumber((request.query as Record<string, unknown>).pagina), pageSize: PAGE_SIZE });
      return ui.send(reply, <MyVisitsPage ctx={ui.context(request)} page={page} />);
    });

    const renderVisit = async (request: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) =>
      ui.send(reply, <VisitPage ctx={ui.context(request)} view={await getVisit(deps, requireActor(request), idOf(request))} form={form} />, status);
    app.get('/meekijken/:id', (request, reply) => renderVisit(request, reply));

    app.post('/meekijken/:id/accepteren', async (request, reply) => {
      await acceptVisit(deps, requireActor(request), idOf(request));
      return redirectWithNotice(reply, deps.config, visitPath(idOf(request)), 'visits.notice.accepted');
    });
    app.post('/meekijken/:id/ander-moment', async (request, reply) => {
      const result = await runForm(request, () => proposeOtherTime(deps, requireActor(request), idOf(request), timeFromForm(parseInput(RescheduleForm, request.body))));
      if (!result.ok) return renderVisit(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, visitPath(idOf(request)), 'visits.notice.rescheduled');
    });
    app.post('/meekijken/:id/afwijzen', async (request, reply) => {
      const actor = requireActor(request);
      const asked = ui.confirm(request, reply, request.t('visits.confirm.decline'));
      if (asked) return asked;
      await declineVisit(deps, actor, idOf(request), {});
      return redirectWithNotice(reply, deps.config, visitPath(idOf(request)), 'visits.notice.declined');
    });
    app.post('/meekijken/:id/annuleren', async (request, reply) => {
      const actor = requireActor(request);
      const asked = ui.confirm(request, reply, request.t('visits.confirm.cancel'));
      if (asked) return asked;
      await cancelVisit(deps, actor, idOf(request));
      return redirectWithNotice(reply, deps.config, visitPath(idOf(request)), 'visits.notice.cancelled');
    });

    await app.register(visitsApiRoutes(deps));
  };
}
