import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { setNotice } from '../../platform/http/context.ts';
import { parseInput, splitList } from '../../platform/validation/validate.ts';
import { emptyForm } from '../../ui/components.tsx';
import { runForm } from '../../ui/forms.ts';
import type { Ui } from '../../ui/render.tsx';
import { ChangePasswordInput, MeResponse, UpdateProfileInput } from '../accounts.schemas.ts';
import { ChangePasswordPage, profileFormValues, ProfilePage } from './profile.pages.tsx';
import { changePassword, getProfile, updateProfile } from './profile.usecases.ts';

/** The form sends expertise as one comma-separated field; the API (and the schema) as an array. */
function fromProfileForm(body: unknown): unknown {
  if (!body || typeof body !== 'object' || !('expertise' in body)) return body;
  return { ...body, expertise: splitList(body.expertise) };
}

export function profileRoutes(deps: Deps, ui: Ui) {
  return async function profile(app: FastifyInstance) {
    app.get('/profiel', async (request, reply) => {
      const profile = await getProfile(deps, requireActor(request));
      return ui.send(reply, <ProfilePage ctx={ui.context(request)} form={emptyForm(profileFormValues(profile))} profile={profile} />);
    });

    app.post('/profiel', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => updateProfile(deps, actor, parseInput(UpdateProfileInput, fromProfileForm(request.body))));
      if (!result.ok) return ui.send(reply, <ProfilePage ctx={ui.context(request)} form={result.form} profile={await getProfile(deps, actor)} />, result.status);
      setNotice(reply, deps.config.isSecure, 'accounts.notice.profile_saved');
      return reply.redirect('/profiel', 303);
    });

    app.get('/profiel/wachtwoord', async (request, reply) => {
      requireActor(request);
      return ui.send(reply, <ChangePasswordPage ctx={ui.context(request)} form={emptyForm()} />);
    });

    app.post('/profiel/wachtwoord', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => changePassword(deps, actor, parseInput(ChangePasswordInput, request.body)));
      if (!result.ok) return ui.send(reply, <ChangePasswordPage ctx={ui.context(request)} form={result.form} />, result.status);
      setNotice(reply, deps.config.isSecure, 'accounts.notice.password_changed');
      return reply.redirect('/profiel', 303);
    });

    app.get('/api/v1/me', { schema: { summary: 'Your own profile', tags: ['accounts'], response: { 200: MeResponse } } }, async (request) => getProfile(deps, requireActor(request)));

    app.patch('/api/v1/me', { schema: { summary: 'Change your profile', tags: ['accounts'], body: UpdateProfileInput, response: { 200: MeResponse } } }, async (request) =>
      updateProfile(deps, requireActor(request), request.body as UpdateProfileInput),
    );
  };
}
