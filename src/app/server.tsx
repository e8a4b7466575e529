import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import qs from 'node:querystring';
import type { Deps } from '../platform/deps.ts';
import { requestContext } from '../platform/http/context.ts';
import { securityHeaders } from '../platform/http/security-headers.ts';
import { compression } from '../platform/http/compression.ts';
import { createFrameworkErrorHandler, installErrorHandler } from '../platform/http/error-handler.ts';
import { buildAssets } from '../ui/assets.ts';
import { createUi } from '../ui/render.tsx';
import { assetRoutes } from '../ui/assets.routes.ts';
import { opsRoutes } from '../ops/ops.routes.ts';
import { createAuthenticator } from '../accounts/accounts.http.ts';
import { accountsRoutes } from '../accounts/accounts.routes.tsx';
import { organisationsRoutes } from '../organisations/organisations.routes.tsx';
import { communitiesRoutes } from '../communities/communities.routes.tsx';
import { frameworksRoutes } from '../frameworks/frameworks.routes.tsx';
import { homeRoutes } from '../home/home.routes.tsx';
import { devMailRoutes } from '../home/dev-mail.routes.tsx';
import { questionsRoutes } from '../questions/questions.routes.tsx';
import { searchRoutes } from '../search/search.routes.tsx';
import { practicesRoutes } from '../practices/practices.routes.tsx';
import { visitsPageExtension, visitsRoutes } from '../practices/visits/visits.routes.tsx';
import { promptsRoutes } from '../prompts/prompts.routes.tsx';
import { signalsRoutes } from '../signals/signals.routes.tsx';
import { notificationsRoutes } from '../notifications/notifications.routes.tsx';
import { unreadCountOnPages } from '../notifications/notifications.http.ts';
import { unsubscribeRoutes } from '../notifications/mail/unsubscribe.routes.tsx';

export interface BuildServerOptions {
  /** Called for every route as it is registered; tests use it to list every route of the app. */
  onRoute?: (route: RouteOptions) => void;
  /** The database the live notification count LISTENs on (the embedded one has no DATABASE_URL). */
  databaseUrl?: string;
}

/** Infrastructure plugins first, then each feature, explicitly. */
export async function buildServer(deps: Deps, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const assets = await buildAssets();
  const ui = createUi({ assets: { css: assets.css.path, js: assets.js.path }, isDevelopment: config.isDevelopment });
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A proxy's request id is kept so logs line up across hops, but only in a harmless shape:
    // it is logged and shown on error pages.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: createFrameworkErrorHandler(deps.i18n, ui.errorPage, { isSecure: config.isSecure }),
  });
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);

  await app.register(cookie);
  // Repeated keys (checkboxes) become arrays; a body of more than 1,000 fields is refused.
  await app.register(formbody, { parser: (body) => qs.parse(body, '&', '=', { maxKeys: 1000 }), bodyLimit: 256 * 1024 });
  await app.register(compression);
  await app.register(securityHeaders, { isSecure: config.isSecure });
  await app.register(swagger, {
    // Only API routes carry tags; HTML pages and form posts stay out of the API description.
    hideUntagged: true,
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Leerkring API', version: '1.0.0', description: 'JSON API of Leerkring. Errors are application/problem+json.' },
      servers: [{ url: config.baseUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Personal access token (lkp_…), created on your profile page.' } } },
      security: [{ bearer: [] }],
    },
  });
  installErrorHandler(app, ui.errorPage);
  await app.register(opsRoutes(deps));
  await app.register(assetRoutes(assets));
  await app.register(requestContext, {
    i18n: deps.i18n,
    isSecure: config.isSecure,
    authenticate: createAuthenticator(deps),
    limitWrites: (actorId) => deps.rateLimiter.hit(`write:${actorId}`, config.writeRateLimit, config.rateLimitWindowSeconds),
  });
  await app.register(unreadCountOnPages(deps));

  await app.register(homeRoutes(deps, ui));
  await app.register(accountsRoutes(deps, ui));
  await app.register(organisationsRoutes(deps, ui));
  await app.register(communitiesRoutes(deps, ui));
  await app.register(frameworksRoutes(deps, ui));
  await app.register(questionsRoutes(deps, ui));
  await app.register(practicesRoutes(deps, ui, { pageExtension: visitsPageExtension(deps, ui) }));
  await app.register(visitsRoutes(deps, ui));
  await app.register(promptsRoutes(deps, ui));
  await app.register(signalsRoutes(deps, ui));
  await app.register(notificationsRoutes(deps, ui, { databaseUrl: options.databaseUrl ?? config.databaseUrl }));
  await app.register(unsubscribeRoutes(deps, ui));
  await app.register(searchRoutes(deps, ui));
  if (config.isDevelopment) await app.register(devMailRoutes(deps, ui));

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
