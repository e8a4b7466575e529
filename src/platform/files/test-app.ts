/**
 * A bare Fastify app with the real request context (CSRF), security headers and error
 * handler, and one encapsulated upload scope, as the practices feature will register it.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { createI18n } from '../i18n/i18n.ts';
import { requestContext } from '../http/context.ts';
import { installErrorHandler } from '../http/error-handler.ts';
import { securityHeaders } from '../http/security-headers.ts';
import { filesMessages } from './files.i18n.ts';
import { multipartForms, type MultipartFormOptions } from './multipart.ts';

export interface UploadTestApp {
  app: FastifyInstance;
  /** A browser's state after loading a page: the double-submit cookie and the page's token. */
  session(): Promise<{ cookie: string; csrf: string }>;
}

export async function buildUploadTestApp(
  options: MultipartFormOptions,
  routes: (scope: FastifyInstance) => void,
  outside: (app: FastifyInstance) => void = () => {},
): Promise<UploadTestApp> {
  const app = Fastify({ bodyLimit: 1024 * 1024 });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(securityHeaders, { isSecure: false });
  installErrorHandler(app, (request, error) => `<!DOCTYPE html><h1>${error.status}</h1><p>${request.t(error.code)}</p>`);
  await app.register(requestContext, { i18n: createI18n([filesMessages]), isSecure: false, authenticate: async () => null, limitWrites: async () => {} });
  app.get('/formulier', async (request: FastifyRequest, reply: FastifyReply) => reply.send({ csrf: request.csrfToken }));
  await app.register(async (scope) => {
    await scope.register(multipartForms, options);
    routes(scope);
  });
  outside(app);
  await app.ready();
  return {
    app,
    async session() {
      const response = await app.inject({ method: 'GET', url: '/formulier' });
      const set = response.cookies.find((c) => c.name === 'lk_csrf');
      if (!set) throw new Error('no CSRF cookie');
      return { cookie: `lk_csrf=${set.value}`, csrf: (response.json() as { csrf: string }).csrf };
    },
  };
}

export type Part = { name: string; value: string } | { name: string; filename: string; type?: string; content: Buffer | string };

/** A multipart/form-data body as a browser sends it. */
export function multipartBody(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----LeerkringTest${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
