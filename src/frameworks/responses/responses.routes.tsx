import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redirectWithNotice, slugOf } from '../../communities/communities.http.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import type { FormState } from '../../ui/components.tsx';
import { runForm } from '../../ui/forms.ts';
import type { Ui } from '../../ui/render.tsx';
import { FrameworkPage, frameworkPath } from '../frameworks.pages.tsx';
import { getCurrentFramework } from '../frameworks.usecases.ts';
import { frameworkResponsesApiRoutes } from './responses.api.routes.ts';
import { createResponseNotFoundError } from './responses.errors.ts';
import { AnsweredResponses, ResponsesPage, respondSlot, responsesPath } from './responses.pages.tsx';
import { AdoptInput, AnswerInput, RespondInput, adoptFormInput, respondFormInput } from './responses.schemas.ts';
import { adoptFrameworkProposal, answerFrameworkResponse, getReaderResponses, listFrameworkResponses, respondToFramework } from './responses.usecases.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A response id from a URL; anything that is no uuid names no response. */
function responseIdOf(request: FastifyRequest): string {
  const id = (request.params as { id: string }).id;
  if (!UUID.test(id)) throw createResponseNotFoundError();
  return id;
}

/** The framework page with the members' response forms and the answers given (the GET of /kader and the 422 of a response). */
export async function renderFrameworkPage(deps: Deps, ui: Ui, request: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) {
  const actor = requireActor(request);
  const ref = slugOf(request);
  const [overview, reader] = await Promise.all([getCurrentFramework(deps, actor, ref), getReaderResponses(deps, actor, ref)]);
  const ctx = ui.context(request);
  const slug = overview.community.slug;
  return ui.send(
    reply,
    <FrameworkPage ctx={ctx} overview={overview} respond={respondSlot(ctx, slug, reader, overview.current?.learningQuestions ?? [], form)}>
      {overview.canWrite && <p class="utrecht-paragraph"><a class="utrecht-link" href={responsesPath(slug)}>{ctx.t('framework_responses.overview_link')}</a></p>}
      <AnsweredResponses ctx={ctx} reader={reader} learningQuestions={overview.current?.learningQuestions ?? []} />
    </FrameworkPage>,
    status,
  );
}

/** Kader/reacties: members respond to the current framework; managers see the counts and texts, answer and adopt. */
export function frameworkResponsesRoutes(deps: Deps, ui: Ui) {
  return async function frameworkResponses(app: FastifyInstance) {
    app.post('/gemeenschappen/:slug/kader/reacties', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => respondToFramework(deps, actor, slugOf(request), parseInput(RespondInput, respondFormInput(request.body))));
      if (!result.ok) return renderFrameworkPage(deps, ui, request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps, frameworkPath(slugOf(request).slug), 'framework_responses.notice.sent');
    });

    const renderOverview = async (request: FastifyRequest, reply: FastifyReply, form?: { id: string; action: 'answer' | 'adopt'; state: FormState }, status = 200) => {
      const overview = await listFrameworkResponses(deps, requireActor(request), slugOf(request));
      return ui.send(reply, <ResponsesPage ctx={ui.context(request)} overview={overview} form={form} />, status);
    };

    app.get('/gemeenschappen/:slug/kader/reacties', (request, reply) => renderOverview(request, reply));

    app.post('/gemeenschappen/:slug/kader/reacties/:id/beantwoorden', async (request, reply) => {
      const actor = requireActor(request);
      const id = responseIdOf(request);
      const result = await runForm(request, () => answerFrameworkResponse(deps, actor, slugOf(request), id, parseInput(AnswerInput, request.body ?? {})));
      if (!result.ok) return renderOverview(request, reply, { id, action: 'answer', state: result.form }, result.status);
      return redirectWithNotice(reply, deps, responsesPath(slugOf(request).slug), 'framework_responses.notice.answered');
    });

    app.post('/gemeenschappen/:slug/kader/reacties/:id/overnemen', async (request, reply) => {
      const actor = requireActor(request);
      const id = responseIdOf(request);
      const result = await runForm(request, () => adoptFrameworkProposal(deps, actor, slugOf(request), id, parseInput(AdoptInput, adoptFormInput(request.body))));
      if (!result.ok) return renderOverview(request, reply, { id, action: 'adopt', state: result.form }, result.status);
      return redirectWithNotice(reply, deps, responsesPath(slugOf(request).slug), 'framework_responses.notice.adopted');
    });

    await app.register(frameworkResponsesApiRoutes(deps));
  };
}
