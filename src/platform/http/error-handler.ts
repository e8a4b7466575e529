import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError, type FieldError } from '../errors.ts';
import { localeFromAcceptLanguage, type I18n } from '../i18n/i18n.ts';
import { setSecurityHeaders } from './security-headers.ts';

/** Renders an error as an HTML page; supplied by the UI layer at wiring time. */
export type ErrorPageRenderer = (request: FastifyRequest, error: AppError) => string;

export const wantsJson = (request: FastifyRequest) =>
  request.url.startsWith('/api/') || (request.headers.accept ?? '').includes('application/json') && !(request.headers.accept ?? '').includes('text/html');

/**
 * One place turns every error into a response: problem+json (RFC 9457, as the NL API Design
 * Rules ask) for the API, a friendly page for people. Unknown errors are 500s, logged with the
 * request id, and never show a stack trace.
 */
export function installErrorHandler(app: FastifyInstance, renderErrorPage: ErrorPageRenderer): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, status: appError.status }, 'request rejected');
    sendError(renderErrorPage, request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(renderErrorPage, request, reply, new AppError('common.not_found', 404)));
}

/**
 * Fastify answers a path it cannot decode (`%C3%28`) or with an overlong parameter before any
 * hook or route runs. These get the same answers as every other error: a page, or problem+json,
 * with the same security headers. A parameter too long to be an id or a slug names nothing: 404.
 */
export function createFrameworkErrorHandler(i18n: I18n, renderErrorPage: ErrorPageRenderer, options: { isSecure: boolean }) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    setSecurityHeaders(reply, options.isSecure);
    request.actor = null;
    request.locale = localeFromAcceptLanguage(request.headers['accept-language']);
    request.t = i18n.translator(request.locale);
    request.csrfToken = '';
    const appError = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError('common.not_found', 404) : new AppError('common.bad_request', 400);
    request.log.info({ code: error.code, status: appError.status }, 'request rejected');
    sendError(renderErrorPage, request, reply, appError);
  };
}

function sendError(renderErrorPage: ErrorPageRenderer, request: FastifyRequest, reply: FastifyReply, error: AppError) {
  reply.status(error.status).headers(error.headers);
  if (wantsJson(request)) {
    reply.type('application/problem+json').send(problemJson(request, error));
    return;
  }
  reply.type('text/html; charset=utf-8').send(renderErrorPage(request, error));
}

function toAppError(error: FastifyError | AppError): AppError {
  if (isAppError(error)) return error;
  if (error.validation) {
    const all: FieldError[] = error.validation.map((v) => ({
      field: (v.instancePath ?? '').replace(/^\//, '').split('/')[0] || String((v.params as { requiredProperties?: string[] })?.requiredProperties?.[0] ?? (v.params as { missingProperty?: string })?.missingProperty ?? ''),
      code: v.keyword === 'required' ? 'validation.required' : v.keyword === 'maxLength' ? 'validation.too_long' : 'validation.invalid',
      params: v.keyword === 'maxLength' ? { max: Number((v.params as { limit?: number }).limit) } : undefined,
    }));
    // A union reports one error per branch; the client needs one per field.
    const fields = all.filter((f, i) => all.findIndex((g) => g.field === f.field) === i);
    return new AppError('common.validation', error.validationContext === 'body' ? 422 : 400, { fields });
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return new AppError('common.too_large', 413);
  if (status === 415) return new AppError('common.unsupported_media_type', 415);
  if (status >= 400 && status < 500) return new AppError('common.bad_request', 400);
  return new AppError('common.server_error', 500, { cause: error });
}

function problemJson(request: FastifyRequest, error: AppError) {
  const t = request.t ?? ((key: string) => key);
  return {
    type: `about:blank`,
    title: t(error.code),
    status: error.status,
    code: error.code,
    instance: request.id,
    ...(error.fields.length > 0 && {
      invalidParams: error.fields.map((f) => ({ name: f.field, code: f.code, reason: t(f.code, f.params) })),
    }),
  };
}
