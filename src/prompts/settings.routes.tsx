import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { redirectWithNotice } from '../platform/http/context.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { SettingsPage } from './inbox.pages.tsx';
import { createInvalidFieldError } from './prompts.errors.ts';
import { bodyOf } from './prompts.http.ts';
import { promptSettingsPath } from './prompts.paths.ts';
import { OptOutFormInput, SnoozeFormInput } from './prompts.schemas.ts';
import { getPromptSettings, setCommunityOptOut, snoozeEnd, updatePromptSettings } from './settings.usecases.ts';

/** /prikkels/instellingen: mail on or off, a pause, and per community "no prompts from here". */
export function settingsRoutes(deps: Deps, ui: Ui) {
  return async function promptSettings(app: FastifyInstance) {
    const render = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const settings = await getPromptSettings(deps, requireActor(request));
      return ui.send(reply, <SettingsPage ctx={ui.context(request)} settings={settings} form={form} />, status);
    };
    app.get(promptSettingsPath, (request, reply) => render(request, reply, emptyForm()));
    app.post(promptSettingsPath, async (request, reply) => {
      const actor = requireActor(request);
      const body = bodyOf(request);
      const result = await runForm(request, async () => {
        switch (body.action) {
          case 'email':
            await updatePromptSettings(deps, actor, { promptEmail: body.promptEmail === 'true' });
            return body.promptEmail === 'true' ? 'prompts.notice.email_on' : 'prompts.notice.email_off';
          case 'snooze':
            await updatePromptSettings(deps, actor, { snoozedUntil: snoozeEnd(parseInput(SnoozeFormInput, { period: body.period, ...(body.until ? { until: body.until } : {}) }), deps.clock.now()).toISOString() });
            return 'prompts.notice.snoozed';
          case 'unsnooze':
            await updatePromptSettings(deps, actor, { snoozedUntil: null });
            return 'prompts.notice.unsnoozed';
          case 'opt_out':
          case 'opt_in':
            await setCommunityOptOut(deps, actor, parseInput(OptOutFormInput, body).communityId, body.action === 'opt_out');
            return `prompts.notice.${body.action}`;
          default:
            throw createInvalidFieldError('action', 'validation.choice');
        }
      });
      if (!result.ok) return render(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, promptSettingsPath, result.value);
    });
  };
}
