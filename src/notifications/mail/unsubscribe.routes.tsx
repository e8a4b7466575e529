import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { BARE_ROUTE } from '../../platform/http/context.ts';
import { localeFromAcceptLanguage } from '../../platform/i18n/i18n.ts';
import type { Ui } from '../../ui/render.tsx';
import { UnsubscribedPage, UnsubscribePage } from './unsubscribe.pages.tsx';
import { unsubscribePath } from './unsubscribe.paths.ts';
import { findUnsubscribe, unsubscribe } from './unsubscribe.usecases.ts';

const tokenOf = (request: FastifyRequest) => (request.params as { token: string }).token;

/** Afmelden: one-click unsubscribe from notification mail and digests, without logging in. */
export function unsubscribeRoutes(deps: Deps, ui: Ui) {
  return async function unsubscribeFeature(app: FastifyInstance) {
    app.get('/afmelden/:token', async (request, reply) => {
      const { category } = await findUnsubscribe(deps, tokenOf(request));
      return ui.send(reply, <UnsubscribePage ctx={ui.context(request)} category={category} action={unsubscribePath(tokenOf(request))} />);
    });

    /*
     * RFC 8058: mail clients POST `List-Unsubscribe=One-Click` without cookies or a CSRF token, so
     * this route skips the session and CSRF check (BARE_ROUTE); the signed token authorises it,
     * and it can only turn mail off. The page is in the browser's language.
     */
    app.post('/afmelden/:token', {
      ...BARE_ROUTE,
      onRequest: async (request) => {
        request.actor = null;
        request.locale = localeFromAcceptLanguage(request.headers['accept-language']);
        request.t = deps.i18n.translator(request.locale);
        request.csrfToken = '';
      },
    }, async (request, reply) => {
      const { category } = await unsubscribe(deps, tokenOf(request));
      return ui.send(reply, <UnsubscribedPage ctx={ui.context(request)} category={category} />);
    });
  };
}
