import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { setNotice } from '../../platform/http/context.ts';
import { parsePageNumber } from '../../platform/paging.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../../ui/components.tsx';
import { runForm } from '../../ui/forms.ts';
import type { Ui } from '../../ui/render.tsx';
import { AccessTokenResponse, CreateAccessTokenInput, CreatedAccessTokenResponse, IdParams, NoContent, PageQuery, pageOf } from '../accounts.schemas.ts';
import { AccessTokensPage, TOKENS_PATH } from './access-tokens.pages.tsx';
import { createAccessToken, listAccessTokens, revokeAccessToken } from './access-tokens.usecases.ts';

export function accessTokensRoutes(deps: Deps, ui: Ui) {
  const showTokensPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, options: { status?: number; created?: string } = {}) => {
    const tokens = await listAccessTokens(deps, requireActor(request), parsePageNumber((request.query as { pagina?: unknown }).pagina));
    return ui.send(reply, <AccessTokensPage ctx={ui.context(request)} form={form} tokens={tokens} created={options.created} />, options.status);
  };

  return async function accessTokens(app: FastifyInstance) {
    app.get(TOKENS_PATH, async (request, reply) => showTokensPage(request, reply, emptyForm({ scope: 'read' })));

    // Answered with the page itself, not a redirect: the secret is shown once and stored nowhere.
    app.post(TOKENS_PATH, async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => createAccessToken(deps, actor, parseInput(CreateAccessTokenInput, request.body)));
      if (!result.ok) return showTokensPage(request, reply, result.form, { status: result.status });
      return showTokensPage(request, reply, emptyForm({ scope: 'read' }), { created: result.value.token });
    });

    app.post(`${TOKENS_PATH}/:id/intrekken`, { schema: { params: IdParams, hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const confirmation = ui.confirm(request, reply, request.t('accounts.tokens.revoke_confirm'));
      if (confirmation) return confirmation;
      await revokeAccessToken(deps, actor, (request.params as { id: string }).id);
      setNotice(reply, deps.config.isSecure, 'accounts.notice.access_token_revoked');
      return reply.redirect(TOKENS_PATH, 303);
    });

    app.get('/api/v1/me/tokens', { schema: { summary: 'Your personal access tokens', tags: ['accounts'], querystring: PageQuery, response: { 200: pageOf(AccessTokenResponse) } } }, async (request) => {
      const { page = 1, pageSize } = request.query as PageQuery;
      return listAccessTokens(deps, requireActor(request), page, pageSize);
    });

    app.post(
      '/api/v1/me/tokens',
      { schema: { summary: 'Create a personal access token (needs a logged-in session)', tags: ['accounts'], body: CreateAccessTokenInput, response: { 201: CreatedAccessTokenResponse } } },
      async (request, reply) => reply.status(201).send(await createAccessToken(deps, requireActor(request), request.body as CreateAccessTokenInput)),
    );

    app.delete('/api/v1/me/tokens/:id', { schema: { summary: 'Revoke a personal access token', tags: ['accounts'], params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await revokeAccessToken(deps, requireActor(request), (request.params as { id: string }).id);
      return reply.status(204).send();
    });
  };
}
