import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerRequest, createTestApp, createTestOrganisation, createTestPersonalAccessToken, createTestUser, loggedInClient, TestClient } from '../../../test/harness.ts';

/** The names in the members table (the header also shows the signed-in administrator's name). */
const rows = (body: string) => [...body.matchAll(/<th scope="row"[^>]*><a[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);

describe('organisation administration of members (no JavaScript)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  /** An organisation with one administrator, logged in. */
  async function withAdmin(name = 'Beheerder Bea') {
    const org = await createTestOrganisation(t.deps);
    const admin = await createTestUser(t.deps, org.id, { role: 'admin', name });
    return { org, admin, client: await loggedInClient(t.app, admin.email) };
  }

  it('is not there for members who are no administrator, and asks anonymous visitors to log in', async () => {
    const { org, admin } = await withAdmin();
    assert.equal((await new TestClient(t.app).get('/beheer/organisatie')).statusCode, 401);
    for (const role of ['member', 'manager'] as const) {
      const client = await loggedInClient(t.app, (await createTestUser(t.deps, org.id, { role })).email);
      assert.equal((await client.get('/beheer/organisatie')).statusCode, 404, role);
      assert.equal((await client.get(`/beheer/organisatie/leden/${admin.id}`)).statusCode, 404, role);
      assert.equal((await client.post(`/beheer/organisatie/leden/${admin.id}/rol`, { role: 'member' })).statusCode, 404, role);
      assert.equal((await client.post(`/beheer/organisatie/leden/${admin.id}/deactiveren`, { confirmed: 'yes' })).statusCode, 404, role);
    }
  });

  it("lists the organisation's own members in pages, with search and filters, and links to invitations", async () => {
    const { org, client } = await withAdmin('Anna Admin');
    const other = await createTestOrganisation(t.deps);
    await createTestUser(t.deps, other.id, { name: 'Vreemde Vincent' });
    await createTestUser(t.deps, org.id, { name: 'Marieke Manager', role: 'manager', email: `marieke-${org.slug}@example.test` });
    await createTestUser(t.deps, org.id, { name: 'Oud Lid', status: 'deactivated' });
    for (let i = 0; i < 25; i += 1) await createTestUser(t.deps, org.id, { name: `Zz Lid ${String(i).padStart(2, '0')}` });

    const first = await client.get('/beheer/organisatie');
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /href="\/beheer\/organisatie\/uitnodigen"/);
    assert.equal(rows(first.body).length, 25);
    assert.ok(rows(first.body).includes('Anna Admin'));
    assert.match(first.body, /rel="next"/);
    const second = await client.get('/beheer/organisatie?pagina=2');
    assert.deepEqual(rows(second.body), ['Zz Lid 22', 'Zz Lid 23', 'Zz Lid 24']);
    assert.doesNotMatch(second.body, /rel="next"/);
    assert.ok(![...rows(first.body), ...rows(second.body)].includes('Vreemde Vincent'));

    assert.deepEqual(rows((await client.get(`/beheer/organisatie?zoek=${encodeURIComponent(`MARIEKE-${org.slug}`)}`)).body), ['Marieke Manager']);
    assert.deepEqual(rows((await client.get('/beheer/organisatie?rol=manager')).body), ['Marieke Manager']);
    assert.deepEqual(rows((await client.get('/beheer/organisatie?status=deactivated')).body), ['Oud Lid']);
    assert.deepEqual(rows((await client.get('/beheer/organisatie?zoek=anna&rol=admin&status=active')).body), ['Anna Admin']);
    assert.match((await client.get('/beheer/organisatie?zoek=niemand-heet-zo')).body, /Niemand gevonden/);
    assert.equal((await client.get('/beheer/organisatie?rol=keizer&status=x&pagina=-3&zoek=%25_')).statusCode, 200);
  });

  it("answers 404 for a member of another organisation, on every page and action", async () => {
    const { client } = await withAdmin();
    const stranger = await createTestUser(t.deps, (await createTestOrganisation(t.deps)).id);
    assert.equal((await client.get(`/beheer/organisatie/leden/${stranger.id}`)).statusCode, 404);
    assert.equal((await client.get('/beheer/organisatie/leden/geen-uuid')).statusCode, 404);
    assert.equal((await client.post(`/beheer/organisatie/leden/${stranger.id}/rol`, { role: 'admin' })).statusCode, 404);
    assert.equal((await client.post(`/beheer/organisatie/leden/${stranger.id}/deactiveren`, { confirmed: 'yes' })).statusCode, 404);
    assert.equal((await client.post(`/beheer/organisatie/leden/${stranger.id}/heractiveren`)).statusCode, 404);
    const row = await t.deps.db.selectFrom('users').select(['role', 'status']).where('id', '=', stranger.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { role: 'member', status: 'active' });
  });

  it('changes a role, with an audit row and an event', async () => {
    const { org, admin, client } = await withAdmin();
    const member = await createTestUser(t.deps, org.id, { name: 'Piet Professional' });
    const page = await client.get(`/beheer/organisatie/leden/${member.id}`);
    assert.match(page.body, /Piet Professional/);
    const response = await client.post(`/beheer/organisatie/leden/${member.id}/rol`, { role: 'manager' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/beheer/organisatie/leden/${member.id}`);
    assert.match((await client.get(response.headers.location as string)).body, /De rol is veranderd/);
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('subject_id', '=', member.id).execute();
    assert.deepEqual(audit.map((a) => [a.action, a.actor_id, a.organisation_id, a.details]), [['member.role_changed', admin.id, org.id, { from: 'member', to: 'manager' }]]);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'member.role_changed' && e.payload.userId === member.id && e.payload.to === 'manager'));
    const bad = await client.post(`/beheer/organisatie/leden/${member.id}/rol`, { role: 'keizer' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Kies een van de mogelijkheden/);
  });

  it('does not let the last administrator give up the role, but lets one of two', async () => {
    const { org, admin, client } = await withAdmin();
    const refused = await client.post(`/beheer/organisatie/leden/${admin.id}/rol`, { role: 'member' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Dit is de laatste beheerder van de organisatie/);
    assert.equal((await t.deps.db.selectFrom('users').select('role').where('id', '=', admin.id).executeTakeFirstOrThrow()).role, 'admin');

    await createTestUser(t.deps, org.id, { role: 'admin' });
    const allowed = await client.post(`/beheer/organisatie/leden/${admin.id}/rol`, { role: 'member' });
    assert.equal(allowed.statusCode, 303);
    assert.equal(allowed.headers.location, '/', 'the page is no longer theirs to see');
    assert.equal((await client.get('/beheer/organisatie')).statusCode, 404);
  });

  it('deactivates after confirmation, ending sessions and tokens at once; reactivation lets them back in', async () => {
    const { org, client } = await withAdmin();
    const member = await createTestUser(t.deps, org.id, { name: 'Sanne Stopt' });
    const memberClient = await loggedInClient(t.app, member.email);
    assert.match((await memberClient.get('/')).body, /Sanne Stopt/);
    const token = await createTestPersonalAccessToken(t.deps, member.id);
    assert.equal((await bearerRequest(t.app, token, 'GET', '/api/v1/organisations')).statusCode, 200);

    const confirmation = await client.post(`/beheer/organisatie/leden/${member.id}/deactiveren`, { confirmed: '' });
    assert.equal(confirmation.statusCode, 200);
    assert.match(confirmation.body, /Weet je zeker dat je dit account wilt uitzetten/);
    assert.equal((await t.deps.db.selectFrom('users').select('status').where('id', '=', member.id).executeTakeFirstOrThrow()).status, 'active');

    const done = await client.post(`/beheer/organisatie/leden/${member.id}/deactiveren`, { confirmed: 'yes' });
    assert.equal(done.statusCode, 303);
    const home = await memberClient.get('/');
    assert.doesNotMatch(home.body, /Sanne Stopt/, 'the next request of the member is anonymous');
    assert.match(home.body, /href="\/inloggen"/);
    assert.equal((await bearerRequest(t.app, token, 'GET', '/api/v1/organisations')).statusCode, 401);
    assert.equal((await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', member.id).execute()).length, 0);
    assert.ok((await t.deps.db.selectFrom('access_tokens').select('revoked_at').where('user_id', '=', member.id).executeTakeFirstOrThrow()).revoked_at);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', member.id).executeTakeFirstOrThrow();
    assert.deepEqual(audit, { action: 'member.deactivated', details: { from: 'active', sessionsEnded: 1, tokensRevoked: 1 } });
    assert.ok(t.deps.dispatched.some((e) => e.name === 'member.deactivated' && e.payload.userId === member.id));
    assert.match((await client.get(`/beheer/organisatie/leden/${member.id}`)).body, /Dit account staat uit/);

    const back = await client.post(`/beheer/organisatie/leden/${member.id}/heractiveren`);
    assert.equal(back.statusCode, 303);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'member.reactivated' && e.payload.userId === member.id));
    await loggedInClient(t.app, member.email);
  });

  it('does not let administrators turn off their own account, nor the last administrator, nor a platform administrator', async () => {
    const { org, admin, client } = await withAdmin();
    const self = await client.post(`/beheer/organisatie/leden/${admin.id}/deactiveren`, { confirmed: 'yes' });
    assert.equal(self.statusCode, 422);
    assert.match(self.body, /Je kunt je eigen account niet uitzetten/);
    assert.match(self.body, /href="#field-status"/);

    const platformAdmin = await createTestUser(t.deps, org.id, { isPlatformAdmin: true, role: 'admin' });
    const page = await client.get(`/beheer/organisatie/leden/${platformAdmin.id}`);
    assert.match(page.body, /Alleen een platformbeheerder kan de rol of toegang/);
    assert.doesNotMatch(page.body, /Account uitzetten|Rol opslaan/);
    assert.equal((await client.post(`/beheer/organisatie/leden/${platformAdmin.id}/deactiveren`, { confirmed: 'yes' })).statusCode, 403);
    assert.equal((await client.post(`/beheer/organisatie/leden/${platformAdmin.id}/rol`, { role: 'member' })).statusCode, 403);

    // The platform administrator removes the other admin's role... and may not then turn off the last one.
    const platformClient = await loggedInClient(t.app, platformAdmin.email);
    assert.equal((await platformClient.post(`/beheer/organisatie/leden/${platformAdmin.id}/rol`, { role: 'member' })).statusCode, 303);
    const last = await platformClient.post(`/beheer/organisatie/leden/${admin.id}/deactiveren`, { confirmed: 'yes' });
    assert.equal(last.statusCode, 422);
    assert.match(last.body, /Dit is de laatste beheerder/);
  });

  it('shows the member pages in English', async () => {
    const org = await createTestOrganisation(t.deps);
    const admin = await createTestUser(t.deps, org.id, { role: 'admin', locale: 'en' });
    const client = await loggedInClient(t.app, admin.email);
    assert.match((await client.get('/beheer/organisatie')).body, /Invite someone/);
    assert.match((await client.get(`/beheer/organisatie/leden/${admin.id}`)).body, /You cannot turn off your own account/);
  });
});
