import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bearerRequest,
  createCapturingMailer,
  createTestApp,
  createTestOrganisation,
  createTestPersonalAccessToken,
  createTestUser,
  sessionClient,
  type TestClient,
} from '../../test/harness.ts';

/** A JSON call with the browser's session cookie, as a page script would make it (CSRF header included). */
function withSession(client: TestClient, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, csrf = client.csrf) {
  return client.app.inject({
    method,
    url,
    headers: {
      accept: 'application/json',
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

describe('accounts JSON API', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const mailer = createCapturingMailer();
  before(async () => {
    t = await createTestApp({ mailer });
  });
  after(() => t.close());

  async function member(role: 'member' | 'admin' = 'member') {
    const org = await createTestOrganisation(t.deps, { name: 'Gemeente API' });
    const user = await createTestUser(t.deps, org.id, { role, name: 'Ali API', expertise: ['Wmo'], jobTitle: 'Consulent' });
    return { org, user, token: await createTestPersonalAccessToken(t.deps, user.id, 'read_write') };
  }

  it('answers 401 problem+json without an actor', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/v1/me', undefined],
      ['PATCH', '/api/v1/me', { name: 'X' }],
      ['GET', '/api/v1/me/sessions', undefined],
      ['DELETE', `/api/v1/me/sessions/${crypto.randomUUID()}`, undefined],
      ['GET', '/api/v1/me/tokens', undefined],
      ['POST', '/api/v1/me/tokens', { name: 'X', scope: 'read' }],
      ['DELETE', `/api/v1/me/tokens/${crypto.randomUUID()}`, undefined],
      ['POST', `/api/v1/organisations/${crypto.randomUUID()}/invitations`, { email: 'a@b.nl', role: 'member' }],
    ] as const) {
      const response = await bearerRequest(t.app, undefined, method, url, body);
      assert.equal(response.statusCode, 401, `${method} ${url}`);
      assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
      assert.equal(response.json().code, 'common.unauthenticated');
    }
    assert.equal((await bearerRequest(t.app, 'lkp_not-a-real-token', 'GET', '/api/v1/me')).statusCode, 401);
  });

  it('GET and PATCH /api/v1/me use camelCase and never expose secrets', async () => {
    const { org, user, token } = await member();
    const me = await bearerRequest(t.app, token, 'GET', '/api/v1/me');
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json(), {
      id: user.id,
      email: user.email,
      name: 'Ali API',
      jobTitle: 'Consulent',
      bio: '',
      expertise: ['Wmo'],
      locale: 'nl',
      role: 'member',
      isPlatformAdmin: false,
      organisation: { id: org.id, name: 'Gemeente API' },
    });

    const patched = await bearerRequest(t.app, token, 'PATCH', '/api/v1/me', { bio: 'Over mij', expertise: [' jeugd ', 'Jeugd', 'wonen'], locale: 'en' });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().name, 'Ali API', 'fields not sent stay as they were');
    assert.deepEqual(patched.json().expertise, ['jeugd', 'wonen']);
    assert.equal(patched.json().locale, 'en');

    for (const body of [{ name: '' }, { name: '   ' }, { expertise: Array.from({ length: 21 }, (_, i) => `t${i}`) }, { expertise: ['x'.repeat(41)] }, { bio: 'b'.repeat(1001) }, { locale: 'fr' }, { name: 42 }]) {
      const response = await bearerRequest(t.app, token, 'PATCH', '/api/v1/me', body);
      assert.equal(response.statusCode, 422, JSON.stringify(body).slice(0, 60));
      assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
      assert.ok(response.json().invalidParams.length > 0);
    }
    const broken = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"name":' });
    assert.equal(broken.statusCode, 400);
  });

  it('lists sessions paged, marks the current one, and ends a session', async () => {
    const { user, token } = await member();
    const browser = await sessionClient(t.deps, t.app, user.id);
    await sessionClient(t.deps, t.app, user.id);
    await sessionClient(t.deps, t.app, user.id);

    const firstPage = await bearerRequest(t.app, token, 'GET', '/api/v1/me/sessions?pageSize=2');
    assert.equal(firstPage.statusCode, 200);
    const body = firstPage.json();
    assert.deepEqual(Object.keys(body).sort(), ['hasNext', 'items', 'page', 'pageSize']);
    assert.equal(body.items.length, 2);
    assert.equal(body.hasNext, true);
    assert.deepEqual(Object.keys(body.items[0]).sort(), ['createdAt', 'expiresAt', 'id', 'ip', 'isCurrent', 'lastSeenAt', 'userAgent']);
    assert.match(body.items[0].lastSeenAt, /^\d{4}-\d\d-\d\dT/);
    const lastPage = (await bearerRequest(t.app, token, 'GET', '/api/v1/me/sessions?page=2&pageSize=2')).json();
    assert.equal(lastPage.items.length, 1);
    assert.equal(lastPage.hasNext, false);
    assert.equal((await bearerRequest(t.app, token, 'GET', '/api/v1/me/sessions?pageSize=101')).statusCode, 400);
    assert.equal((await bearerRequest(t.app, token, 'GET', '/api/v1/me/sessions?page=nul')).statusCode, 400);

    const own = (await withSession(browser, 'GET', '/api/v1/me/sessions')).json();
    assert.equal(own.items.filter((s: { isCurrent: boolean }) => s.isCurrent).length, 1);
    const victim = own.items.find((s: { isCurrent: boolean }) => !s.isCurrent);
    assert.equal((await bearerRequest(t.app, token, 'DELETE', `/api/v1/me/sessions/${victim.id}`)).statusCode, 204);
    assert.equal((await bearerRequest(t.app, token, 'DELETE', `/api/v1/me/sessions/${victim.id}`)).statusCode, 404);
    assert.equal((await bearerRequest(t.app, token, 'DELETE', '/api/v1/me/sessions/geen-uuid')).statusCode, 400);
  });

  it('creates a token once with a logged-in session, lists and revokes it; a token cannot make tokens', async () => {
    const { user, token } = await member();
    const refused = await bearerRequest(t.app, token, 'POST', '/api/v1/me/tokens', { name: 'Via token', scope: 'read' });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'accounts.session_required');

    const browser = await sessionClient(t.deps, t.app, user.id);
    assert.equal((await withSession(browser, 'POST', '/api/v1/me/tokens', { name: 'Script', scope: 'read' }, '')).statusCode, 403, 'CSRF applies to cookies');
    const created = await withSession(browser, 'POST', '/api/v1/me/tokens', { name: 'Script', scope: 'read' });
    assert.equal(created.statusCode, 201);
    const secret = created.json().token as string;
    assert.match(secret, /^lkp_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.json().lastUsedAt, null);

    assert.equal((await bearerRequest(t.app, secret, 'GET', '/api/v1/me')).statusCode, 200);
    const list = (await bearerRequest(t.app, token, 'GET', '/api/v1/me/tokens')).json();
    assert.equal(list.items.length, 2);
    assert.ok(list.items.every((item: Record<string, unknown>) => !('token' in item)));
    const script = list.items.find((item: { name: string }) => item.name === 'Script');
    assert.ok(script.lastUsedAt, 'use is recorded');

    assert.equal((await bearerRequest(t.app, secret, 'DELETE', `/api/v1/me/tokens/${script.id}`)).statusCode, 403, 'a read token cannot revoke');
    assert.equal((await bearerRequest(t.app, token, 'DELETE', `/api/v1/me/tokens/${script.id}`)).statusCode, 204);
    assert.equal((await bearerRequest(t.app, secret, 'GET', '/api/v1/me')).statusCode, 401);
    assert.equal((await bearerRequest(t.app, token, 'DELETE', `/api/v1/me/tokens/${script.id}`)).statusCode, 404);
    const invalid = await withSession(browser, 'POST', '/api/v1/me/tokens', { name: '', scope: 'everything' });
    assert.equal(invalid.statusCode, 422);
    assert.deepEqual(invalid.json().invalidParams.map((p: { name: string }) => p.name).sort(), ['name', 'scope']);
  });

  it('POST /api/v1/organisations/:id/invitations is for that organisation’s admins', async () => {
    const { org, token } = await member('admin');
    const email = `api-${org.slug}@example.test`;
    const created = await bearerRequest(t.app, token, 'POST', `/api/v1/organisations/${org.id}/invitations`, { email, role: 'manager', locale: 'en' });
    assert.equal(created.statusCode, 201);
    assert.deepEqual(Object.keys(created.json()).sort(), ['createdAt', 'email', 'expiresAt', 'id', 'locale', 'role']);
    assert.equal(created.json().role, 'manager');
    assert.equal(mailer.to(email)[0]?.subject, 'Invitation to Leerkring from Gemeente API');

    const taken = await bearerRequest(t.app, token, 'POST', `/api/v1/organisations/${org.id}/invitations`, { email: (await createTestUser(t.deps, org.id)).email, role: 'member' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().invalidParams[0].name, 'email');
    const invalid = await bearerRequest(t.app, token, 'POST', `/api/v1/organisations/${org.id}/invitations`, { email: 'nope', role: 'king' });
    assert.equal(invalid.statusCode, 422);

    const other = await createTestOrganisation(t.deps);
    assert.equal((await bearerRequest(t.app, token, 'POST', `/api/v1/organisations/${other.id}/invitations`, { email, role: 'member' })).statusCode, 404, 'another organisation is not found, not forbidden');
    assert.equal((await bearerRequest(t.app, token, 'POST', '/api/v1/organisations/geen-uuid/invitations', { email, role: 'member' })).statusCode, 400);
    const plain = await member('member');
    assert.equal((await bearerRequest(t.app, plain.token, 'POST', `/api/v1/organisations/${plain.org.id}/invitations`, { email, role: 'member' })).statusCode, 403);

    const platformAdmin = await createTestUser(t.deps, other.id, { isPlatformAdmin: true });
    const platformToken = await createTestPersonalAccessToken(t.deps, platformAdmin.id);
    assert.equal((await bearerRequest(t.app, platformToken, 'POST', `/api/v1/organisations/${org.id}/invitations`, { email: `pa-${org.slug}@example.test`, role: 'member' })).statusCode, 201);
    assert.equal((await bearerRequest(t.app, platformToken, 'POST', `/api/v1/organisations/${crypto.randomUUID()}/invitations`, { email, role: 'member' })).statusCode, 404);
  });

  it('documents every accounts endpoint in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const expected: [string, string][] = [
      ['/api/v1/me', 'get'],
      ['/api/v1/me', 'patch'],
      ['/api/v1/me/sessions', 'get'],
      ['/api/v1/me/sessions/{id}', 'delete'],
      ['/api/v1/me/tokens', 'get'],
      ['/api/v1/me/tokens', 'post'],
      ['/api/v1/me/tokens/{id}', 'delete'],
      ['/api/v1/organisations/{organisationId}/invitations', 'post'],
    ];
    for (const [path, method] of expected) {
      const operation = doc.paths[path]?.[method];
      assert.ok(operation, `${method} ${path}`);
      assert.deepEqual(operation.tags, ['accounts']);
    }
    assert.ok(doc.paths['/api/v1/me'].patch.requestBody);
    assert.ok(doc.paths['/api/v1/me/tokens'].post.responses['201']);
  });
});
