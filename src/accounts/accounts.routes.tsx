import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { isAppError } from '../platform/errors.ts';
import { setNotice } from '../platform/http/context.ts';
import { wantsJson } from '../platform/http/error-handler.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { emptyForm } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { clearSessionCookie, clientOf, requireActorOnApi, setSessionCookie } from './accounts.http.ts';
import { LinkInvalidPage, LogInPage } from './accounts.pages.tsx';
import { LocaleInput, LogInInput } from './accounts.schemas.ts';
import { logIn, logOut, safeNextPath, setLocale } from './accounts.usecases.ts';
import { accessTokensRoutes } from './access-tokens/access-tokens.routes.tsx';
import { invitationsRoutes } from './invitations/invitations.routes.tsx';
import { passwordResetRoutes } from './password-reset/password-reset.routes.tsx';
import { profileRoutes } from './profile/profile.routes.tsx';
import { sessionsRoutes } from './sessions/sessions.routes.tsx';
import { signUpRoutes } from './sign-up/sign-up.routes.tsx';

export function accountsRoutes(deps: Deps, ui: Ui) {
  return async function accounts(app: FastifyInstance) {
    // An expired, used or revoked link gets a page that says what to do next; every other error
    // goes on to the application's error handler.
    app.setErrorHandler((error, request, reply) => {
      if (isAppError(error) && error.code === 'accounts.link_invalid' && !wantsJson(request)) return ui.send(reply, <LinkInvalidPage ctx={ui.context(request)} />, 410);
      throw error;
    });
    app.addHook('preValidation', requireActorOnApi);

    app.get('/inloggen', async (request, reply) => {
      const next = safeNextPath((request.query as { volgende?: string }).volgende);
      if (request.actor) return reply.redirect(next);
      return ui.send(reply, <LogInPage ctx={ui.context(request)} form={emptyForm()} next={next} />);
    });

    app.post('/inloggen', async (request, reply) => {
      const next = safeNextPath((request.body as { next?: unknown })?.next);
      const result = await runForm(request, () => logIn(deps, parseInput(LogInInput, request.body), clientOf(request)));
      if (!result.ok) return ui.send(reply, <LogInPage ctx={ui.context(request)} form={result.form} next={next} />, result.status);
      setSessionCookie(reply, deps, result.value.token);
      return reply.redirect(next, 303);
    });

    app.post('/uitloggen', async (request, reply) => {
      if (request.actor) await logOut(deps, request.actor);
      clearSessionCookie(reply, deps);
      setNotice(reply, deps.config.isSecure, 'accounts.notice.logged_out');
      return reply.redirect('/inloggen', 303);
    });

    app.post('/taal', async (request, reply) => {
      const input = parseInput(LocaleInput, request.body);
      await setLocale(deps, request.actor, input.locale);
      reply.setCookie('lk_lang', input.locale, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.isSecure, maxAge: 31_536_000 });
      return reply.redirect(safeNextPath(input.next), 303);
    });

    await app.register(invitationsRoutes(deps, ui));
    await app.register(signUpRoutes(deps, ui));
    await app.register(passwordResetRoutes(deps, ui));
    await app.register(profileRoutes(deps, ui));
    await app.register(sessionsRoutes(deps, ui));
    await app.register(accessTokensRoutes(deps, ui));
  };
}
