import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redirectWithNotice, slugOf } from '../communities/communities.http.ts';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { createFrameworkNotFoundError } from './frameworks.errors.ts';
import { frameworksApiRoutes } from './frameworks.api.routes.ts';
import { frameworkResponsesRoutes, renderFrameworkPage } from './responses/responses.routes.tsx';
import { DiffPage, DraftPage, VersionsPage, draftFormValues, frameworkPath } from './frameworks.pages.tsx';
import { PublishInput, SaveDraftInput, draftFormInput, versionNumber } from './frameworks.schemas.ts';
import { compareFrameworkVersions, getDraft, listFrameworkVersions, publishFramework, saveDraft } from './frameworks.usecases.ts';

function versionOrNotFound(value: string): number {
  const number = versionNumber(value);
  if (number === null) throw createFrameworkNotFoundError();
  return number;
}

/** Kader: the current framework, the draft editor (managers), the history and the diff. */
export function frameworksRoutes(deps: Deps, ui: Ui) {
  return async function frameworks(app: FastifyInstance) {
    // The page itself is rendered by the responses sub-feature: it adds the members' forms and the answers.
    app.get('/gemeenschappen/:slug/kader', (request, reply) => renderFrameworkPage(deps, ui, request, reply));

    const renderDraft = async (request: FastifyRequest, reply: FastifyReply, forms: { form?: FormState; publishForm?: FormState }, status = 200) => {
      const view = await getDraft(deps, requireActor(request), slugOf(request));
      const form = forms.form ?? emptyForm(draftFormValues(view.content));
      return ui.send(reply, <DraftPage ctx={ui.context(request)} view={view} form={form} publishForm={forms.publishForm ?? emptyForm()} />, status);
    };

    app.get('/gemeenschappen/:slug/kader/concept', (request, reply) => renderDraft(request, reply, {}));

    app.post('/gemeenschappen/:slug/kader/concept', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => saveDraft(deps, actor, slugOf(request), parseInput(SaveDraftInput, draftFormInput(request.body))));
      if (!result.ok) return renderDraft(request, reply, { form: result.form }, result.status);
      return redirectWithNotice(reply, deps, frameworkPath(slugOf(request).slug, '/concept'), 'frameworks.notice.saved');
    });

    app.post('/gemeenschappen/:slug/kader/publiceren', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => publishFramework(deps, actor, slugOf(request), parseInput(PublishInput, request.body ?? {})));
      if (!result.ok) return renderDraft(request, reply, { publishForm: result.form }, result.status);
      return redirectWithNotice(reply, deps, frameworkPath(slugOf(request).slug), 'frameworks.notice.published');
    });

    app.get('/gemeenschappen/:slug/kader/versies', async (request, reply) => {
      const { community, versions } = await listFrameworkVersions(deps, requireActor(request), slugOf(request));
      return ui.send(reply, <VersionsPage ctx={ui.context(request)} community={community} versions={versions} />);
    });

    app.get('/gemeenschappen/:slug/kader/versies/:a/:b', async (request, reply) => {
      const params = request.params as { a: string; b: string };
      const comparison = await compareFrameworkVersions(deps, requireActor(request), slugOf(request), versionOrNotFound(params.a), versionOrNotFound(params.b));
      return ui.send(reply, <DiffPage ctx={ui.context(request)} comparison={comparison} />);
    });

    await app.register(frameworksApiRoutes(deps));
    await app.register(frameworkResponsesRoutes(deps, ui));
  };
}
