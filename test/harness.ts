/**
 * Shared test harness: real PostgreSQL (TEST_DATABASE_URL, set by test/run.ts), real server via
 * inject(). Every test creates its own organisation and users, so tests never share data and
 * nothing is truncated.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import path from 'node:path';
import os from 'node:os';
import { randomInt, randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { randomIds, systemClock } from '../src/platform/clock.ts';
import { createDb } from '../src/platform/db/database.ts';
import type { Deps } from '../src/platform/deps.ts';
import { createEventBus, type DomainEvent } from '../src/platform/events/events.ts';
import { createJobs } from '../src/platform/jobs/jobs.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createMailer, type Mailer, type MailMessage } from '../src/platform/mail/mailer.ts';
import { createRateLimiter } from '../src/platform/auth/rate-limit.ts';
import { createLocalFileStore } from '../src/platform/files/storage.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import type { OrgRole, UserRow } from '../src/platform/db/schema.ts';
import { createAppI18n } from '../src/app/messages.ts';
import { buildServer } from '../src/app/server.tsx';
import { hashToken } from '../src/platform/auth/tokens.ts';
import { ACCESS_TOKEN_PREFIX, startSession } from '../src/accounts/accounts.usecases.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import { cookieNames } from '../src/platform/http/context.ts';
export const TEST_PASSWORD = 'een lange zin als wachtwoord';

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`.');
  return url;
}

export interface TestDeps extends Deps {
  /** Every domain event dispatched, in order, for assertions. */
  dispatched: DomainEvent[];
  close(): Promise<void>;
}

export async function createTestDeps(overrides: { config?: Partial<Config>; mailer?: Mailer } = {}): Promise<TestDeps> {
  const url = testDatabaseUrl();
  const dataDir = path.join(os.tmpdir(), `leerkring-test-${randomUUID()}`);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent' }, { dataDir, filesDir: path.join(dataDir, 'files'), writeRateLimit: 1_000_000, ...overrides.config });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const { db } = createDb(url, 4);
  const events = createEventBus(logger);
  const dispatched: DomainEvent[] = [];
  events.subscribe({ event: '*', name: 'test-recorder', handle: async (e) => void dispatched.push(e) });
  const mailer = overrides.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dir: path.join(config.dataDir, 'mail') });
  const jobs = createJobs(url, logger);
  return {
    config,
    db,
    logger,
    clock: systemClock,
    ids: randomIds,
    i18n: createAppI18n(),
    mailer,
    jobs,
    events,
    rateLimiter: createRateLimiter(db),
    files: createLocalFileStore(config.filesDir),
    dispatched,
    async close() {
      await jobs.stop();
      mailer.close();
      await db.destroy();
    },
  };
}

export async function createTestApp(overrides: Parameters<typeof createTestDeps>[0] = {}): Promise<{ app: FastifyInstance; deps: TestDeps; close(): Promise<void> }> {
  const deps = await createTestDeps(overrides);
  const app = await buildServer(deps);
  await app.ready();
  return {
    app,
    deps,
    async close() {
      await app.close();
      await deps.close();
    },
  };
}

const unique = () => randomUUID().slice(0, 8);

export async function createTestOrganisation(deps: Pick<Deps, 'db'>, overrides: { name?: string; kind?: 'municipality' | 'partner'; domains?: string[]; allowSelfSignup?: boolean } = {}) {
  const id = randomUUID();
  const slug = `org-${unique()}`;
  return deps.db
    .insertInto('organisations')
    .values({
      id,
      slug,
      name: overrides.name ?? `Gemeente ${slug}`,
      kind: overrides.kind ?? 'municipality',
      email_domains: overrides.domains ?? [`${slug}.test`],
      allow_self_signup: overrides.allowSelfSignup ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

let cachedHash: Promise<string> | undefined;

export async function createTestUser(
  deps: Pick<Deps, 'db'>,
  organisationId: string,
  overrides: { role?: OrgRole; isPlatformAdmin?: boolean; name?: string; email?: string; status?: 'active' | 'pending' | 'deactivated'; locale?: 'nl' | 'en'; expertise?: string[]; jobTitle?: string } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return deps.db
    .insertInto('users')
    .values({
      id: randomUUID(),
      organisation_id: organisationId,
      email: overrides.email ?? `user-${unique()}@example.test`,
      name: overrides.name ?? `Test ${unique()}`,
      password_hash: await cachedHash,
      role: overrides.role ?? 'member',
      is_platform_admin: overrides.isPlatformAdmin ?? false,
      status: overrides.status ?? 'active',
      locale: overrides.locale ?? 'nl',
      expertise: overrides.expertise ?? [],
      job_title: overrides.jobTitle ?? '',
      email_verified_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A browser-like client: keeps cookies, knows its CSRF token, posts forms. */
export class TestClient {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const isExpired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (isExpired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const match = response.body.match(/name="_csrf" value="([^"]+)"/);
    if (match?.[1]) this.csrf = match[1];
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), accept: 'text/html', ...headers } });
    this.remember(response);
    return response;
  }

  /** Posts a form as a browser would, with the CSRF token from the last page seen. */
  async post(url: string, form: Record<string, string | string[]> = {}, options: { csrf?: string | false } = {}) {
    if (!this.csrf) await this.get('/');
    const params = new URLSearchParams();
    const csrf = options.csrf === false ? undefined : (options.csrf ?? this.csrf);
    if (csrf) params.append('_csrf', csrf);
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) params.append(key, v);
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    this.remember(response);
    return response;
  }

  async logIn(email: string, password = TEST_PASSWORD) {
    await this.get('/inloggen');
    const response = await this.post('/inloggen', { email, password });
    if (response.statusCode !== 303) throw new Error(`log-in failed: ${response.statusCode}`);
    await this.get('/');
    return this;
  }
}

export async function loggedInClient(app: FastifyInstance, email: string): Promise<TestClient> {
  return new TestClient(app).logIn(email);
}

// --- Appended for the organisations feature: personal access tokens and bearer API calls. ---

/** A personal access token for `userId`, stored the way the profile page stores one; returns the secret. */
export async function createTestPersonalAccessToken(deps: Pick<Deps, 'db'>, userId: string, scope: 'read' | 'read_write' = 'read_write'): Promise<string> {
  const token = `${ACCESS_TOKEN_PREFIX}${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`;
  await deps.db.insertInto('access_tokens').values({ id: randomUUID(), user_id: userId, name: 'test', token_hash: hashToken(token), scope }).execute();
  return token;
}

/** A JSON API call as a script would make it: bearer token (or none), JSON body. */
export function bearerRequest(app: FastifyInstance, token: string | undefined, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) {
  return app.inject({
    method,
    url,
    headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

// --- Appended for the communities feature: a community with partners and memberships. ---

export interface TestCommunityOptions {
  name?: string;
  visibility?: 'open' | 'closed' | 'secret';
  purpose?: string;
  tags?: string[];
  partners?: string[];
  createdBy?: string;
  allowPseudonymousQuestions?: boolean;
  members?: { userId: string; role?: 'member' | 'facilitator'; status?: 'active' | 'requested' | 'invited'; message?: string }[];
}

/** Inserts a community directly (no events), owned by `organisationId`, with partners and members. */
export async function createTestCommunity(deps: Pick<Deps, 'db'>, organisationId: string, options: TestCommunityOptions = {}) {
  const slug = `gem-${unique()}`;
  const community = await deps.db
    .insertInto('communities')
    .values({
      id: randomUUID(),
      slug,
      name: options.name ?? `Gemeenschap ${slug}`,
      purpose: options.purpose ?? '',
      tags: options.tags ?? [],
      visibility: options.visibility ?? 'open',
      organisation_id: organisationId,
      created_by: options.createdBy ?? null,
      allow_pseudonymous_questions: options.allowPseudonymousQuestions ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (options.partners?.length) {
    await deps.db.insertInto('community_partners').values(options.partners.map((id) => ({ community_id: community.id, organisation_id: id }))).execute();
  }
  for (const member of options.members ?? []) {
    const status = member.status ?? 'active';
    await deps.db
      .insertInto('community_members')
      .values({ community_id: community.id, user_id: member.userId, role: member.role ?? 'member', status, message: member.message ?? '', decided_at: status === 'active' ? new Date() : null })
      .execute();
  }
  return community;
}

// --- Appended for the accounts feature: captured and real mail, per-client IP addresses, sessions. ---

/** A mailer that keeps every message in memory, for tests that read the mail a flow sends. */
export interface CapturingMailer extends Mailer {
  sent: MailMessage[];
  /** The messages sent to `to` (case-insensitive), oldest first. */
  to(address: string): MailMessage[];
}

export function createCapturingMailer(): CapturingMailer {
  const sent: MailMessage[] = [];
  return {
    sent,
    send: async (message) => void sent.push(message),
    close: () => undefined,
    to: (address) => sent.filter((m) => m.to.toLowerCase() === address.toLowerCase()),
  };
}

/** The first link to `path` (e.g. `/uitnodiging/`) in a text, as a path the TestClient can request. */
export function linkIn(text: string, path: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = text.match(new RegExp(`https?://[^/\\s]+(${escaped}[A-Za-z0-9_%-]+)`));
  if (!match?.[1]) throw new Error(`no link to ${path} in:\n${text}`);
  return match[1];
}

/**
 * A client with an IP address of its own. Rate limits count per IP address in the shared test
 * database, so tests that sign up, reset or log in a lot use this to never hit each other's limits.
 */
export function clientWithOwnAddress(app: FastifyInstance): TestClient {
  const address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const inject = (options: InjectOptions) => app.inject({ ...options, remoteAddress: address });
  return new TestClient(new Proxy(app, { get: (target, key) => (key === 'inject' ? inject : Reflect.get(target, key)) }));
}

/**
 * A client that is logged in as `userId` through a real session, without the log-in form: no
 * password hashing and no log-in rate limit per test.
 */
export async function sessionClient(deps: Deps, app: FastifyInstance, userId: string, userAgent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/140.0'): Promise<TestClient> {
  const client = clientWithOwnAddress(app);
  const token = await startSession(deps, userId, { ip: '10.0.0.1', userAgent });
  client.cookies.set(cookieNames(deps.config.isSecure).session, token);
  await client.get('/');
  return client;
}

/** A decoded MIME part: its headers (lower-case names) and body; `parts` for multipart. */
export interface MimePart {
  headers: Record<string, string>;
  body: string;
  parts: MimePart[];
}

/** Enough of RFC 2045/2046 to read what nodemailer sends: multipart, quoted-printable, base64. */
export function parseMime(raw: string): MimePart {
  const normalised = raw.replace(/\r\n/g, '\n');
  const split = normalised.indexOf('\n\n');
  const head = split === -1 ? normalised : normalised.slice(0, split);
  const rest = split === -1 ? '' : normalised.slice(split + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const boundary = headers['content-type']?.match(/boundary="?([^";]+)"?/i)?.[1];
  if (boundary) {
    const sections = rest.split(`--${boundary}`).slice(1);
    const parts = sections.filter((section) => !section.startsWith('--')).map((section) => parseMime(section.replace(/^\n/, '')));
    return { headers, body: '', parts };
  }
  const encoding = headers['content-transfer-encoding']?.toLowerCase();
  let bytes: Buffer;
  if (encoding === 'quoted-printable') {
    bytes = Buffer.from(rest.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1');
  } else if (encoding === 'base64') {
    bytes = Buffer.from(rest.replace(/\s+/g, ''), 'base64');
  } else {
    bytes = Buffer.from(rest, 'utf8');
  }
  return { headers, body: bytes.toString('utf8'), parts: [] };
}

/** Every leaf part of a parsed message, e.g. to find the text/plain and text/html parts. */
export function mimeLeaves(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(mimeLeaves);
}

/** Polls until `check` returns a value, for things that happen after the response (mail). */
export async function eventually<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The actor a use case sees for this user, as authentication would build it. */
export const actorOf = (user: UserRow): Actor => ({
  userId: user.id,
  organisationId: user.organisation_id,
  name: user.name,
  email: user.email,
  locale: user.locale,
  role: user.role,
  isPlatformAdmin: user.is_platform_admin,
});
