import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { setNotice } from '../platform/http/context.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { emptyForm } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { clearSessionCookie, clientOf, setSessionCookie } from './accounts.http.ts';
import { LogInPage } from './accounts.pages.tsx';
import { LocaleInput, LogInInput } from './accounts.schemas.ts';
import { logIn, logOut, safeNextPath, setLocale } from './accounts.usecases.ts';

export function accountsRoutes(deps: Deps, ui: Ui) {
  return async function accounts(app: FastifyInstance) {
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
  };
}
