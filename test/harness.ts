/**
 * Shared test harness: real PostgreSQL (TEST_DATABASE_URL, set by test/run.ts), real server via
 * inject(). Every test creates its own organisation and users, so tests never share data and
 * nothing is truncated.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import path from 'node:path';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { randomIds, systemClock } from '../src/platform/clock.ts';
import { createDb } from '../src/platform/db/database.ts';
import type { Deps } from '../src/platform/deps.ts';
import { createEventBus, type DomainEvent } from '../src/platform/events/events.ts';
import { createJobs } from '../src/platform/jobs/jobs.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createMailer, type Mailer } from '../src/platform/mail/mailer.ts';
import { createRateLimiter } from '../src/platform/auth/rate-limit.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import type { OrgRole } from '../src/platform/db/schema.ts';
import { createAppI18n } from '../src/app/messages.ts';
import { buildServer } from '../src/app/server.tsx';

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
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent' }, { dataDir: path.join(os.tmpdir(), `leerkring-test-${randomUUID()}`), ...overrides.config });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const { db } = createDb(url, 4);
  const events = createEventBus(logger);
  const dispatched: DomainEvent[] = [];
  events.subscribe({ event: '*', name: 'test-recorder', handle: async (e) => void dispatched.push(e) });
  const mailer = overrides.mailer ?? createMailer({ from: config.mailFrom, dir: path.join(config.dataDir, 'mail') });
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
import { hashToken } from '../src/platform/auth/tokens.ts';
import { ACCESS_TOKEN_PREFIX } from '../src/accounts/accounts.usecases.ts';

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
