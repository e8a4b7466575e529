import type { FastifyInstance } from 'fastify';
import type { Asset } from './assets.ts';
import { BARE_ROUTE } from '../platform/http/context.ts';

/** Content-hashed assets, cached for a year; gzip when the browser accepts it. */
export function assetRoutes(assets: { css: Asset; js: Asset; chunks: Asset[]; fonts: Asset[] }) {
  return async function assetsPlugin(app: FastifyInstance) {
    for (const asset of [assets.css, assets.js, ...assets.chunks, ...assets.fonts]) {
      app.get(asset.path, BARE_ROUTE, async (request, reply) => {
        reply.header('cache-control', 'public, max-age=31536000, immutable').type(asset.type);
        if (asset.type.startsWith('text/') && (request.headers['accept-encoding'] ?? '').includes('gzip')) return reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding').send(asset.gzip);
        return reply.send(asset.body);
      });
    }
    // Browsers ask for /favicon.ico on their own; answer with the logo instead of a 404.
    app.get('/favicon.ico', BARE_ROUTE, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(FAVICON),
    );
  };
}

const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="12" fill="none" stroke="#1a5b8f" stroke-width="6"/></svg>';
