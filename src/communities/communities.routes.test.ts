import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestCommunity, createTestOrganisation, createTestUser, sessionClient } from '../../test/harness.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Pages and form posts of the communities feature, as a browser without JavaScript uses them. */
describe('communities pages (no JavaScript)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const world = async () => {
    const owner = await createTestOrganisation(t.deps, { name: 'Gemeente Voorbeeldstad' });
    const partner = await createTestOrganisation(t.deps, { name: 'Zorgpartner West', kind: 'partner' });
    const other = await createTestOrganisation(t.deps, { name: 'Gemeente Elders' });
    const manager = await createTestUser(t.deps, owner.id, { role: 'manager', name: 'Marieke Manager' });
    return { owner, partner, other, manager };
  };

  it('lets a manager create a closed community with a partner; the creator becomes facilitator', async () => {
    const { partner, manager } = await world();
    const client = await sessionClient(t.deps, t.app, manager.id);
    const form = await client.get('/gemeenschappen/nieuw');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Zorgpartner West/);
    const response = await client.post('/gemeenschappen', { name: 'Schuldhulp in de keten', purpose: 'Samen sneller helpen.', tags: 'Schuldhulp, wijk', visibility: 'closed', partnerOrganisationIds: partner.id });
    assert.equal(response.statusCode, 303);
    assert.match(String(response.headers.location), /^\/gemeenschappen\/schuldhulp-in-de-keten/);
    const page = await client.get(String(response.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /De leergemeenschap is gemaakt/);
    assert.match(page.body, /Gemeente Voorbeeldstad \(eigenaar\)/);
    assert.match(page.body, /Zorgpartner West/);
    assert.match(page.body, /Je bent facilitator/);
    assert.match(page.body, /schuldhulp/);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'community.created' && e.payload.actorId === manager.id));
  });

  it('gives a second community with the same name its own address', async () => {
    const { manager } = await world();
    const client = await sessionClient(t.deps, t.app, manager.id);
    const first = await client.post('/gemeenschappen', { name: 'Jeugd en onderwijs', visibility: 'open' });
    const second = await client.post('/gemeenschappen', { name: 'Jeugd en onderwijs', visibility: 'open' });
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.notEqual(first.headers.location, second.headers.location);
  });

  it('re-renders the form with the errors and what was typed', async () => {
    const { partner, manager } = await world();
    const client = await sessionClient(t.deps, t.app, manager.id);
    await client.get('/gemeenschappen/nieuw');
    const response = await client.post('/gemeenschappen', { name: 'ab', purpose: 'Mijn doel <script>', tags: 'zorg, wonen', partnerOrganisationIds: partner.id });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Er zijn 2 dingen om te verbeteren/);
    assert.match(response.body, /value="ab"/);
    assert.match(response.body, /Mijn doel &lt;script>/);
    assert.match(response.body, /value="zorg, wonen"/);
    assert.match(response.body, new RegExp(`value="${partner.id}" checked`));
  });

  it('refuses unknown partner organisations and malformed ids without a server error', async () => {
    const { manager, owner } = await world();
    const client = await sessionClient(t.deps, t.app, manager.id);
    await client.get('/gemeenschappen/nieuw');
    const unknown = await client.post('/gemeenschappen', { name: 'Wmo', visibility: 'open', partnerOrganisationIds: '6f1c1f1e-1111-4111-8111-111111111111' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Kies partnerorganisaties uit de lijst/);
    const own = await client.post('/gemeenschappen', { name: 'Wmo', visibility: 'open', partnerOrganisationIds: owner.id });
    assert.equal(own.statusCode, 422);
    const malformed = await client.post('/gemeenschappen', { name: 'Wmo', visibility: 'nope', partnerOrganisationIds: ['x', 'y'] });
    assert.equal(malformed.statusCode, 422);
    const nul = await client.post('/gemeenschappen', { name: 'Wmo\u0000', visibility: 'open' });
    assert.equal(nul.statusCode, 422);
  });

  it('does not let a professional start a community', async () => {
    const { owner } = await world();
    const member = await createTestUser(t.deps, owner.id);
    const client = await sessionClient(t.deps, t.app, member.id);
    const form = await client.get('/gemeenschappen/nieuw');
    assert.equal(form.statusCode, 403);
    assert.match(form.body, /Alleen managers en beheerders kunnen een leergemeenschap beginnen/);
    assert.equal((await client.post('/gemeenschappen', { name: 'Stiekem', visibility: 'open' })).statusCode, 403);
    assert.doesNotMatch((await client.get('/gemeenschappen')).body, /href="\/gemeenschappen\/nieuw"/);
  });

  it('asks anonymous visitors to log in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/gemeenschappen', headers: { accept: 'text/html' } });
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /Log eerst in/);
  });

  it('lets anyone join an open community directly', async () => {
    const { owner, other, manager } = await world();
    const community = await createTestCommunity(t.deps, owner.id, { name: 'Wmo-consulenten Voorbeeldstad', visibility: 'open', members: [{ userId: manager.id, role: 'facilitator' }] });
    const outsider = await createTestUser(t.deps, other.id, { name: 'Olaf Buiten' });
    const client = await sessionClient(t.deps, t.app, outsider.id);
    const page = await client.get(`/gemeenschappen/${community.slug}`);
    assert.match(page.body, /Iedereen kan lid worden/);
    const join = await client.post(`/gemeenschappen/${community.slug}/lid-worden`);
    assert.equal(join.statusCode, 303);
    const after = await client.get(`/gemeenschappen/${community.slug}`);
    assert.match(after.body, /Welkom! Je bent nu lid/);
    assert.match(after.body, /2 leden/);
    assert.match(after.body, /Olaf Buiten/);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'community.member_joined' && e.payload.userId === outsider.id && e.payload.via === 'open'));
  });

  it('turns a request for a closed community into membership once a facilitator approves', async () => {
    const { owner, partner, manager } = await world();
    const community = await createTestCommunity(t.deps, owner.id, { visibility: 'closed', partners: [partner.id], members: [{ userId: manager.id, role: 'facilitator' }] });
    const requester = await createTestUser(t.deps, partner.id, { name: 'Ria Partner', jobTitle: 'Schuldhulpverlener' });
    const client = await sessionClient(t.deps, t.app, requester.id);
    assert.equal((await client.post(`/gemeenschappen/${community.slug}/lid-worden`, {})).statusCode, 303, 'join on a closed community asks');
    await client.post(`/gemeenschappen/${community.slug}/aanvraag/intrekken`);
    assert.match((await client.get(`/gemeenschappen/${community.slug}`)).body, /Vraag om lid te worden/);
    const request = await client.post(`/gemeenschappen/${community.slug}/aanvraag`, { message: 'Ik werk in de wijk.' });
    assert.equal(request.statusCode, 303);
    assert.match((await client.get(`/gemeenschappen/${community.slug}`)).body, /Je hebt gevraagd om lid te worden/);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'community.join_requested' && e.payload.userId === requester.id));

    const facilitator = await sessionClient(t.deps, t.app, manager.id);
    const home = await facilitator.get('/');
    assert.match(home.body, /Ria Partner \(Zorgpartner West\) wil lid worden/);
    const pending = await facilitator.get(`/gemeenschappen/${community.slug}/aanvragen`);
    assert.match(pending.body, /Ik werk in de wijk\./);
    const approve = await facilitator.post(`/gemeenschappen/${community.slug}/aanvragen/${requester.id}/toelaten`);
    assert.equal(approve.statusCode, 303);
    assert.match((await client.get(`/gemeenschappen/${community.slug}`)).body, /Je bent lid van deze gemeenschap/);
    const members = await facilitator.get(`/gemeenschappen/${community.slug}/leden`);
    assert.match(members.body, /Ria Partner/);
    assert.match(members.body, /Schuldhulpverlener/);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'community.request_approved' && e.payload.userId === requester.id));
  });

  it('re-renders the request form with the typed message when it is too long', async () => {
    const { owner, manager } = await world();
    const community = await createTestCommunity(t.deps, owner.id, { visibility: 'closed', members: [{ userId: manager.id, role: 'facilitator' }] });
    const colleague = await createTestUser(t.deps, owner.id);
    const client = await sessionClient(t.deps, t.app, colleague.id);
    await client.get(`/gemeenschappen/${community.slug}`);
    const response = await client.post(`/gemeenschappen/${community.slug}/aanvraag`, { message: `lang ${'x'.repeat(1000)}` });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Gebruik hoogstens 1\.000 tekens/);
    assert.match(response.body, /lang xxxx/);
  });

  it('hides a closed community from organisations it is not shared with', async () => {
    const { owner, partner, other, manager } = await world();
    const community = await createTestCommunity(t.deps, owner.id, { name: `Besloten ${owner.slug}`, visibility: 'closed', partners: [partner.id], members: [{ userId: manager.id, role: 'facilitator' }] });
    const outsider = await sessionClient(t.deps, t.app, (await createTestUser(t.deps, other.id)).id);
    assert.equal((await outsider.get(`/gemeenschappen/${community.slug}`)).statusCode, 404);
    assert.equal((await outsider.get(`/gemeenschappen/${community.slug}/leden`)).statusCode, 404);
    assert.equal((await outsider.post(`/gemeenschappen/${community.slug}/lid-worden`)).statusCode, 404);
    assert.doesNotMatch((await outsider.get(`/gemeenschappen?q=${encodeURIComponent(owner.slug)}`)).body, /Besloten/);
    const partnerUser = await sessionClient(t.deps, t.app, (await createTestUser(t.deps, partner.id)).id);
    assert.equal((await partnerUser.get(`/gemeenschappen/${community.slug}`)).statusCode, 200);
    assert.match((await partnerUser.get(`/gemeenschappen?q=${encodeURIComponent(owner.slug)}`)).body, /Besloten/);
  });

  it('keeps a secret community invisible to everyone but members and invitees, admins included', async () => {
    const { owner, manager } = await world();
    const name = `Intervisie wijkteams ${owner.slug}`;
    const invitee = await createTestUser(t.deps, owner.id);
    const community = await createTestCommunity(t.deps, owner.id, { name, visibility: 'secret', tags: [owner.slug], members: [{ userId: manager.id, role: 'facilitator' }, { userId: invitee.id, status: 'invited' }] });
    const outsiders = [
      await createTestUser(t.deps, owner.id, { isPlatformAdmin: true }),
      await createTestUser(t.deps, owner.id, { role: 'admin' }),
      await createTestUser(t.deps, owner.id),
    ];
    for (const user of outsiders) {
      const client = await sessionClient(t.deps, t.app, user.id);
      for (const path of ['', '/leden', '/aanvragen', '/bewerken']) assert.equal((await client.get(`/gemeenschappen/${community.slug}${path}`)).statusCode, 404, path);
      assert.equal((await client.post(`/gemeenschappen/${community.slug}/lid-worden`)).statusCode, 404);
      const list = await client.get(`/gemeenschappen?q=${encodeURIComponent(owner.slug)}`);
      assert.doesNotMatch(list.body, /Intervisie wijkteams/);
      assert.match(list.body, /Geen leergemeenschappen/);
    }
    const invited = await sessionClient(t.deps, t.app, invitee.id);
    assert.match((await invited.get(`/gemeenschappen/${community.slug}`)).body, /Je bent uitgenodigd/);
    const member = await sessionClient(t.deps, t.app, manager.id);
    assert.match((await member.get(`/gemeenschappen?q=${encodeURIComponent(owner.slug)}`)).body, /1 leergemeenschap</);
  });

  it('searches by name and tag, filters my own, and pages', async () => {
    const { owner, manager } = await world();
    const tag = `tag${owner.slug.replace(/-/g, '')}`;
    for (let i = 0; i < 21; i++) {
      await createTestCommunity(t.deps, owner.id, { name: `Reeks ${String(i).padStart(2, '0')}`, tags: [tag], members: i === 3 ? [{ userId: manager.id }] : [] });
    }
    const client = await sessionClient(t.deps, t.app, manager.id);
    const first = await client.get(`/gemeenschappen?q=${tag}`);
    assert.match(first.body, /21 leergemeenschappen/);
    assert.match(first.body, /Reeks 00/);
    assert.doesNotMatch(first.body, /Reeks 20/);
    assert.match(first.body, new RegExp(`href="/gemeenschappen\\?q=${tag}&amp;pagina=2"`));
    const second = await client.get(`/gemeenschappen?q=${tag}&pagina=2`);
    assert.match(second.body, /Reeks 20/);
    const mine = await client.get(`/gemeenschappen?q=${tag}&mijn=1`);
    assert.match(mine.body, /1 leergemeenschap</);
    assert.match(mine.body, /Reeks 03/);
    assert.match((await client.get(`/gemeenschappen?q=${tag.toUpperCase()}`)).body, /21 leergemeenschappen/);
    assert.match((await client.get(`/gemeenschappen?q=zzz${tag}`)).body, /We vonden geen leergemeenschap/);
  });

  it('answers odd addresses and queries without a server error', async () => {
    const { manager } = await world();
    const client = await sessionClient(t.deps, t.app, manager.id);
    assert.equal((await client.get('/gemeenschappen?pagina=abc&q=%00%25_')).statusCode, 200);
    assert.equal((await client.get('/gemeenschappen/%00')).statusCode, 404);
    assert.equal((await client.get('/gemeenschappen/Bestaat-Niet')).statusCode, 404);
    assert.equal((await client.get('/gemeenschappen/bestaat-niet/leden?pagina=-1')).statusCode, 404);
    assert.equal((await client.post('/gemeenschappen/bestaat-niet/leden/abc/rol', { role: 'facilitator' })).statusCode, 400);
  });

  it('never answers a server error to odd form posts', async () => {
    const { owner, manager } = await world();
    const community = await createTestCommunity(t.deps, owner.id, { visibility: 'closed', members: [{ userId: manager.id, role: 'facilitator' }] });
    const client = await sessionClient(t.deps, t.app, manager.id);
    await client.get('/gemeenschappen');
    const odd = [{}, { name: ['a', 'b'], visibility: ['open', 'secret'] }, { tags: 'x'.repeat(5000), purpose: '\u0000' }, { message: ['a', 'b'] }, { email: ['a@b.nl', 'c@d.nl'] }, { role: ['member'] }, { confirmed: ['yes', 'no'] }];
    const base = `/gemeenschappen/${community.slug}`;
    const paths = ['/gemeenschappen', `${base}/bewerken`, `${base}/lid-worden`, `${base}/aanvraag`, `${base}/aanvraag/intrekken`, `${base}/uitnodigen`, `${base}/uitnodiging/afslaan`, `${base}/leden/${manager.id}/rol`, `${base}/aanvragen/${manager.id}/toelaten`];
    for (const path of paths) {
      for (const form of odd) {
        const response = await client.post(path, form as Record<string, string | string[]>);
        assert.ok(response.statusCode < 500, `${path} ${JSON.stringify(form)} → ${response.statusCode}`);
      }
    }
  });

  it('lets facilitators and owning-organisation admins edit, but only facilitators make it secret', async () => {
    const { owner, partner, manager } = await world();
    const community = await createTestCommunity(t.deps, owner.id, { name: 'Oude naam', visibility: 'open', members: [{ userId: manager.id, role: 'facilitator' }] });
    const facilitator = await sessionClient(t.deps, t.app, manager.id);
    const form = await facilitator.get(`/gemeenschappen/${community.slug}/bewerken`);
    assert.match(form.body, /value="Oude naam"/);
    const save = await facilitator.post(`/gemeenschappen/${community.slug}/bewerken`, { name: 'Nieuwe naam', purpose: 'Doel', tags: 'a, b', visibility: 'closed', partnerOrganisationIds: partner.id });
    assert.equal(save.statusCode, 303);
    const page = await facilitator.get(`/gemeenschappen/${community.slug}`);
    assert.match(page.body, /Nieuwe naam/);
    assert.match(page.body, /Zorgpartner West/);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'community.updated' && e.payload.communityId === community.id));

    const admin = await sessionClient(t.deps, t.app, (await createTestUser(t.deps, owner.id, { role: 'admin' })).id);
    assert.equal((await admin.get(`/gemeenschappen/${community.slug}/bewerken`)).statusCode, 200);
    const secret = await admin.post(`/gemeenschappen/${community.slug}/bewerken`, { name: 'Nieuwe naam', visibility: 'secret' });
    assert.equal(secret.statusCode, 422);
    assert.match(secret.body, /Alleen een facilitator kan een gemeenschap geheim maken/);

    const member = await sessionClient(t.deps, t.app, (await createTestUser(t.deps, owner.id)).id);
    assert.equal((await member.get(`/gemeenschappen/${community.slug}/bewerken`)).statusCode, 403);
    assert.equal((await member.post(`/gemeenschappen/${community.slug}/bewerken`, { name: 'Gekaapt', visibility: 'open' })).statusCode, 403);
  });

  it('speaks English when asked', async () => {
    const { owner } = await world();
    const user = await createTestUser(t.deps, owner.id, { locale: 'en' });
    const community = await createTestCommunity(t.deps, owner.id, { visibility: 'open' });
    const client = await sessionClient(t.deps, t.app, user.id);
    assert.match((await client.get('/gemeenschappen')).body, /Learning communities/);
    assert.match((await client.get(`/gemeenschappen/${community.slug}`)).body, /Anyone can join this community/);
  });
});
