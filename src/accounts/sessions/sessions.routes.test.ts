import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestOrganisation, createTestUser, sessionClient } from '../../../test/harness.ts';

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1';
const LAPTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36 Edg/140.0';

describe('sessions (no JavaScript)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('lists where you are logged in, marks this device, and ends one or all others', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id, { name: 'Sanne Sessie' });
    const laptop = await sessionClient(t.deps, t.app, user.id, LAPTOP);
    const phone = await sessionClient(t.deps, t.app, user.id, PHONE);
    const third = await sessionClient(t.deps, t.app, user.id, 'curl/8.0');

    const page = await laptop.get('/profiel/sessies');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Edge op Windows/);
    assert.match(page.body, /Safari op iOS/);
    assert.match(page.body, /onbekend op onbekend/);
    assert.equal((page.body.match(/Dit apparaat/g) ?? []).length, 1);
    const endActions = [...page.body.matchAll(/action="(\/profiel\/sessies\/[0-9a-f-]{36}\/uitloggen)"/g)].map((m) => m[1] as string);
    assert.equal(endActions.length, 2, 'no end button for this device');

    const phoneSession = await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).where('user_agent', '=', PHONE).executeTakeFirstOrThrow();
    const ended = await laptop.post(`/profiel/sessies/${phoneSession.id}/uitloggen`);
    assert.equal(ended.statusCode, 303);
    assert.doesNotMatch((await phone.get('/')).body, /Sanne Sessie/);
    assert.match((await third.get('/')).body, /Sanne Sessie/);
    assert.equal((await laptop.post(`/profiel/sessies/${phoneSession.id}/uitloggen`)).statusCode, 404);
    assert.equal((await laptop.post('/profiel/sessies/niet-een-id/uitloggen')).statusCode, 400);

    assert.equal((await laptop.post('/profiel/sessies/andere-uitloggen')).statusCode, 303);
    assert.doesNotMatch((await third.get('/')).body, /Sanne Sessie/);
    const remaining = await laptop.get('/profiel/sessies');
    assert.match(remaining.body, /Sanne Sessie/);
    assert.match(remaining.body, /Je bent op alle andere apparaten uitgelogd/);
  });

  it("cannot end someone else's session", async () => {
    const org = await createTestOrganisation(t.deps);
    const alice = await createTestUser(t.deps, org.id, { name: 'Alice' });
    const bob = await createTestUser(t.deps, org.id, { name: 'Bob' });
    const aliceClient = await sessionClient(t.deps, t.app, alice.id);
    const bobClient = await sessionClient(t.deps, t.app, bob.id);
    const bobSession = await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', bob.id).executeTakeFirstOrThrow();
    assert.equal((await aliceClient.post(`/profiel/sessies/${bobSession.id}/uitloggen`)).statusCode, 404);
    assert.match((await bobClient.get('/')).body, /Bob/);
  });
});
