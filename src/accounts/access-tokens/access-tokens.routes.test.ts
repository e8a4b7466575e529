import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerRequest, createTestApp, createTestOrganisation, createTestUser, sessionClient } from '../../../test/harness.ts';

describe('personal access tokens (no JavaScript)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  async function member() {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id, { name: 'Tessa Token' });
    return { org, user, client: await sessionClient(t.deps, t.app, user.id) };
  }

  it('creates a token shown once, stored hashed, usable as a bearer token, and revoked after confirmation', async () => {
    const { org, user, client } = await member();
    await client.get('/profiel/tokens');
    const created = await client.post('/profiel/tokens', { name: 'Rapportage', scope: 'read' });
    assert.equal(created.statusCode, 200);
    const token = created.body.match(/(lkp_[A-Za-z0-9_-]{43})/)?.[1];
    assert.ok(token, 'the token is shown');
    assert.match(created.body, /Je ziet het maar één keer/);

    const stored = await t.deps.db.selectFrom('access_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(stored.scope, 'read');
    assert.notEqual(stored.token_hash.toString(), token);
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(token.slice(4)));

    const list = await client.get('/profiel/tokens');
    assert.match(list.body, /Rapportage/);
    assert.match(list.body, /Alleen lezen/);
    assert.doesNotMatch(list.body, new RegExp(token), 'never shown again');

    const me = await bearerRequest(t.app, token, 'GET', '/api/v1/me');
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().name, 'Tessa Token');
    assert.equal((await bearerRequest(t.app, token, 'PATCH', '/api/v1/me', { name: 'X' })).statusCode, 403, 'a read token cannot write');

    const action = `/profiel/tokens/${stored.id}/intrekken`;
    const confirmation = await client.post(action, { confirmed: '' });
    assert.equal(confirmation.statusCode, 200);
    assert.match(confirmation.body, /Weet je het zeker\?/);
    assert.equal((await bearerRequest(t.app, token, 'GET', '/api/v1/me')).statusCode, 200, 'still valid before confirming');
    const revoked = await client.post(action, { confirmed: 'yes' });
    assert.equal(revoked.statusCode, 303);
    assert.equal((await bearerRequest(t.app, token, 'GET', '/api/v1/me')).statusCode, 401);
    assert.doesNotMatch((await client.get('/profiel/tokens')).body, /Rapportage/);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('organisation_id', '=', org.id).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['account.access_token_created', 'account.access_token_revoked']);
  });

  it('re-renders bad input without a server error', async () => {
    const { client } = await member();
    await client.get('/profiel/tokens');
    for (const form of <Record<string, string | string[]>[]>[{ name: '', scope: 'read' }, { name: 'X', scope: 'admin' }, { name: 'x'.repeat(81), scope: 'read' }, { name: ['a', 'b'] }]) {
      const response = await client.post('/profiel/tokens', form);
      assert.equal(response.statusCode, 422, JSON.stringify(form));
      assert.match(response.body, /id="error-summary"/);
      assert.doesNotMatch(response.body, /lkp_/);
    }
    assert.equal((await client.post('/profiel/tokens/geen-id/intrekken', { confirmed: 'yes' })).statusCode, 400);
  });

  it("cannot revoke someone else's token", async () => {
    const owner = await member();
    const other = await member();
    await owner.client.get('/profiel/tokens');
    await owner.client.post('/profiel/tokens', { name: 'Van mij', scope: 'read_write' });
    const stored = await t.deps.db.selectFrom('access_tokens').select('id').where('user_id', '=', owner.user.id).executeTakeFirstOrThrow();
    assert.equal((await other.client.post(`/profiel/tokens/${stored.id}/intrekken`, { confirmed: 'yes' })).statusCode, 404);
  });
});
