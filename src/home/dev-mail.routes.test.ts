import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestOrganisation, createTestUser, sessionClient, TestClient } from '../../test/harness.ts';

describe('development mail viewer', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  before(async () => {
    t = await createTestApp({ config: { env: 'development', isDevelopment: true, isProduction: false } });
    await t.deps.mailer.send({ to: 'iemand@example.test', subject: 'Kies een nieuw wachtwoord', text: 'https://x/wachtwoord-herstellen/SECRET', html: '<p>x</p>' });
  });
  after(() => t.close());

  it('shows stored mail to platform admins only: it holds live reset links', async () => {
    const org = await createTestOrganisation(t.deps);
    const admin = await createTestUser(t.deps, org.id, { isPlatformAdmin: true });
    const orgAdmin = await createTestUser(t.deps, org.id, { role: 'admin' });
    assert.equal((await new TestClient(t.app).get('/dev/mail')).statusCode, 404);
    assert.equal((await (await sessionClient(t.deps, t.app, orgAdmin.id)).get('/dev/mail')).statusCode, 404);
    const page = await (await sessionClient(t.deps, t.app, admin.id)).get('/dev/mail');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Kies een nieuw wachtwoord/);
  });

  it('does not exist outside development', async () => {
    const production = await createTestApp();
    try {
      const org = await createTestOrganisation(production.deps);
      const admin = await createTestUser(production.deps, org.id, { isPlatformAdmin: true });
      assert.equal((await (await sessionClient(production.deps, production.app, admin.id)).get('/dev/mail')).statusCode, 404);
    } finally {
      await production.close();
    }
  });
});
