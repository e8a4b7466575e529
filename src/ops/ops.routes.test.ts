import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestOrganisation, createTestUser, sessionClient } from '../../test/harness.ts';

describe('operations endpoints', () => {
  const apps: Awaited<ReturnType<typeof createTestApp>>[] = [];
  after(() => Promise.all(apps.map((a) => a.close())));
  const app = async (config = {}) => {
    const t = await createTestApp({ config });
    apps.push(t);
    return t;
  };

  it('answers health and readiness without a session or cookie', async () => {
    const t = await app();
    const health = await t.app.inject({ url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.equal(health.headers['set-cookie'], undefined);
    assert.deepEqual((await t.app.inject({ url: '/readyz' })).json(), { status: 'ok' });
  });

  it('shows metrics on loopback only, or to the bearer of METRICS_TOKEN', async () => {
    const open = await app();
    assert.equal((await open.app.inject({ url: '/metrics' })).statusCode, 200);
    assert.match((await open.app.inject({ url: '/metrics' })).body, /leerkring_http_request_duration_seconds/);
    assert.equal((await open.app.inject({ url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode, 404);
    const guarded = await app({ metricsToken: 'a-long-enough-metrics-token' });
    assert.equal((await guarded.app.inject({ url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode, 404);
    assert.equal((await guarded.app.inject({ url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer a-long-enough-metrics-token' } })).statusCode, 200);
  });

  it('keeps a well-formed request id from the proxy and replaces anything else', async () => {
    const t = await app();
    const kept = await t.app.inject({ url: '/bestaat-niet', headers: { 'x-request-id': 'proxy-1234abcd', accept: 'application/json' } });
    assert.equal(kept.json().instance, 'proxy-1234abcd');
    const replaced = await t.app.inject({ url: '/bestaat-niet', headers: { 'x-request-id': '<script>alert(1)</script>', accept: 'application/json' } });
    assert.match(replaced.json().instance, /^[0-9a-f-]{36}$/);
  });

  it('limits how many changes one person makes per window', async () => {
    const t = await app({ writeRateLimit: 3 });
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id);
    const client = await sessionClient(t.deps, t.app, user.id);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.post('/taal', { locale: 'nl', next: '/' })).statusCode);
    assert.deepEqual(statuses, [303, 303, 303, 429]);
  });
});
