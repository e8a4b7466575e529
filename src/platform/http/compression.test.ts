import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import zlib from 'node:zlib';
import { compression } from './compression.ts';

describe('compression', () => {
  const page = `<!doctype html><p>${'Leerkring '.repeat(500)}</p>`;
  async function app() {
    const server = Fastify();
    await server.register(compression);
    server.get('/page', async (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
    server.get('/small', async () => ({ ok: true }));
    return server;
  }

  it('answers brotli, then gzip, then plain, and round-trips', async () => {
    const server = await app();
    const br = await server.inject({ url: '/page', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(zlib.brotliDecompressSync(br.rawPayload).toString(), page);
    const gz = await server.inject({ url: '/page', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(gz.rawPayload).toString(), page);
    const plain = await server.inject({ url: '/page' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, page);
  });

  it('leaves small responses alone', async () => {
    const server = await app();
    const response = await server.inject({ url: '/small', headers: { 'accept-encoding': 'br' } });
    assert.equal(response.headers['content-encoding'], undefined);
  });
});
