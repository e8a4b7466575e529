import type { Actor } from '../platform/auth/actor.ts';
import { verifyPassword } from '../platform/auth/passwords.ts';
import { createSecretToken, hashToken } from '../platform/auth/tokens.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { createValidationError } from '../platform/errors.ts';
import type { Locale } from '../platform/i18n/i18n.ts';
import type { RenderedEmail } from './accounts.emails.tsx';
import { createInvalidCredentialsError, createMailNotSentError } from './accounts.errors.ts';
import { newPasswordProblems } from './accounts.models.ts';
import * as repo from './accounts.repository.ts';
import type { LogInInput } from './accounts.schemas.ts';

type SessionDeps = Pick<Deps, 'db' | 'clock' | 'ids' | 'config' | 'rateLimiter'>;

export const SESSION_TOKEN_PREFIX = 'lks_';
export const ACCESS_TOKEN_PREFIX = 'lkp_';
/** Writing last_seen_at on every request would make every page view a write. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface NewSession {
  token: string;
  userId: string;
  locale: Locale;
}

/**
 * Logs in with e-mail and password. Limited per address and per IP address, so neither one
 * account nor one attacker can be hammered; the same error for a wrong address or password.
 */
export async function logIn(deps: SessionDeps, input: LogInInput, client: Client): Promise<NewSession> {
  const { loginRateLimit: limit, rateLimitWindowSeconds: window } = deps.config;
  await deps.rateLimiter.hit(`login:ip:${client.ip}`, limit * 5, window);
  await deps.rateLimiter.hit(`login:email:${input.email.toLowerCase()}`, limit, window);
  const user = await repo.findUserByEmail(deps.db, input.email);
  const isValid = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !isValid || user.status !== 'active') throw createInvalidCredentialsError();
  await deps.rateLimiter.reset(`login:email:${input.email.toLowerCase()}`);
  const token = await startSession(deps, user.id, client);
  return { token, userId: user.id, locale: user.locale };
}

export interface Client {
  ip: string;
  userAgent: string;
}

export async function startSession(deps: Pick<Deps, 'db' | 'clock' | 'ids' | 'config'>, userId: string, client: Client): Promise<string> {
  const token = createSecretToken(SESSION_TOKEN_PREFIX);
  const now = deps.clock.now();
  await repo.insertSession(deps.db, {
    id: deps.ids.uuid(),
    userId,
    tokenHash: hashToken(token),
    csrfSecret: createSecretToken(),
    userAgent: client.userAgent,
    ip: client.ip,
    now,
    expiresAt: new Date(now.getTime() + deps.config.sessionDays * 86_400_000),
  });
  return token;
}

export async function logOut(deps: Pick<Deps, 'db'>, actor: Actor): Promise<void> {
  if (actor.sessionId) await repo.deleteSession(deps.db, actor.sessionId, actor.userId);
}

export async function authenticateSession(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<{ actor: Actor; csrfSecret: string } | null> {
  if (!token.startsWith(SESSION_TOKEN_PREFIX)) return null;
  const now = deps.clock.now();
  const row = await repo.findLiveSession(deps.db, hashToken(token), now);
  if (!row) return null;
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) await repo.touchSession(deps.db, row.session_id, now);
  return {
    actor: {
      userId: row.user_id,
      organisationId: row.organisation_id,
      name: row.name,
      email: row.email,
      locale: row.locale,
      role: row.role,
      isPlatformAdmin: row.is_platform_admin,
      sessionId: row.session_id,
    },
    csrfSecret: row.csrf_secret,
  };
}

export async function authenticateAccessToken(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<Actor | null> {
  if (!token.startsWith(ACCESS_TOKEN_PREFIX)) return null;
  const row = await repo.findLiveAccessToken(deps.db, hashToken(token));
  if (!row) return null;
  const now = deps.clock.now();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) await repo.touchAccessToken(deps.db, row.token_id, now);
  return {
    userId: row.user_id,
    organisationId: row.organisation_id,
    name: row.name,
    email: row.email,
    locale: row.locale,
    role: row.role,
    isPlatformAdmin: row.is_platform_admin,
    tokenScope: row.scope,
  };
}

export async function setLocale(deps: Pick<Deps, 'db'>, actor: Actor | null, locale: Locale): Promise<void> {
  if (actor) await repo.updateUser(deps.db, actor.userId, { locale });
}

/**
 * Only same-site paths are allowed as a redirect target after log-in (no open redirect). Control
 * characters are refused too: browsers drop tabs and newlines from a URL, so "/\t/evil.example"
 * would leave the site, and a line break would break the Location header.
 */
export function safeNextPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(next)) return fallback;
  return next;
}

// Helpers shared by the sub-features (invitations, sign-up, password reset, profile).

/** Absolute link for e-mails: the public origin comes from config, never from a request header. */
export const linkTo = (deps: Pick<Deps, 'config'>, path: string) => `${deps.config.baseUrl}${path}`;

/** RFC 3834: tells mail servers not to answer with out-of-office replies. */
const AUTOMATIC_MAIL = { 'Auto-Submitted': 'auto-generated' };

/**
 * Sends a mail that carries a link, right after the commit that made the link (not as a job: the
 * payload would keep the secret in the database). If the mail server fails, the person gets an
 * error on the form and can simply try again.
 */
export async function sendLinkMail(deps: Pick<Deps, 'mailer' | 'logger'>, to: string, mail: RenderedEmail): Promise<void> {
  try {
    await deps.mailer.send({ to, ...mail, headers: AUTOMATIC_MAIL });
  } catch (error) {
    deps.logger.error({ err: error, subject: mail.subject }, 'mail could not be sent');
    throw createMailNotSentError(error);
  }
}

/** Sends a notice about something that already happened; a failing mail server is only logged. */
export async function sendNoticeMail(deps: Pick<Deps, 'mailer' | 'logger'>, to: string, mail: RenderedEmail): Promise<void> {
  try {
    await deps.mailer.send({ to, ...mail, headers: AUTOMATIC_MAIL });
  } catch (error) {
    deps.logger.error({ err: error, subject: mail.subject }, 'notice mail could not be sent');
  }
}

/** Throws one 422 naming every field when a new password breaks the policy or the two differ. */
export function assertNewPassword(input: { password: string; passwordConfirmation?: string }, email: string): void {
  const problems = newPasswordProblems(input, email);
  if (problems.length > 0) throw createValidationError(problems);
}

/** Creates a single-use link token; older unused links of the same purpose stop working. */
export async function issueOneTimeToken(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'ids'>,
  userId: string,
  purpose: repo.OneTimePurpose,
  ttlMs: number,
): Promise<string> {
  const token = createSecretToken();
  const now = deps.clock.now();
  await repo.deleteUnusedOneTimeTokens(tx, userId, purpose);
  await repo.insertOneTimeToken(tx, { id: deps.ids.uuid(), userId, purpose, tokenHash: hashToken(token), now, expiresAt: new Date(now.getTime() + ttlMs) });
  return token;
}
