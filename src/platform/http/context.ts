import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../auth/actor.ts';
import { safeEqual } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import { type I18n, type Locale, type Translate, localeFromAcceptLanguage, parseLocale } from '../i18n/i18n.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    t: Translate;
    /** The token forms must echo in `_csrf` (or the `x-csrf-token` header): masked per request. */
    csrfToken: string;
    /** The unmasked secret the token is checked against. */
    csrfSecret: string;
    /** True when authenticated by a bearer token: CSRF does not apply, scopes do. */
    isTokenAuth: boolean;
    notice?: string;
  }
}

export interface CookieNames {
  session: string;
  csrf: string;
  locale: string;
  notice: string;
}

/** `__Host-` binds a cookie to this exact origin, but browsers accept it only over HTTPS. */
export function cookieNames(isSecure: boolean): CookieNames {
  const prefix = isSecure ? '__Host-' : '';
  return { session: `${prefix}lk_session`, csrf: `${prefix}lk_csrf`, locale: 'lk_lang', notice: 'lk_notice' };
}

export interface Authentication {
  actor: Actor;
  /** Per-session CSRF secret; absent for bearer tokens. */
  csrfSecret?: string;
}

export interface RequestContextOptions {
  i18n: I18n;
  isSecure: boolean;
  authenticate(request: FastifyRequest): Promise<Authentication | null>;
  /** Counts every change a signed-in person makes, so no account can flood others. */
  limitWrites(actorId: string): Promise<void>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is asking, in which language, and guards every state-changing request:
 * CSRF for browsers (per-session synchronizer token, or a double-submit cookie before log-in),
 * scope for personal access tokens.
 */
export const requestContext = fp(async (app: FastifyInstance, options: RequestContextOptions) => {
  const names = cookieNames(options.isSecure);
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.isSecure };

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'nl');
  app.decorateRequest('t', undefined as unknown as Translate);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('csrfSecret', '');
  app.decorateRequest('isTokenAuth', false);

  app.addHook('onRequest', async (request, reply) => {
    // Probes, metrics and static files need no session: no lookup, no cookie.
    if (isBareRoute(request)) return;
    const auth = await options.authenticate(request);
    request.actor = auth?.actor ?? null;
    request.isTokenAuth = Boolean(auth && !auth.csrfSecret && auth.actor.tokenScope);
    request.locale = auth?.actor.locale ?? parseLocale(request.cookies[names.locale]) ?? localeFromAcceptLanguage(request.headers['accept-language']);
    request.t = options.i18n.translator(request.locale);
    request.csrfSecret = auth?.csrfSecret ?? ensureCsrfCookie(request, reply, names.csrf, cookieBase);
    request.csrfToken = maskCsrfToken(request.csrfSecret);
    const notice = request.cookies[names.notice];
    if (notice && options.i18n.has(notice)) {
      request.notice = request.t(notice);
      reply.clearCookie(names.notice, { path: '/' });
    }
  });

  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || isBareRoute(request)) return;
    // Anonymous API calls carry no cookie to forge; the route answers them with 401.
    if (!request.actor && request.url.startsWith('/api/')) return;
    if (request.isTokenAuth) {
      if (request.actor?.tokenScope !== 'read_write') throw new AppError('auth.token_read_only', 403);
      if (request.actor) await options.limitWrites(request.actor.userId);
      return;
    }
    const body = request.body as Record<string, unknown> | undefined;
    const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? headerValue(request.headers['x-csrf-token']);
    if (!sent || !request.csrfSecret || !isValidCsrfToken(sent, request.csrfSecret)) throw new AppError('common.csrf', 403);
    if (request.actor) await options.limitWrites(request.actor.userId);
  });
});

function ensureCsrfCookie(request: FastifyRequest, reply: FastifyReply, name: string, cookieBase: object): string {
  const existing = request.cookies[name];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(name, token, { ...cookieBase, maxAge: 60 * 60 * 24 });
  return token;
}

/**
 * Pages are compressed and some echo what the visitor typed (search boxes), so a secret that
 * stood in every page as-is could be read out byte by byte from compressed sizes (BREACH).
 * Each page therefore carries the secret XOR-ed with a fresh random pad: `pad.masked`.
 */
export function maskCsrfToken(secret: string): string {
  const plain = Buffer.from(secret);
  const pad = randomBytes(plain.length);
  const masked = Buffer.alloc(plain.length);
  for (let i = 0; i < plain.length; i++) masked[i] = (plain[i] as number) ^ (pad[i] as number);
  return `${pad.toString('base64url')}.${masked.toString('base64url')}`;
}

export function isValidCsrfToken(token: string, secret: string): boolean {
  const [padPart, maskedPart, ...rest] = token.split('.');
  if (!padPart || !maskedPart || rest.length > 0) return false;
  const pad = Buffer.from(padPart, 'base64url');
  const masked = Buffer.from(maskedPart, 'base64url');
  if (pad.length !== masked.length || pad.length === 0) return false;
  const plain = Buffer.alloc(pad.length);
  for (let i = 0; i < pad.length; i++) plain[i] = (pad[i] as number) ^ (masked[i] as number);
  return safeEqual(plain.toString(), secret);
}

/** Routes declared with `config: { bare: true }` skip the request context entirely. */
export const BARE_ROUTE = { config: { bare: true } };
const isBareRoute = (request: FastifyRequest) => (request.routeOptions.config as { bare?: boolean } | undefined)?.bare === true;

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Sets a one-time notice (a message key) shown on the next page. */
export function setNotice(reply: FastifyReply, isSecure: boolean, key: string): void {
  reply.setCookie(cookieNames(isSecure).notice, key, { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecure, maxAge: 60 });
}

/** Post/redirect/get: the next page shows what happened, and a reload does not repeat it. */
export function redirectWithNotice(reply: FastifyReply, config: { isSecure: boolean }, path: string, noticeKey: string): FastifyReply {
  setNotice(reply, config.isSecure, noticeKey);
  return reply.redirect(path, 303);
}
