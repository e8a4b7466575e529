import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestCommunity, createTestOrganisation, createTestUser, sessionClient } from '../../../test/harness.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Invitations, leaving, roles and removal, as form posts without JavaScript, and their events. */
describe('community membership (no JavaScript)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const world = async (visibility: 'open' | 'closed' | 'secret' = 'closed') => {
    const owner = await createTestOrganisation(t.deps, { name: 'Gemeente Voorbeeldstad' });
    const partner = await createTestOrganisation(t.deps, { name: 'Woningcorporatie Thuis', kind: 'partner' });
    const other = await createTestOrganisation(t.deps, { name: 'Gemeente Elders' });
    const facilitator = await createTestUser(t.deps, owner.id, { role: 'manager', name: 'Fenna Facilitator' });
    const community = await createTestCommunity(t.deps, owner.id, { name: 'Intervisie wijkteams', visibility, partners: [partner.id], members: [{ userId: facilitator.id, role: 'facilitator' }] });
    return { owner, partner, other, facilitator, community, path: `/gemeenschappen/${community.slug}` };
  };
  const eventsFor = (communityId: string, name: string) => t.deps.dispatched.filter((e) => e.name === name && e.payload.communityId === communityId);

  it('invites a partner colleague, who sees the secret community and accepts from the start page', async () => {
    const { partner, facilitator, community, path } = await world('secret');
    const invitee = await createTestUser(t.deps, partner.id, { name: 'Ivo Invitee' });
    const client = await sessionClient(t.deps, t.app, facilitator.id);
    await client.get(`${path}/aanvragen`);
    const invite = await client.post(`${path}/uitnodigen`, { email: invitee.email.toUpperCase() });
    assert.equal(invite.statusCode, 303);
    assert.match((await client.get(`${path}/aanvragen`)).body, /Ivo Invitee[\s\S]*Uitnodiging/);

    const guest = await sessionClient(t.deps, t.app, invitee.id);
    const home = await guest.get('/');
    assert.match(home.body, /Intervisie wijkteams/);
    assert.match(home.body, /Uitgenodigd door Fenna Facilitator/);
    assert.match((await guest.get(path)).body, /Uitnodiging aannemen/);
    const accept = await guest.post(`${path}/uitnodiging/accepteren`);
    assert.equal(accept.statusCode, 303);
    assert.match((await guest.get(path)).body, /Je bent lid van deze gemeenschap/);
    assert.doesNotMatch((await guest.get('/')).body, /Uitgenodigd door Fenna Facilitator/, 'the accepted invitation is gone from the start page');
    assert.equal(eventsFor(community.id, 'community.member_invited').length, 1);
    assert.equal(eventsFor(community.id, 'community.member_joined').at(-1)?.payload.via, 'invitation');
  });

  it('only accepts an invitation: without one it neither joins an open community nor asks to join a closed one', async () => {
    const open = await world('open');
    const closed = await world('closed');
    const colleague = await createTestUser(t.deps, open.owner.id);
    const client = await sessionClient(t.deps, t.app, colleague.id);
    const membershipIn = async (communityId: string) =>
      (await t.deps.db.selectFrom('community_members').select('status').where('community_id', '=', communityId).where('user_id', '=', colleague.id).executeTakeFirst())?.status;

    const onOpen = await client.post(`${open.path}/uitnodiging/accepteren`);
    assert.equal(onOpen.statusCode, 404);
    assert.match(onOpen.body, /geen uitnodiging voor je klaar/);
    assert.equal(await membershipIn(open.community.id), undefined, 'not made a member of the open community');
    const closedColleague = await createTestUser(t.deps, closed.owner.id);
    assert.equal((await (await sessionClient(t.deps, t.app, closedColleague.id)).post(`${closed.path}/uitnodiging/accepteren`)).statusCode, 404);
    const request = await t.deps.db.selectFrom('community_members').select('status').where('community_id', '=', closed.community.id).where('user_id', '=', closedColleague.id).executeTakeFirst();
    assert.equal(request, undefined, 'no request filed on the closed community');

    // A withdrawn invitation leaves a stale button behind: "not found" too.
    const facilitator = await sessionClient(t.deps, t.app, open.facilitator.id);
    await facilitator.get(`${open.path}/aanvragen`);
    await facilitator.post(`${open.path}/uitnodigen`, { email: colleague.email });
    await facilitator.post(`${open.path}/leden/${colleague.id}/verwijderen`, { confirmed: 'yes', terug: 'aanvragen' });
    assert.equal((await client.post(`${open.path}/uitnodiging/accepteren`)).statusCode, 404);
    assert.equal(await membershipIn(open.community.id), undefined);

    await facilitator.post(`${open.path}/uitnodigen`, { email: colleague.email });
    assert.equal((await client.post(`${open.path}/uitnodiging/accepteren`)).statusCode, 303);
    assert.equal(await membershipIn(open.community.id), 'active');
    assert.equal((await client.post(`${open.path}/uitnodiging/accepteren`)).statusCode, 404, 'accepted once: nothing left to accept');
  });

  it('lets the invitee decline; the secret community disappears for them', async () => {
    const { owner, facilitator, path } = await world('secret');
    const invitee = await createTestUser(t.deps, owner.id);
    const client = await sessionClient(t.deps, t.app, facilitator.id);
    await client.get(`${path}/aanvragen`);
    await client.post(`${path}/uitnodigen`, { email: invitee.email });
    const guest = await sessionClient(t.deps, t.app, invitee.id);
    const decline = await guest.post(`${path}/uitnodiging/afslaan`);
    assert.equal(decline.headers.location, '/');
    assert.equal((await guest.get(path)).statusCode, 404);
  });

  it('explains invitation problems next to the typed address', async () => {
    const { other, partner, facilitator, path } = await world('closed');
    const client = await sessionClient(t.deps, t.app, facilitator.id);
    await client.get(`${path}/aanvragen`);
    const unknown = await client.post(`${path}/uitnodigen`, { email: 'niemand@nergens.test' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /We vinden geen collega met dit e-mailadres/);
    assert.match(unknown.body, /value="niemand@nergens.test"/);
    const outsider = await createTestUser(t.deps, other.id);
    assert.equal((await client.post(`${path}/uitnodigen`, { email: outsider.email })).statusCode, 422, 'not an eligible organisation');
    assert.equal((await client.post(`${path}/uitnodigen`, { email: facilitator.email })).statusCode, 422, 'already a member');
    const colleague = await createTestUser(t.deps, partner.id);
    await client.post(`${path}/uitnodigen`, { email: colleague.email });
    const twice = await client.post(`${path}/uitnodigen`, { email: colleague.email });
    assert.equal(twice.statusCode, 422);
    assert.match(twice.body, /al uitgenodigd/);
    assert.equal((await client.post(`${path}/uitnodigen`, { email: 'geen adres' })).statusCode, 422);
  });

  it('lets open communities invite anyone on the platform', async () => {
    const { other, facilitator, path } = await world('open');
    const outsider = await createTestUser(t.deps, other.id);
    const client = await sessionClient(t.deps, t.app, facilitator.id);
    await client.get(`${path}/aanvragen`);
    assert.equal((await client.post(`${path}/uitnodigen`, { email: outsider.email })).statusCode, 303);
  });

  it('asks for confirmation before leaving when JavaScript is off, then leaves', async () => {
    const { owner, community, path } = await world('open');
    const member = await createTestUser(t.deps, owner.id);
    const client = await sessionClient(t.deps, t.app, member.id);
    await client.post(`${path}/lid-worden`);
    const ask = await client.post(`${path}/verlaten`);
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /Wil je deze leergemeenschap echt verlaten\?/);
    assert.match(ask.body, /name="confirmed" value="yes"/);
    const leave = await client.post(`${path}/verlaten`, { confirmed: 'yes' });
    assert.equal(leave.statusCode, 303);
    assert.match((await client.get(path)).body, /Iedereen kan lid worden/);
    assert.ok(eventsFor(community.id, 'community.member_left').some((e) => e.payload.userId === member.id));
  });

  it('never lets the last facilitator go, and delivers no event for the refused change', async () => {
    const { owner, facilitator, community, path } = await world('closed');
    const client = await sessionClient(t.deps, t.app, facilitator.id);
    const before = t.deps.dispatched.length;
    const leave = await client.post(`${path}/verlaten`, { confirmed: 'yes' });
    assert.equal(leave.statusCode, 409);
    assert.match(leave.body, /altijd minstens één facilitator/);
    const demote = await client.post(`${path}/leden/${facilitator.id}/rol`, { role: 'member' });
    assert.equal(demote.statusCode, 409);
    const remove = await client.post(`${path}/leden/${facilitator.id}/verwijderen`, { confirmed: 'yes' });
    assert.equal(remove.statusCode, 409);
    assert.equal(t.deps.dispatched.length, before, 'rolled back, so nothing was announced');
    assert.match((await client.get(path)).body, /Je bent facilitator/);

    const colleague = await createTestUser(t.deps, owner.id, { name: 'Cor Collega' });
    await (await sessionClient(t.deps, t.app, colleague.id)).post(`${path}/aanvraag`, { message: '' });
    await client.post(`${path}/aanvragen/${colleague.id}/toelaten`);
    assert.equal((await client.post(`${path}/leden/${colleague.id}/rol`, { role: 'facilitator' })).statusCode, 303);
    assert.equal(eventsFor(community.id, 'community.role_changed').at(-1)?.payload.to, 'facilitator');
    assert.equal((await client.post(`${path}/verlaten`, { confirmed: 'yes' })).statusCode, 303);
  });

  it('lets a facilitator remove a member after confirmation, and decline or withdraw', async () => {
    const { owner, facilitator, community, path } = await world('closed');
    const member = await createTestUser(t.deps, owner.id, { name: 'Mo Member' });
    const requester = await createTestUser(t.deps, owner.id, { name: 'Rik Request' });
    const invitee = await createTestUser(t.deps, owner.id, { name: 'Isa Invite' });
    const memberClient = await sessionClient(t.deps, t.app, member.id);
    await memberClient.post(`${path}/aanvraag`, { message: 'Hallo' });
    await (await sessionClient(t.deps, t.app, requester.id)).post(`${path}/aanvraag`, { message: '' });
    const client = await sessionClient(t.deps, t.app, facilitator.id);
    await client.post(`${path}/aanvragen/${member.id}/toelaten`);
    assert.equal((await memberClient.post(`${path}/leden/${facilitator.id}/verwijderen`, { confirmed: 'yes' })).statusCode, 403, 'members do not manage');
    const ask = await client.post(`${path}/leden/${member.id}/verwijderen`);
    assert.match(ask.body, /Wil je deze persoon echt uit de leergemeenschap halen\?/);
    const remove = await client.post(`${path}/leden/${member.id}/verwijderen`, { confirmed: 'yes' });
    assert.equal(remove.headers.location, `${path}/leden`);
    assert.doesNotMatch((await client.get(`${path}/leden`)).body, /Mo Member/);
    assert.equal(eventsFor(community.id, 'community.member_left').at(-1)?.payload.removed, true);

    assert.equal((await client.post(`${path}/aanvragen/${requester.id}/afwijzen`)).statusCode, 303);
    assert.equal(eventsFor(community.id, 'community.request_declined').length, 1);
    assert.equal((await client.post(`${path}/aanvragen/${requester.id}/afwijzen`)).statusCode, 404, 'already handled');

    await client.post(`${path}/uitnodigen`, { email: invitee.email });
    const withdraw = await client.post(`${path}/leden/${invitee.id}/verwijderen`, { confirmed: 'yes', terug: 'aanvragen' });
    assert.equal(withdraw.headers.location, `${path}/aanvragen`);
    assert.match((await client.get(`${path}/aanvragen`)).body, /Er wacht niets/);
  });

  it('lists members with search and paging', async () => {
    const { owner, facilitator, community, path } = await world('open');
    for (let i = 0; i < 21; i++) {
      const user = await createTestUser(t.deps, owner.id, { name: `Lid ${String(i).padStart(2, '0')}`, jobTitle: 'Consulent' });
      await t.deps.db.insertInto('community_members').values({ community_id: community.id, user_id: user.id, status: 'active' }).execute();
    }
    const client = await sessionClient(t.deps, t.app, facilitator.id);
    const first = await client.get(`${path}/leden`);
    assert.match(first.body, /Fenna Facilitator/, 'facilitators first');
    assert.match(first.body, /Lid 18/);
    assert.doesNotMatch(first.body, /Lid 19/);
    assert.match(first.body, /pagina=2/);
    assert.match((await client.get(`${path}/leden?pagina=2`)).body, /Lid 20/);
    const search = await client.get(`${path}/leden?q=lid%2007`);
    assert.match(search.body, /Lid 07/);
    assert.doesNotMatch(search.body, /Lid 08/);
    assert.match((await client.get(`${path}/leden?q=xyz`)).body, /Niemand gevonden met “xyz”/);
  });

  it('delivers events only after the change is committed', async () => {
    const { owner, community, path } = await world('open');
    const member = await createTestUser(t.deps, owner.id);
    let seenCommitted: boolean | undefined;
    t.deps.events.subscribe({
      event: 'community.member_joined',
      name: 'test-commit-check',
      handle: async (event) => {
        if (event.payload.userId !== member.id) return;
        // Another pool connection sees the row only once the transaction has committed.
        const row = await t.deps.db.selectFrom('community_members').select('status').where('community_id', '=', community.id).where('user_id', '=', member.id).executeTakeFirst();
        seenCommitted = row?.status === 'active';
      },
    });
    await (await sessionClient(t.deps, t.app, member.id)).post(`${path}/lid-worden`);
    assert.equal(seenCommitted, true);
  });

  it('does not let a member approve requests or open the requests page', async () => {
    const { owner, path } = await world('open');
    const member = await createTestUser(t.deps, owner.id);
    const client = await sessionClient(t.deps, t.app, member.id);
    await client.post(`${path}/lid-worden`);
    assert.equal((await client.get(`${path}/aanvragen`)).statusCode, 403);
    assert.equal((await client.post(`${path}/uitnodigen`, { email: member.email })).statusCode, 403);
  });
});
