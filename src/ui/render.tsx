import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { AppError } from '../platform/errors.ts';
import type { PageContext } from './context.ts';
import { Layout } from './layout.tsx';
import { ActionForm, ButtonLink, Button } from './components.tsx';

export interface Ui {
  context(request: FastifyRequest): PageContext;
  /** Renders a full page with status 200 (or `status`). */
  send(reply: FastifyReply, page: VNode, status?: number): FastifyReply;
  errorPage(request: FastifyRequest, error: AppError): string;
  /** Without JavaScript a destructive form arrives unconfirmed: answer with a page that asks. */
  confirm(request: FastifyRequest, reply: FastifyReply, question: string): FastifyReply | undefined;
}

export function createUi(options: { assets: { css: string; js: string }; isDevelopment: boolean }): Ui {
  const context = (request: FastifyRequest): PageContext => ({
    t: request.t,
    locale: request.locale,
    actor: request.actor,
    csrfToken: request.csrfToken,
    currentUrl: request.url,
    requestId: request.id,
    notice: request.notice,
    unreadNotifications: request.unreadNotifications ?? null,
    themeHref: request.actor ? `/thema/${request.actor.organisationId}.css` : undefined,
    assets: options.assets,
    isDevelopment: options.isDevelopment,
  });
  const html = (page: VNode) => `<!doctype html>${renderToString(page)}`;
  return {
    context,
    send: (reply, page, status = 200) => reply.status(status).type('text/html; charset=utf-8').send(html(page)),
    errorPage: (request, error) => html(<ErrorPage ctx={context(request)} error={error} />),
    confirm(request, reply, question) {
      const body = request.body as Record<string, unknown> | undefined;
      if (body?.confirmed === 'yes') return undefined;
      const ctx = context(request);
      const hidden = Object.fromEntries(Object.entries(body ?? {}).filter(([k, v]) => k !== '_csrf' && k !== 'confirmed' && typeof v === 'string')) as Record<string, string>;
      return reply.type('text/html; charset=utf-8').send(
        html(
          <Layout ctx={ctx} title={ctx.t('confirm.title')}>
            <h1 class="utrecht-heading-1">{ctx.t('confirm.title')}</h1>
            <p class="utrecht-paragraph">{question}</p>
            <div class="lk-actions">
              <ActionForm ctx={ctx} action={request.url} label={ctx.t('confirm.yes')} variant="primary" hidden={{ ...hidden, confirmed: 'yes' }} />
              <ButtonLink href={safeBack(request)}>{ctx.t('confirm.no')}</ButtonLink>
            </div>
          </Layout>,
        ),
      );
    },
  };
}

function safeBack(request: FastifyRequest): string {
  const referer = request.headers.referer;
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return url.host === request.headers.host ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}

function ErrorPage({ ctx, error }: { ctx: PageContext; error: AppError }) {
  const { t } = ctx;
  const kind = error.status === 404 ? 'not_found' : error.status === 403 ? 'forbidden' : error.status === 401 ? 'unauthenticated' : error.status === 429 ? 'rate_limited' : error.status >= 500 ? 'server_error' : 'bad_request';
  return (
    <Layout ctx={ctx} title={t(`error.${kind}.title`)}>
      <h1 class="utrecht-heading-1">{t(`error.${kind}.title`)}</h1>
      <p class="utrecht-paragraph">{t(`error.${kind}.body`)}</p>
      {error.code !== `common.${kind}` && error.status < 500 && <p class="utrecht-paragraph">{t(error.code)}</p>}
      {kind === 'unauthenticated' ? (
        <form method="get" action="/inloggen">
          <input type="hidden" name="volgende" value={ctx.currentUrl} />
          <Button>{t('layout.log_in')}</Button>
        </form>
      ) : (
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/">{t('error.go_home')}</a></p>
      )}
      {kind === 'server_error' && <p class="lk-meta">{t('error.reference', { id: ctx.requestId })}</p>}
    </Layout>
  );
}
