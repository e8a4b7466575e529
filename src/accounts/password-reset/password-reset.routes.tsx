import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { setNotice } from '../../platform/http/context.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../../ui/components.tsx';
import { runForm } from '../../ui/forms.ts';
import type { Ui } from '../../ui/render.tsx';
import { clientOf, linkTokenOf, setSessionCookie } from '../accounts.http.ts';
import { CheckMailPage } from '../accounts.pages.tsx';
import { ForgotPasswordInput, ResetPasswordInput } from '../accounts.schemas.ts';
import { ForgotPasswordPage, ResetPasswordPage } from './password-reset.pages.tsx';
import { requestPasswordReset, resetPassword, viewPasswordReset } from './password-reset.usecases.ts';

const RESET_PATH = '/wachtwoord-herstellen';

export function passwordResetRoutes(deps: Deps, ui: Ui) {
  const showResetPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const { token, action } = linkTokenOf(request, RESET_PATH);
    const { email } = await viewPasswordReset(deps, token);
    return ui.send(reply, <ResetPasswordPage ctx={ui.context(request)} form={form} email={email} action={action} />, status);
  };

  return async function passwordReset(app: FastifyInstance) {
    app.get('/wachtwoord-vergeten', async (request, reply) => ui.send(reply, <ForgotPasswordPage ctx={ui.context(request)} form={emptyForm()} />));

    app.post('/wachtwoord-vergeten', async (request, reply) => {
      const result = await runForm(request, () => requestPasswordReset(deps, parseInput(ForgotPasswordInput, request.body), clientOf(request)));
      if (!result.ok) return ui.send(reply, <ForgotPasswordPage ctx={ui.context(request)} form={result.form} />, result.status);
      return reply.redirect('/wachtwoord-vergeten/verstuurd', 303);
    });

    app.get('/wachtwoord-vergeten/verstuurd', async (request, reply) => ui.send(reply, <CheckMailPage ctx={ui.context(request)} kind="password_reset" />));

    app.get(`${RESET_PATH}/:token`, async (request, reply) => showResetPage(request, reply, emptyForm()));

    app.post(`${RESET_PATH}/:token`, async (request, reply) => {
      const { token } = linkTokenOf(request, RESET_PATH);
      const result = await runForm(request, () => resetPassword(deps, token, parseInput(ResetPasswordInput, request.body), clientOf(request)));
      if (!result.ok) return showResetPage(request, reply, result.form, result.status);
      setSessionCookie(reply, deps, result.value.token);
      setNotice(reply, deps.config.isSecure, 'accounts.notice.password_reset');
      return reply.redirect('/', 303);
    });
  };
}
