import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestCommunity, createTestOrganisation, createTestUser, sessionClient } from '../../test/harness.ts';

/** The start page: what Leerkring is for visitors; what waits for people who are signed in. */
describe('start page', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('tells anonymous visitors what Leerkring is', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Log in om mee te doen/);
  });

  it('says what to do next when nothing waits', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id);
    const page = await (await sessionClient(t.deps, t.app, user.id)).get('/');
    assert.doesNotMatch(page.body, /id="invitations-heading"/, 'no empty invitations box');
    assert.match(page.body, /Je bent nog geen lid van een leergemeenschap/);
    assert.match(page.body, /href="\/gemeenschappen">Leergemeenschappen bekijken/);
    assert.doesNotMatch(page.body, /Aanvragen die op jou wachten/, 'only for those who decide on requests');
    assert.doesNotMatch(page.body, /Zelf een leergemeenschap beginnen/);
  });

  it('invites managers to start a community', async () => {
    const org = await createTestOrganisation(t.deps);
    const manager = await createTestUser(t.deps, org.id, { role: 'manager' });
    const page = await (await sessionClient(t.deps, t.app, manager.id)).get('/');
    assert.match(page.body, /href="\/gemeenschappen\/nieuw">Zelf een leergemeenschap beginnen/);
  });

  it('shows my communities, my invitations and the requests I decide on', async () => {
    const org = await createTestOrganisation(t.deps);
    const partner = await createTestOrganisation(t.deps, { name: 'Jeugdzorg Noord', kind: 'partner' });
    const me = await createTestUser(t.deps, org.id);
    const requester = await createTestUser(t.deps, partner.id, { name: 'Rosa Request' });
    await createTestCommunity(t.deps, org.id, { name: 'Jeugd en onderwijs', visibility: 'closed', partners: [partner.id], members: [{ userId: me.id, role: 'facilitator' }, { userId: requester.id, status: 'requested' }] });
    const secret = await createTestCommunity(t.deps, org.id, { name: 'Intervisie wijkteams', visibility: 'secret', members: [{ userId: me.id, status: 'invited' }] });
    const page = await (await sessionClient(t.deps, t.app, me.id)).get('/');
    assert.match(page.body, /Mijn leergemeenschappen[\s\S]*Jeugd en onderwijs[\s\S]*Facilitator/);
    assert.match(page.body, /Uitnodigingen[\s\S]*Intervisie wijkteams/);
    assert.match(page.body, new RegExp(`action="/gemeenschappen/${secret.slug}/uitnodiging/accepteren"`));
    assert.match(page.body, /Rosa Request \(Jeugdzorg Noord\) wil lid worden van Jeugd en onderwijs/);
  });

  it('shows an organisation admin the requests of their organisation’s communities, but not of secret ones', async () => {
    const org = await createTestOrganisation(t.deps);
    const admin = await createTestUser(t.deps, org.id, { role: 'admin' });
    const requester = await createTestUser(t.deps, org.id, { name: 'Bram Besloten' });
    const hidden = await createTestUser(t.deps, org.id, { name: 'Gijs Geheim' });
    await createTestCommunity(t.deps, org.id, { visibility: 'closed', members: [{ userId: requester.id, status: 'requested' }] });
    await createTestCommunity(t.deps, org.id, { visibility: 'secret', members: [{ userId: hidden.id, status: 'requested' }] });
    const page = await (await sessionClient(t.deps, t.app, admin.id)).get('/');
    assert.match(page.body, /Bram Besloten/);
    assert.doesNotMatch(page.body, /Gijs Geheim/);
  });
});
