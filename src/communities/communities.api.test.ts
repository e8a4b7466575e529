import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser } from '../../test/harness.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** /api/v1/communities: the same rules as the pages, as JSON and problem+json. */
describe('communities JSON API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const world = async () => {
    const owner = await createTestOrganisation(t.deps, { name: 'Gemeente Voorbeeldstad' });
    const partner = await createTestOrganisation(t.deps, { name: 'Zorgpartner West', kind: 'partner' });
    const manager = await createTestUser(t.deps, owner.id, { role: 'manager', name: 'Marieke Manager' });
    const token = await createTestPersonalAccessToken(t.deps, manager.id);
    return { owner, partner, manager, token };
  };
  const userWithToken = async (organisationId: string, overrides: Parameters<typeof createTestUser>[2] = {}) => {
    const user = await createTestUser(t.deps, organisationId, overrides);
    return { user, token: await createTestPersonalAccessToken(t.deps, user.id) };
  };

  it('answers 401 problem+json without a token', async () => {
    for (const [method, url] of [['GET', '/api/v1/communities'], ['POST', '/api/v1/communities'], ['GET', '/api/v1/communities/not-a-uuid/members']] as const) {
      const response = await bearerRequest(t.app, undefined, method, url, method === 'POST' ? { name: 1 } : undefined);
      assert.equal(response.statusCode, 401, url);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.equal(response.json().code, 'common.unauthenticated');
    }
  });

  it('creates, reads, changes and lists a community', async () => {
    const { partner, token, manager } = await world();
    const created = await bearerRequest(t.app, token, 'POST', '/api/v1/communities', { name: 'Schuldhulp in de keten', purpose: 'Samen', tags: ['Schuld'], visibility: 'closed', partnerOrganisationIds: [partner.id] });
    assert.equal(created.statusCode, 201);
    const body = created.json();
    assert.equal(body.myStatus, 'facilitator');
    assert.equal(body.memberCount, 1);
    assert.deepEqual(body.tags, ['schuld']);
    assert.deepEqual(body.partners, [{ id: partner.id, name: 'Zorgpartner West' }]);
    assert.deepEqual(body.facilitators, [{ userId: manager.id, name: 'Marieke Manager' }]);

    const patched = await bearerRequest(t.app, token, 'PATCH', `/api/v1/communities/${body.id}`, { purpose: 'Samen sneller helpen' });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().purpose, 'Samen sneller helpen');
    assert.equal(patched.json().name, 'Schuldhulp in de keten', 'unchanged fields stay');
    assert.deepEqual(patched.json().partners.map((p: { id: string }) => p.id), [partner.id]);

    const read = await bearerRequest(t.app, token, 'GET', `/api/v1/communities/${body.id}`);
    assert.equal(read.json().slug, body.slug);
    const list = await bearerRequest(t.app, token, 'GET', '/api/v1/communities?mine=true&pageSize=1');
    assert.deepEqual(Object.keys(list.json()).sort(), ['hasNext', 'items', 'page', 'pageSize']);
    assert.equal(list.json().items[0].id, body.id);
  });

  it('validates input as problem+json with invalidParams, never a server error', async () => {
    const { token } = await world();
    const bad = await bearerRequest(t.app, token, 'POST', '/api/v1/communities', { name: 'x', visibility: 'public' });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.json().invalidParams.some((p: { name: string }) => p.name === 'name'));
    assert.equal((await bearerRequest(t.app, token, 'GET', '/api/v1/communities?pageSize=101')).statusCode, 400);
    assert.equal((await bearerRequest(t.app, token, 'GET', '/api/v1/communities?page=0')).statusCode, 400);
    assert.equal((await bearerRequest(t.app, token, 'GET', '/api/v1/communities/not-a-uuid')).statusCode, 400);
    assert.equal((await bearerRequest(t.app, token, 'GET', '/api/v1/communities/6f1c1f1e-1111-4111-8111-111111111111')).statusCode, 404);
    const unknownPartner = await bearerRequest(t.app, token, 'POST', '/api/v1/communities', { name: 'Wmo', visibility: 'open', partnerOrganisationIds: ['6f1c1f1e-1111-4111-8111-111111111111'] });
    assert.equal(unknownPartner.statusCode, 422);
  });

  it('joins, requests, approves, invites, changes roles and leaves', async () => {
    const { owner, partner, manager, token } = await world();
    const open = await createTestCommunity(t.deps, owner.id, { visibility: 'open', members: [{ userId: manager.id, role: 'facilitator' }] });
    const closed = await createTestCommunity(t.deps, owner.id, { visibility: 'closed', partners: [partner.id], members: [{ userId: manager.id, role: 'facilitator' }] });
    const member = await userWithToken(partner.id, { name: 'Piet Partner', jobTitle: 'Consulent' });

    const joined = await bearerRequest(t.app, member.token, 'POST', `/api/v1/communities/${open.id}/join`, {});
    assert.deepEqual(joined.json(), { communityId: open.id, userId: member.user.id, status: 'active', role: 'member' });
    const requested = await bearerRequest(t.app, member.token, 'POST', `/api/v1/communities/${closed.id}/join`, { message: 'Graag' });
    assert.equal(requested.json().status, 'requested');
    assert.equal((await bearerRequest(t.app, member.token, 'POST', `/api/v1/communities/${closed.id}/requests/${member.user.id}/approve`)).statusCode, 403);
    const approved = await bearerRequest(t.app, token, 'POST', `/api/v1/communities/${closed.id}/requests/${member.user.id}/approve`);
    assert.equal(approved.json().status, 'active');

    const members = await bearerRequest(t.app, token, 'GET', `/api/v1/communities/${closed.id}/members?q=piet`);
    assert.equal(members.json().items.length, 1);
    assert.equal(members.json().items[0].jobTitle, 'Consulent');
    assert.equal(members.json().items[0].organisation.name, 'Zorgpartner West');

    const role = await bearerRequest(t.app, token, 'PATCH', `/api/v1/communities/${closed.id}/members/${member.user.id}`, { role: 'facilitator' });
    assert.equal(role.json().role, 'facilitator');
    assert.equal((await bearerRequest(t.app, token, 'PATCH', `/api/v1/communities/${closed.id}/members/${member.user.id}`, { role: 'boss' })).statusCode, 422);

    const colleague = await userWithToken(owner.id);
    const invited = await bearerRequest(t.app, token, 'POST', `/api/v1/communities/${closed.id}/invitations`, { email: colleague.user.email });
    assert.equal(invited.statusCode, 201);
    assert.equal(invited.json().status, 'invited');
    assert.equal((await bearerRequest(t.app, token, 'POST', `/api/v1/communities/${closed.id}/invitations`, { email: colleague.user.email })).statusCode, 409);

    const outsider = await userWithToken(owner.id);
    assert.equal((await bearerRequest(t.app, outsider.token, 'POST', `/api/v1/communities/${closed.id}/join`)).json().status, 'requested', 'no body needed');
    assert.equal((await bearerRequest(t.app, token, 'POST', `/api/v1/communities/${closed.id}/requests/${outsider.user.id}/decline`)).statusCode, 204);

    assert.equal((await bearerRequest(t.app, member.token, 'POST', `/api/v1/communities/${open.id}/leave`)).statusCode, 204);
    const leaveLast = await bearerRequest(t.app, token, 'POST', `/api/v1/communities/${open.id}/leave`);
    assert.equal(leaveLast.statusCode, 409);
    assert.equal(leaveLast.json().code, 'communities.last_facilitator');
  });

  it('answers 404 for a secret community to everyone outside it, platform admins included', async () => {
    const { owner, manager, token } = await world();
    const secret = await createTestCommunity(t.deps, owner.id, { name: `Geheim ${owner.slug}`, visibility: 'secret', members: [{ userId: manager.id, role: 'facilitator' }] });
    const admin = await userWithToken(owner.id, { role: 'admin', isPlatformAdmin: true });
    for (const [method, url] of [
      ['GET', `/api/v1/communities/${secret.id}`],
      ['GET', `/api/v1/communities/${secret.id}/members`],
      ['POST', `/api/v1/communities/${secret.id}/join`],
      ['PATCH', `/api/v1/communities/${secret.id}`],
      ['POST', `/api/v1/communities/${secret.id}/invitations`],
    ] as const) {
      const response = await bearerRequest(t.app, admin.token, method, url, method === 'GET' ? undefined : method === 'PATCH' ? { name: 'Overgenomen' } : { email: admin.user.email });
      assert.equal(response.statusCode, 404, `${method} ${url}`);
    }
    const list = await bearerRequest(t.app, admin.token, 'GET', `/api/v1/communities?q=${encodeURIComponent(owner.slug)}`);
    assert.deepEqual(list.json().items, []);
    const mine = await bearerRequest(t.app, token, 'GET', `/api/v1/communities?q=${encodeURIComponent(owner.slug)}`);
    assert.equal(mine.json().items.length, 1);
  });

  it('refuses changes with a read-only token', async () => {
    const { manager } = await world();
    const readOnly = await createTestPersonalAccessToken(t.deps, manager.id, 'read');
    assert.equal((await bearerRequest(t.app, readOnly, 'POST', '/api/v1/communities', { name: 'Wmo', visibility: 'open' })).statusCode, 403);
    assert.equal((await bearerRequest(t.app, readOnly, 'GET', '/api/v1/communities')).statusCode, 200);
  });

  it('documents every route in the OpenAPI document under the communities tag', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of ['/api/v1/communities', '/api/v1/communities/{id}', '/api/v1/communities/{id}/members', '/api/v1/communities/{id}/join', '/api/v1/communities/{id}/leave', '/api/v1/communities/{id}/invitations', '/api/v1/communities/{id}/requests/{userId}/approve', '/api/v1/communities/{id}/requests/{userId}/decline', '/api/v1/communities/{id}/members/{userId}']) {
      assert.ok(spec.paths[path], path);
      for (const operation of Object.values(spec.paths[path]) as { tags?: string[] }[]) assert.deepEqual(operation.tags, ['communities'], path);
    }
    assert.equal(spec.paths['/gemeenschappen/{slug}/leden/{userId}/rol'], undefined, 'form posts are not API');
  });
});
