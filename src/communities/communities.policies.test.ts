import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../platform/auth/actor.ts';
import type { CommunityVisibility } from '../platform/db/schema.ts';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import { canManageCommunity, canSeeCommunity, manageableCommunitySql, visibleCommunitySql } from './communities.policies.ts';
import { findCommunityForUser } from './communities.repository.ts';


type MembershipOption = 'none' | 'member' | 'facilitator' | 'requested' | 'invited';
const MEMBERSHIPS: MembershipOption[] = ['none', 'member', 'facilitator', 'requested', 'invited'];
const VISIBILITIES: CommunityVisibility[] = ['open', 'closed', 'secret'];

/**
 * The TypeScript rule (single items) and the SQL rule (lists, counts, search) must agree for
 * every combination: actor relation to the owner (same, partner, other organisation), actor
 * role (member, manager, admin, platform admin), visibility, partners, and membership state.
 */
describe('community policies: TypeScript and SQL agree', () => {
  let deps: TestDeps;
  let actors: { label: string; actor: Actor }[];
  let communities: { id: string; label: string }[];

  before(async () => {
    deps = await createTestDeps();
    const owner = await createTestOrganisation(deps);
    const partner = await createTestOrganisation(deps, { kind: 'partner' });
    const other = await createTestOrganisation(deps);
    const users = [
      ['owner member', await createTestUser(deps, owner.id)],
      ['owner manager', await createTestUser(deps, owner.id, { role: 'manager' })],
      ['owner admin', await createTestUser(deps, owner.id, { role: 'admin' })],
      ['partner member', await createTestUser(deps, partner.id)],
      ['partner admin', await createTestUser(deps, partner.id, { role: 'admin' })],
      ['other member', await createTestUser(deps, other.id)],
      ['other admin', await createTestUser(deps, other.id, { role: 'admin' })],
      ['platform admin (other org)', await createTestUser(deps, other.id, { isPlatformAdmin: true })],
      ['platform admin (owner org, admin)', await createTestUser(deps, owner.id, { role: 'admin', isPlatformAdmin: true })],
    ] as const;
    actors = users.map(([label, user]) => ({ label, actor: actorOf(user) }));
    communities = [];
    for (const visibility of VISIBILITIES) {
      for (const partners of [[], [partner.id]]) {
        for (const membership of MEMBERSHIPS) {
          // Every actor holds the same membership state in this community.
          const members =
            membership === 'none'
              ? []
              : users.map(([, user]) => ({
                  userId: user.id,
                  role: membership === 'facilitator' ? ('facilitator' as const) : ('member' as const),
                  status: membership === 'requested' || membership === 'invited' ? membership : ('active' as const),
                }));
          const community = await createTestCommunity(deps, owner.id, { visibility, partners, members });
          communities.push({ id: community.id, label: `${visibility}, ${partners.length ? 'with partner' : 'no partner'}, ${membership}` });
        }
      }
    }
  });
  after(() => deps.close());

  it('covers the whole matrix', () => {
    assert.equal(actors.length * communities.length, 9 * 30);
  });

  it('visibility and management agree for every actor × community', async () => {
    const ids = communities.map((c) => c.id);
    for (const { label, actor } of actors) {
      const visibleInSql = new Set(
        (await deps.db.selectFrom('communities as c').select('c.id').where('c.id', 'in', ids).where(visibleCommunitySql(actor)).execute()).map((r) => r.id),
      );
      const manageableInSql = new Set(
        (await deps.db.selectFrom('communities as c').select('c.id').where('c.id', 'in', ids).where(manageableCommunitySql(actor)).execute()).map((r) => r.id),
      );
      for (const community of communities) {
        const facts = await findCommunityForUser(deps.db, { id: community.id }, actor.userId);
        assert.ok(facts);
        assert.equal(visibleInSql.has(community.id), canSeeCommunity(actor, facts), `visible: ${label} in ${community.label}`);
        assert.equal(manageableInSql.has(community.id), canManageCommunity(actor, facts), `manage: ${label} in ${community.label}`);
      }
    }
  });

  it('keeps secret communities from admins who are not members', async () => {
    const platformAdmin = actors.find((a) => a.label.startsWith('platform admin (owner'))?.actor as Actor;
    const secretNone = communities.find((c) => c.label === 'secret, no partner, none') as { id: string };
    const facts = await findCommunityForUser(deps.db, { id: secretNone.id }, platformAdmin.userId);
    assert.equal(canSeeCommunity(platformAdmin, facts!), false);
    assert.equal(canManageCommunity(platformAdmin, facts!), false);
  });

  it('lets an outsider see a closed community only as a member or invitee', async () => {
    const outsider = actors.find((a) => a.label === 'other member')?.actor as Actor;
    const expectations: Record<string, boolean> = { none: false, requested: false, invited: true, member: true, facilitator: true };
    for (const [membership, expected] of Object.entries(expectations)) {
      const community = communities.find((c) => c.label === `closed, with partner, ${membership}`) as { id: string };
      const facts = await findCommunityForUser(deps.db, { id: community.id }, outsider.userId);
      assert.equal(canSeeCommunity(outsider, facts!), expected, membership);
    }
  });
});
