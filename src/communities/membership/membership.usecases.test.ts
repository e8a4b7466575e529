import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestCommunityOptions, type TestDeps } from '../../../test/harness.ts';
import { getCommunityDetail, getCommunityOverview, listCommunities } from '../communities.usecases.ts';
import { listMyInvitations } from './membership.repository.ts';
import { approveRequest, changeMemberRole, leaveCommunity, listCommunityMembers, listPendingMembers } from './membership.usecases.ts';

type UserRow = Awaited<ReturnType<typeof createTestUser>>;


/**
 * A deactivated account keeps its community rows (reactivation gives them back), but until then
 * the person is in no list and no count, and cannot be the facilitator who keeps a community going.
 */
describe('membership: deactivated people', () => {
  let deps: TestDeps;
  before(async () => {
    deps = await createTestDeps();
  });
  after(() => deps.close());

  /** A closed community run by `facilitator`, with one active and one deactivated person in every role and status. */
  const world = async (extra: TestCommunityOptions['members'] = []) => {
    const org = await createTestOrganisation(deps);
    const facilitator = await createTestUser(deps, org.id, { name: 'Bram Facilitator' });
    const member = await createTestUser(deps, org.id, { name: 'Bea Lid' });
    const requester = await createTestUser(deps, org.id, { name: 'Bo Aanvrager' });
    const invitee = await createTestUser(deps, org.id, { name: 'Bas Genodigde' });
    // Named to sort first, and added last (the most recent member), so any leak shows at the top.
    const gone = {
      facilitator: await createTestUser(deps, org.id, { name: 'Aad Weg-facilitator', status: 'deactivated' }),
      member: await createTestUser(deps, org.id, { name: 'Aaf Weg-lid', status: 'deactivated' }),
      requester: await createTestUser(deps, org.id, { name: 'Aag Weg-aanvrager', status: 'deactivated' }),
      invitee: await createTestUser(deps, org.id, { name: 'Aah Weg-genodigde', status: 'deactivated' }),
    };
    const community = await createTestCommunity(deps, org.id, {
      visibility: 'closed',
      members: [
        { userId: facilitator.id, role: 'facilitator' },
        { userId: member.id },
        { userId: requester.id, status: 'requested' },
        { userId: invitee.id, status: 'invited' },
        ...extra,
        { userId: gone.facilitator.id, role: 'facilitator' },
        { userId: gone.member.id },
        { userId: gone.requester.id, status: 'requested' },
        { userId: gone.invitee.id, status: 'invited' },
      ],
    });
    const goneNames = Object.values(gone).map((u) => u.name);
    return { org, facilitator, member, requester, invitee, gone, goneNames, community, ref: { id: community.id } };
  };
  const namesIn = (people: { name: string }[]) => people.map((p) => p.name);

  it('leaves them out of the community page: counts, facilitators and recent members', async () => {
    const { facilitator, member, goneNames, ref } = await world();
    const { stats } = await getCommunityDetail(deps, actorOf(member), ref);
    assert.equal(stats.memberCount, 2);
    assert.equal(stats.pendingCount, 1);
    assert.deepEqual(namesIn(stats.facilitators), [facilitator.name]);
    assert.deepEqual(namesIn(stats.recentMembers).sort(), [member.name, facilitator.name].sort());
    for (const name of goneNames) assert.ok(!JSON.stringify(stats).includes(name), `${name} is not on the page`);
  });

  it('fills the six recent members and the twenty facilitators with active people only, facilitators by name', async () => {
    const org = await createTestOrganisation(deps);
    const member = await createTestUser(deps, org.id);
    // 21 active facilitators added in reverse name order, then deactivated ones that sort first and joined last.
    const facilitators: UserRow[] = [];
    for (let i = 21; i >= 1; i--) facilitators.push(await createTestUser(deps, org.id, { name: `Facilitator ${String(i).padStart(2, '0')}` }));
    const recent: UserRow[] = [];
    for (let i = 1; i <= 6; i++) recent.push(await createTestUser(deps, org.id, { name: `Recent ${i}` }));
    const gone: UserRow[] = [];
    for (let i = 1; i <= 6; i++) gone.push(await createTestUser(deps, org.id, { name: `Aa weg ${i}`, status: 'deactivated' }));
    const community = await createTestCommunity(deps, org.id, {
      members: [
        { userId: member.id },
        ...facilitators.map((u) => ({ userId: u.id, role: 'facilitator' as const })),
        ...recent.map((u) => ({ userId: u.id })),
        ...gone.map((u, i) => ({ userId: u.id, role: i % 2 ? ('facilitator' as const) : ('member' as const) })),
      ],
    });
    const { stats } = await getCommunityDetail(deps, actorOf(member), { id: community.id });
    assert.equal(stats.memberCount, 28);
    assert.deepEqual(namesIn(stats.facilitators), Array.from({ length: 20 }, (_, i) => `Facilitator ${String(i + 1).padStart(2, '0')}`), 'the first twenty by name, not any twenty');
    assert.deepEqual(namesIn(stats.recentMembers), ['Recent 6', 'Recent 5', 'Recent 4', 'Recent 3', 'Recent 2', 'Recent 1']);
  });

  it('leaves them out of the member list without losing a place on the page', async () => {
    const { facilitator, member, goneNames, ref } = await world();
    const page = await listCommunityMembers(deps, actorOf(member), ref, { page: 1, pageSize: 2, q: '' });
    assert.deepEqual(namesIn(page.members.items), [facilitator.name, member.name]);
    const search = await listCommunityMembers(deps, actorOf(member), ref, { page: 1, pageSize: 20, q: 'weg' });
    assert.deepEqual(search.members.items, []);
    for (const name of goneNames) assert.ok(!namesIn(page.members.items).includes(name));
  });

  it('leaves them out of the member count on the cards', async () => {
    const { member, community } = await world();
    const { page } = await listCommunities(deps, actorOf(member), { q: '', mine: true, page: 1, pageSize: 20 });
    assert.equal(page.items.find((c) => c.id === community.id)?.memberCount, 2);
  });

  it('leaves their requests and invitations off the requests page and the start page', async () => {
    const { facilitator, requester, invitee, goneNames, ref } = await world();
    const { pending } = await listPendingMembers(deps, actorOf(facilitator), ref, { page: 1, pageSize: 20 });
    assert.deepEqual(namesIn(pending.items), [requester.name, invitee.name]);
    const overview = await getCommunityOverview(deps, actorOf(facilitator));
    assert.deepEqual(namesIn(overview.waitingRequests.items), [requester.name]);
    for (const name of goneNames) assert.ok(![...namesIn(pending.items), ...namesIn(overview.waitingRequests.items)].includes(name));
  });

  it('does not admit a deactivated requester; the request stays for when they come back', async () => {
    const { facilitator, gone, community, ref } = await world();
    await assert.rejects(approveRequest(deps, actorOf(facilitator), ref, gone.requester.id), { code: 'communities.member_not_found', status: 404 });
    const row = await deps.db.selectFrom('community_members').select('status').where('community_id', '=', community.id).where('user_id', '=', gone.requester.id).executeTakeFirst();
    assert.equal(row?.status, 'requested');
  });

  it('cannot change the role of someone deactivated, who is in no list', async () => {
    const { facilitator, gone, community, ref } = await world();
    await assert.rejects(changeMemberRole(deps, actorOf(facilitator), ref, gone.member.id, { role: 'facilitator' }), { code: 'communities.member_not_found', status: 404 });
    const row = await deps.db.selectFrom('community_members').select('role').where('community_id', '=', community.id).where('user_id', '=', gone.member.id).executeTakeFirst();
    assert.equal(row?.role, 'member');
  });

  it('does not count a deactivated facilitator: the last active one cannot leave', async () => {
    const { facilitator, ref } = await world();
    await assert.rejects(leaveCommunity(deps, actorOf(facilitator), ref, { from: 'active' }), { code: 'communities.last_facilitator' });
  });

  it('lists my invitations newest first, and those sent at the same moment in a fixed order', async () => {
    const org = await createTestOrganisation(deps);
    const me = await createTestUser(deps, org.id);
    const communities = await Promise.all(Array.from({ length: 6 }, () => createTestCommunity(deps, org.id)));
    const at = new Date('2026-03-01T09:00:00Z');
    // PostgreSQL orders uuids as their lower-case hex text; inserted in descending order, so an
    // order that only follows the table would show.
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    for (const c of [...communities].sort(byId).reverse()) {
      await deps.db.insertInto('community_members').values({ community_id: c.id, user_id: me.id, status: 'invited', created_at: at }).execute();
    }
    const slugsById = [...communities].sort(byId).map((c) => c.slug);
    assert.deepEqual((await listMyInvitations(deps.db, me.id, 10)).map((r) => r.slug), slugsById);
    assert.deepEqual((await listMyInvitations(deps.db, me.id, 3)).map((r) => r.slug), slugsById.slice(0, 3));
  });
});
