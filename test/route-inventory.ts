/**
 * Every route the app registers, as the cross-feature tests (authorisation matrix, bad-input
 * sweep) need them: each of those tests keeps a table of routes, and fails when the app has a
 * route the table does not cover. A new route therefore cannot ship without a decision about who
 * may call it and what bad input it must survive.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { buildServer } from '../src/app/server.tsx';
import { createTestDeps, type TestDeps } from './harness.ts';

export interface AppRoute {
  method: string;
  /** The pattern as registered, e.g. `/gemeenschappen/:slug/leden`. */
  url: string;
  /** Whether the route declares a query string schema (API lists). */
  hasQuerySchema?: boolean;
}

export const routeKey = (route: AppRoute) => `${route.method} ${route.url}`;

/** Routes no table needs a row for, each with the reason. */
export const IGNORED_ROUTES: { method: string; url: RegExp; reason: string }[] = [
  { method: 'HEAD', url: /./, reason: 'Fastify answers HEAD with the GET handler, so the GET row covers it (the matrix also spot-checks HEAD as anonymous)' },
  { method: 'GET', url: /^\/assets\/[a-z0-9-]+\.([0-9a-f]{12}|[0-9A-Z]{8})\.(css|js|woff2)$/, reason: 'content-hashed stylesheet, island runtime and chunks (esbuild hashes), fonts: static, public, the same for everyone' },
];

export const isIgnoredRoute = (route: AppRoute) => IGNORED_ROUTES.some((ignored) => ignored.method === route.method && ignored.url.test(route.url));

/** The test app (as createTestApp builds it), plus every route it registered. */
export async function createTestAppWithRoutes(overrides: Parameters<typeof createTestDeps>[0] = {}): Promise<{ app: FastifyInstance; deps: TestDeps; routes: AppRoute[]; close(): Promise<void> }> {
  const deps = await createTestDeps(overrides);
  const routes: AppRoute[] = [];
  const app = await buildServer(deps, {
    onRoute: (route: RouteOptions) => routes.push(...[route.method].flat().map((method) => ({ method, url: route.url, hasQuerySchema: Boolean(route.schema?.querystring) }))),
  });
  await app.ready();
  return {
    app,
    deps,
    routes,
    async close() {
      await app.close();
      await deps.close();
    },
  };
}

/** Routes of the app that are neither ignored nor in `covered` (keys as `routeKey` makes them). */
export function uncoveredRoutes(routes: AppRoute[], covered: ReadonlySet<string>, options: { needsRow?: (route: AppRoute) => boolean } = {}): string[] {
  const needsRow = options.needsRow ?? (() => true);
  return routes.filter((route) => !isIgnoredRoute(route) && needsRow(route) && !covered.has(routeKey(route))).map(routeKey);
}

/** Rows of a table that name a route the app does not have (a renamed or removed route). */
export function staleRows(routes: AppRoute[], covered: Iterable<string>): string[] {
  const existing = new Set(routes.map(routeKey));
  return [...new Set(covered)].filter((key) => !existing.has(key));
}
