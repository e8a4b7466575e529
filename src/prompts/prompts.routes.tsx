import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { redirectWithNotice } from '../platform/http/context.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { ComposePage, CommunityPromptsPage } from './compose.pages.tsx';
import { AnswerPage, InboxPage } from './inbox.pages.tsx';
import { getDelivery, listInbox, respondToPrompt } from './inbox.usecases.ts';
import { promptsApiRoutes } from './prompts.api.routes.ts';
import { bodyOf, idOf, pageOf, slugOf } from './prompts.http.ts';
import { promptAnswerPath, promptResultsPath } from './prompts.paths.ts';
import { AudienceInput, ComposePromptInput, RespondInput, composeFormInput, respondFormInput } from './prompts.schemas.ts';
import { composePrompt, listPrompts, prepareCompose, previewAudience } from './prompts.usecases.ts';
import type { AudienceSize } from './prompts.models.ts';
import { ResultsPage } from './results.pages.tsx';
import { cancelPrompt, getPromptResults } from './results.usecases.ts';
import { reuseResponse } from './reuse.usecases.ts';
import { settingsRoutes } from './settings.routes.tsx';

/** Gerichte prikkels: composing and the sender's results, the inbox and answering, as pages and form posts. */
export function promptsRoutes(deps: Deps, ui: Ui) {
  return async function prompts(app: FastifyInstance) {
    const renderCompose = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, audienceCount?: AudienceSize) => {
      const compose = await prepareCompose(deps, requireActor(request), slugOf(request));
      return ui.send(reply, <ComposePage ctx={ui.context(request)} compose={compose} form={form} audienceCount={audienceCount} />, status);
    };
    app.get('/gemeenschappen/:slug/prikkels/nieuw', (request, reply) =>
      renderCompose(request, reply, emptyForm({ kind: 'reflection', responseMode: 'text', visibility: 'facilitators', scheduleKind: 'now', windowAmount: '3', windowUnit: 'days' })));
    app.post('/gemeenschappen/:slug/prikkels/nieuw', async (request, reply) => {
      const input = composeFormInput(request.body);
      if (bodyOf(request).preview !== undefined) {
        // "How many people do I reach?" without JavaScript: the same form back, with the count.
        const counted = await runForm(request, () => previewAudience(deps, requireActor(request), slugOf(request), parseInput(AudienceInput, input)));
        return counted.ok ? renderCompose(request, reply, emptyForm(bodyOf(request)), 200, counted.value) : renderCompose(request, reply, counted.form, counted.status);
      }
      const result = await runForm(request, () => composePrompt(deps, requireActor(request), slugOf(request), parseInput(ComposePromptInput, input)));
      if (!result.ok) return renderCompose(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, promptResultsPath(result.value.id), 'prompts.notice.scheduled');
    });

    app.get('/gemeenschappen/:slug/prikkels', async (request, reply) => {
      const result = await listPrompts(deps, requireActor(request), slugOf(request), pageOf(request));
      return ui.send(reply, <CommunityPromptsPage ctx={ui.context(request)} result={result} />);
    });

    app.get('/prikkels/verzonden/:id', async (request, reply) => {
      const results = await getPromptResults(deps, requireActor(request), idOf(request));
      return ui.send(reply, <ResultsPage ctx={ui.context(request)} results={results} />);
    });
    app.post('/prikkels/verzonden/:id/annuleren', async (request, reply) => {
      const actor = requireActor(request);
      const asked = ui.confirm(request, reply, request.t('prompts.results.cancel_confirm'));
      if (asked) return asked;
      await cancelPrompt(deps, actor, idOf(request));
      return redirectWithNotice(reply, deps.config, promptResultsPath(idOf(request)), 'prompts.notice.cancelled');
    });
    app.post('/prikkels/verzonden/:id/hergebruiken', async (request, reply) => {
      const body = bodyOf(request);
      const as = body.as === 'question' ? 'question' : 'practice';
      const { editPath } = await reuseResponse(deps, requireActor(request), idOf(request), { responseId: typeof body.responseId === 'string' ? body.responseId : '', as });
      return redirectWithNotice(reply, deps.config, editPath, `prompts.notice.reused_${as}`);
    });

    await app.register(settingsRoutes(deps, ui));

    app.get('/prikkels', async (request, reply) => {
      const page = await listInbox(deps, requireActor(request), pageOf(request));
      return ui.send(reply, <InboxPage ctx={ui.context(request)} page={page} />);
    });

    const renderAnswer = async (request: FastifyRequest, reply: FastifyReply, form: FormState | undefined, status = 200) => {
      const view = await getDelivery(deps, requireActor(request), idOf(request));
      const mine = view.myResponse;
      const values = mine ? { choice: mine.choice === null ? '' : String(mine.choice), body: mine.body, mayReuse: mine.mayReuse ? 'on' : '' } : {};
      return ui.send(reply, <AnswerPage ctx={ui.context(request)} view={view} form={form ?? emptyForm(values)} />, status);
    };
    app.get('/prikkels/:id', (request, reply) => renderAnswer(request, reply, undefined));
    app.post('/prikkels/:id', async (request, reply) => {
      const result = await runForm(request, () => respondToPrompt(deps, requireActor(request), idOf(request), parseInput(RespondInput, respondFormInput(request.body))));
      if (!result.ok) return renderAnswer(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, promptAnswerPath(idOf(request)), result.value.isNew ? 'prompts.notice.responded' : 'prompts.notice.response_edited');
    });

    await app.register(promptsApiRoutes(deps));
  };
}

