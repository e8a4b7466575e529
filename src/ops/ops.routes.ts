import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import type { Deps } from '../platform/deps.ts';
import { BARE_ROUTE } from '../platform/http/context.ts';

/**
 * What a Kubernetes (Haven) platform expects: liveness, readiness (the database answers)
 * and Prometheus metrics. None of these touch a session or set a cookie.
 */
export function opsRoutes(deps: Deps) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const duration = new client.Histogram({
    name: 'leerkring_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  return async function ops(app: FastifyInstance) {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    app.get('/healthz', BARE_ROUTE, async () => ({ status: 'ok' }));
    app.get('/readyz', BARE_ROUTE, async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(deps.db);
        return { status: 'ok' };
      } catch {
        return reply.status(503).send({ status: 'unavailable' });
      }
    });
    // Metrics describe traffic and load; they are for the platform's Prometheus, not the public.
    app.get('/metrics', BARE_ROUTE, async (request, reply) => {
      const token = deps.config.metricsToken;
      const isAllowed = token ? request.headers.authorization === `Bearer ${token}` : isLoopback(request.socket.remoteAddress);
      if (!isAllowed) return reply.status(404).type('text/plain').send('Not found');
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  };
}

const isLoopback = (address: string | undefined) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
