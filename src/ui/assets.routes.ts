import type { FastifyInstance } from 'fastify';
import type { Asset } from './assets.ts';

/** Content-hashed assets, cached for a year; gzip when the browser accepts it. */
export function assetRoutes(assets: { css: Asset; js: Asset }) {
  return async function assetsPlugin(app: FastifyInstance) {
    for (const asset of [assets.css, assets.js]) {
      app.get(asset.path, { compress: false } as object, async (request, reply) => {
        reply.header('cache-control', 'public, max-age=31536000, immutable').type(asset.type);
        if ((request.headers['accept-encoding'] ?? '').includes('gzip')) return reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding').send(asset.gzip);
        return reply.send(asset.body);
      });
    }
  };
}
