import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestOrganisation, createTestUser, TestClient, TEST_PASSWORD } from '../../test/harness.ts';

describe('log in and out (no JavaScript)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('logs in with the right password, shows the name, and logs out', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id, { name: 'Fatima de Vries' });
    const client = new TestClient(t.app);
    await client.get('/inloggen');
    const response = await client.post('/inloggen', { email: user.email.toUpperCase(), password: TEST_PASSWORD, next: '/gemeenschappen' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/gemeenschappen');
    const home = await client.get('/');
    assert.match(home.body, /Fatima de Vries/);
    const out = await client.post('/uitloggen');
    assert.equal(out.statusCode, 303);
    assert.doesNotMatch((await client.get('/')).body, /Fatima de Vries/);
  });

  it('re-renders the form with the typed e-mail and one message for a wrong password', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id);
    const client = new TestClient(t.app);
    await client.get('/inloggen');
    const response = await client.post('/inloggen', { email: user.email, password: 'wrong password here' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /combinatie van e-mailadres en wachtwoord kennen we niet/);
    assert.match(response.body, new RegExp(`value="${user.email}"`));
    assert.doesNotMatch(response.body, /wrong password here/);
  });

  it('refuses a deactivated user', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id, { status: 'deactivated' });
    const client = new TestClient(t.app);
    await client.get('/inloggen');
    assert.equal((await client.post('/inloggen', { email: user.email, password: TEST_PASSWORD })).statusCode, 422);
  });

  it('rejects a form post without a valid CSRF token', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id);
    const client = new TestClient(t.app);
    await client.get('/inloggen');
    const response = await client.post('/inloggen', { email: user.email, password: TEST_PASSWORD }, { csrf: 'forged' });
    assert.equal(response.statusCode, 403);
  });

  it('does not redirect to another site after log-in', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id);
    const client = new TestClient(t.app);
    await client.get('/inloggen');
    const response = await client.post('/inloggen', { email: user.email, password: TEST_PASSWORD, next: '//evil.example/' });
    assert.equal(response.headers.location, '/');
  });
});
