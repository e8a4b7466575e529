import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { bearerRequest, createTestApp, createTestOrganisation, createTestPersonalAccessToken, createTestUser, loggedInClient } from '../../test/harness.ts';

const unique = () => randomUUID().slice(0, 8);

describe('/api/v1/organisations', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let adminToken: string;
  before(async () => {
    t = await createTestApp();
    const home = await createTestOrganisation(t.deps);
    adminToken = await createTestPersonalAccessToken(t.deps, (await createTestUser(t.deps, home.id, { isPlatformAdmin: true })).id);
  });
  after(() => t.close());

  const api = (token: string | undefined, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => bearerRequest(t.app, token, method, url, body);

  it('answers 401 problem+json without an actor, even for a bad body', async () => {
    const org = await createTestOrganisation(t.deps);
    for (const [method, url, body] of [
      ['GET', '/api/v1/organisations'],
      ['GET', `/api/v1/organisations/${org.id}`],
      ['POST', '/api/v1/organisations', { nonsense: true }],
      ['PATCH', `/api/v1/organisations/${org.id}`, { name: 1 }],
    ] as const) {
      const response = await api(undefined, method, url, body);
      assert.equal(response.statusCode, 401, `${method} ${url}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.equal(response.json().code, 'common.unauthenticated');
    }
  });

  it('lets a normal user see only their own organisation: others are 404, changing is 403', async () => {
    const own = await createTestOrganisation(t.deps);
    const other = await createTestOrganisation(t.deps);
    const token = await createTestPersonalAccessToken(t.deps, (await createTestUser(t.deps, own.id, { role: 'admin' })).id);
    const list = (await api(token, 'GET', '/api/v1/organisations')).json();
    assert.deepEqual(list.items.map((o: { id: string }) => o.id), [own.id]);
    assert.equal(list.hasNext, false);
    assert.equal((await api(token, 'GET', `/api/v1/organisations/${own.id}`)).json().slug, own.slug);
    assert.equal((await api(token, 'GET', `/api/v1/organisations/${other.id}`)).statusCode, 404);
    assert.equal((await api(token, 'PATCH', `/api/v1/organisations/${other.id}`, { name: 'Overgenomen' })).statusCode, 404);
    assert.equal((await api(token, 'PATCH', `/api/v1/organisations/${own.id}`, { name: 'Eigen naam' })).statusCode, 403);
    assert.equal((await api(token, 'POST', '/api/v1/organisations', { name: 'Gemeente Zelf', kind: 'municipality' })).statusCode, 403);
  });

  it('lets a platform administrator create, read, page and change organisations', async () => {
    const id = unique();
    const created = await api(adminToken, 'POST', '/api/v1/organisations', { name: ` Api Gemeente ${id} `, kind: 'partner', emailDomains: [`API-${id}.nl`], allowSelfSignup: true });
    assert.equal(created.statusCode, 201);
    const body = created.json();
    assert.equal(created.headers.location, `/api/v1/organisations/${body.id}`);
    assert.deepEqual({ ...body, id: undefined, createdAt: undefined }, {
      id: undefined,
      createdAt: undefined,
      name: `Api Gemeente ${id}`,
      slug: `api-gemeente-${id}`,
      kind: 'partner',
      emailDomains: [`api-${id}.nl`],
      allowSelfSignup: true,
      theme: {},
    });
    assert.ok(!Number.isNaN(Date.parse(body.createdAt)));

    const patched = await api(adminToken, 'PATCH', `/api/v1/organisations/${body.id}`, { theme: { '--utrecht-link-color': '#ABCDEF' } });
    assert.equal(patched.statusCode, 200);
    assert.deepEqual(patched.json().theme, { '--utrecht-link-color': '#abcdef' });
    assert.equal(patched.json().name, `Api Gemeente ${id}`, 'what the body does not name stays');

    const prefix = `Paged ${id}`;
    for (let i = 0; i < 3; i += 1) await createTestOrganisation(t.deps, { name: `${prefix} ${i}` });
    const page2 = (await api(adminToken, 'GET', `/api/v1/organisations?q=${encodeURIComponent(prefix)}&page=2&pageSize=2`)).json();
    assert.deepEqual({ names: page2.items.map((o: { name: string }) => o.name), page: page2.page, pageSize: page2.pageSize, hasNext: page2.hasNext }, { names: [`${prefix} 2`], page: 2, pageSize: 2, hasNext: false });
  });

  it('refuses bad input with problem+json and invalidParams', async () => {
    const org = await createTestOrganisation(t.deps);
    const bad = await api(adminToken, 'POST', '/api/v1/organisations', { name: 'Gemeente Fout', kind: 'municipality', emailDomains: ['niet een domein'] });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().invalidParams.map((p: { name: string; code: string }) => [p.name, p.code]), [['emailDomains', 'organisations.domain_invalid']]);
    const taken = await api(adminToken, 'POST', '/api/v1/organisations', { name: 'Gemeente Dubbel', kind: 'municipality', emailDomains: org.email_domains });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().invalidParams[0].code, 'organisations.domain_taken');
    assert.equal((await api(adminToken, 'POST', '/api/v1/organisations', { name: 'X', kind: 'kasteel' })).statusCode, 422);
    assert.equal((await api(adminToken, 'POST', '/api/v1/organisations', { name: 'Gemeente Extra', kind: 'partner', extra: 1 })).statusCode, 422);
    assert.equal((await api(adminToken, 'GET', '/api/v1/organisations?pageSize=101')).statusCode, 400);
    assert.equal((await api(adminToken, 'GET', '/api/v1/organisations/niet-een-id')).statusCode, 400);
    assert.equal((await api(adminToken, 'GET', `/api/v1/organisations/${randomUUID()}`)).statusCode, 404);
  });

  it('refuses theme values that try to inject CSS', async () => {
    const org = await createTestOrganisation(t.deps);
    for (const attempt of ['red;} body{display:none', '</style>', 'url(javascript:alert(1))']) {
      const response = await api(adminToken, 'PATCH', `/api/v1/organisations/${org.id}`, { theme: { '--utrecht-link-color': attempt, '--basis-text-font-family-default': attempt } });
      assert.equal(response.statusCode, 422, attempt);
      assert.deepEqual(response.json().invalidParams.map((p: { name: string }) => p.name), ['theme.--utrecht-link-color', 'theme.--basis-text-font-family-default']);
    }
    assert.equal((await api(adminToken, 'PATCH', `/api/v1/organisations/${org.id}`, { theme: { '--evil': '#fff' } })).statusCode, 422);
    assert.equal((await t.app.inject(`/thema/${org.id}.css`)).body, '');
  });

  it('works from the browser with the session and the CSRF header', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id, { isPlatformAdmin: true });
    const client = await loggedInClient(t.app, user.email);
    const headers = { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/json' };
    const forged = await t.app.inject({ method: 'PATCH', url: `/api/v1/organisations/${org.id}`, headers, payload: JSON.stringify({ name: 'Vervalst' }) });
    assert.equal(forged.statusCode, 403);
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/v1/organisations/${org.id}`, headers: { ...headers, 'x-csrf-token': client.csrf }, payload: JSON.stringify({ name: 'Echt Veranderd' }) });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().name, 'Echt Veranderd');
  });

  it('is described in the OpenAPI document under the organisations tag', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    for (const path of ['/api/v1/organisations', '/api/v1/organisations/{id}', '/api/v1/organisations/{id}/members', '/api/v1/organisations/{id}/members/{userId}']) {
      const operations = Object.values(doc.paths[path] ?? {}) as { tags?: string[] }[];
      assert.ok(operations.length > 0, path);
      assert.ok(operations.every((op) => op.tags?.includes('organisations')), path);
    }
    assert.ok(doc.paths['/api/v1/organisations'].post.requestBody);
  });
});
