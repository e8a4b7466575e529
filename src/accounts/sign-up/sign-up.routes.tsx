import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { setNotice } from '../../platform/http/context.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../../ui/components.tsx';
import { runForm } from '../../ui/forms.ts';
import type { Ui } from '../../ui/render.tsx';
import { clientOf, linkTokenOf, setSessionCookie } from '../accounts.http.ts';
import { CheckMailPage } from '../accounts.pages.tsx';
import { SignUpInput, VerifyEmailInput } from '../accounts.schemas.ts';
import { SignUpPage, VerifyEmailPage } from './sign-up.pages.tsx';
import { signUp, verifyEmail, viewEmailVerification } from './sign-up.usecases.ts';

const VERIFY_PATH = '/aanmelden/bevestigen';

export function signUpRoutes(deps: Deps, ui: Ui) {
  const showVerifyPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const { token, action } = linkTokenOf(request, VERIFY_PATH);
    const { email } = await viewEmailVerification(deps, token);
    return ui.send(reply, <VerifyEmailPage ctx={ui.context(request)} form={form} email={email} action={action} />, status);
  };

  return async function signUpPlugin(app: FastifyInstance) {
    app.get('/aanmelden', async (request, reply) => ui.send(reply, <SignUpPage ctx={ui.context(request)} form={emptyForm()} />));

    app.post('/aanmelden', async (request, reply) => {
      const context = { ...clientOf(request), locale: request.locale };
      const result = await runForm(request, () => signUp(deps, parseInput(SignUpInput, request.body), context));
      if (!result.ok) return ui.send(reply, <SignUpPage ctx={ui.context(request)} form={result.form} />, result.status);
      return reply.redirect('/aanmelden/verstuurd', 303);
    });

    app.get('/aanmelden/verstuurd', async (request, reply) => ui.send(reply, <CheckMailPage ctx={ui.context(request)} kind="sign_up" />));

    app.get(`${VERIFY_PATH}/:token`, async (request, reply) => showVerifyPage(request, reply, emptyForm()));

    app.post(`${VERIFY_PATH}/:token`, async (request, reply) => {
      const { token } = linkTokenOf(request, VERIFY_PATH);
      const result = await runForm(request, () => verifyEmail(deps, token, parseInput(VerifyEmailInput, request.body), clientOf(request)));
      if (!result.ok) return showVerifyPage(request, reply, result.form, result.status);
      setSessionCookie(reply, deps, result.value.token);
      setNotice(reply, deps.config.isSecure, 'accounts.notice.email_verified');
      return reply.redirect('/', 303);
    });
  };
}
