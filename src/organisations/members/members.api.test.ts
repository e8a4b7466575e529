import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { bearerRequest, createTestApp, createTestOrganisation, createTestPersonalAccessToken, createTestUser } from '../../../test/harness.ts';

describe('/api/v1/organisations/:id/members', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const api = (token: string | undefined, method: 'GET' | 'PATCH', url: string, body?: unknown) => bearerRequest(t.app, token, method, url, body);

  async function organisationWithAdmin() {
    const org = await createTestOrganisation(t.deps);
    const admin = await createTestUser(t.deps, org.id, { role: 'admin', name: 'Api Admin' });
    return { org, admin, token: await createTestPersonalAccessToken(t.deps, admin.id) };
  }

  it('answers 401 without an actor, 403 to a member of the organisation, 404 to anyone else', async () => {
    const { org, admin } = await organisationWithAdmin();
    const url = `/api/v1/organisations/${org.id}/members`;
    assert.equal((await api(undefined, 'GET', url)).statusCode, 401);
    assert.equal((await api(undefined, 'PATCH', `${url}/${admin.id}`, { role: 'x' })).statusCode, 401);
    const memberToken = await createTestPersonalAccessToken(t.deps, (await createTestUser(t.deps, org.id, { role: 'manager' })).id);
    assert.equal((await api(memberToken, 'GET', url)).statusCode, 403);
    assert.equal((await api(memberToken, 'PATCH', `${url}/${admin.id}`, { role: 'member' })).statusCode, 403);
    const outsider = await organisationWithAdmin();
    assert.equal((await api(outsider.token, 'GET', url)).statusCode, 404);
    assert.equal((await api(outsider.token, 'PATCH', `${url}/${admin.id}`, { role: 'member' })).statusCode, 404);
    assert.equal((await api(outsider.token, 'GET', `/api/v1/organisations/${randomUUID()}/members`)).statusCode, 404);
  });

  it("lists the members for the organisation's administrator and for a platform administrator, paged and filtered", async () => {
    const { org, token } = await organisationWithAdmin();
    await createTestUser(t.deps, org.id, { name: 'Bram Beleid', role: 'manager' });
    await createTestUser(t.deps, org.id, { name: 'Cor Collega' });
    const all = (await api(token, 'GET', `/api/v1/organisations/${org.id}/members?pageSize=2`)).json();
    assert.deepEqual({ names: all.items.map((m: { name: string }) => m.name), hasNext: all.hasNext, pageSize: all.pageSize }, { names: ['Api Admin', 'Bram Beleid'], hasNext: true, pageSize: 2 });
    assert.deepEqual(Object.keys(all.items[0]).sort(), ['createdAt', 'email', 'id', 'jobTitle', 'name', 'organisationId', 'role', 'status']);
    const managers = (await api(token, 'GET', `/api/v1/organisations/${org.id}/members?role=manager&q=bram`)).json();
    assert.deepEqual(managers.items.map((m: { name: string }) => m.name), ['Bram Beleid']);
    assert.equal((await api(token, 'GET', `/api/v1/organisations/${org.id}/members?role=keizer`)).statusCode, 400);

    const platformToken = await createTestPersonalAccessToken(t.deps, (await createTestUser(t.deps, (await createTestOrganisation(t.deps)).id, { isPlatformAdmin: true })).id);
    assert.equal((await api(platformToken, 'GET', `/api/v1/organisations/${org.id}/members`)).json().items.length, 3);
  });

  it('changes role and status; deactivation revokes tokens at once', async () => {
    const { org, token } = await organisationWithAdmin();
    const member = await createTestUser(t.deps, org.id);
    const memberToken = await createTestPersonalAccessToken(t.deps, member.id);
    const url = `/api/v1/organisations/${org.id}/members/${member.id}`;
    const changed = await api(token, 'PATCH', url, { role: 'admin', status: 'deactivated' });
    assert.equal(changed.statusCode, 200);
    assert.deepEqual({ role: changed.json().role, status: changed.json().status }, { role: 'admin', status: 'deactivated' });
    assert.equal((await api(memberToken, 'GET', '/api/v1/organisations')).statusCode, 401);
    const back = await api(token, 'PATCH', url, { status: 'active' });
    assert.equal(back.json().status, 'active');
    assert.equal((await api(memberToken, 'GET', '/api/v1/organisations')).statusCode, 401, 'a revoked token stays revoked');
  });

  it('protects the last administrator and refuses bad input', async () => {
    const { org, admin, token } = await organisationWithAdmin();
    const url = `/api/v1/organisations/${org.id}/members/${admin.id}`;
    const last = await api(token, 'PATCH', url, { role: 'member' });
    assert.equal(last.statusCode, 409);
    assert.equal(last.json().code, 'organisations.members.last_admin');
    assert.deepEqual(last.json().invalidParams.map((p: { name: string }) => p.name), ['role']);
    assert.equal((await api(token, 'PATCH', url, { status: 'deactivated' })).json().code, 'organisations.members.cannot_deactivate_self');
    assert.equal((await api(token, 'PATCH', url, { role: 'keizer' })).statusCode, 422);
    assert.equal((await api(token, 'PATCH', url, { status: 'pending' })).statusCode, 422);
    assert.equal((await api(token, 'PATCH', `/api/v1/organisations/${org.id}/members/${randomUUID()}`, { role: 'member' })).statusCode, 404);
    const readOnly = await createTestPersonalAccessToken(t.deps, admin.id, 'read');
    assert.equal((await api(readOnly, 'PATCH', url, { role: 'admin' })).statusCode, 403);
  });

  it('rolls back both changes when the second one is refused', async () => {
    const { org, admin, token } = await organisationWithAdmin();
    const other = await createTestUser(t.deps, org.id, { role: 'admin' });
    const url = `/api/v1/organisations/${org.id}/members/${admin.id}`;
    const response = await api(token, 'PATCH', url, { role: 'manager', status: 'deactivated' });
    assert.equal(response.statusCode, 409);
    assert.equal((await t.deps.db.selectFrom('users').select('role').where('id', '=', admin.id).executeTakeFirstOrThrow()).role, 'admin');
    assert.ok(other);
  });
});
