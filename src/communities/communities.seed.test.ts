import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import { seedDemoCommunities } from './communities.seed.ts';

describe('demo communities', () => {
  let deps: TestDeps;
  before(async () => {
    deps = await createTestDeps();
  });
  after(() => deps.close());

  it('creates open, closed and secret communities once, around the given people', async () => {
    const municipality = await createTestOrganisation(deps, { name: 'Gemeente Voorbeeldstad' });
    const partners = [await createTestOrganisation(deps, { kind: 'partner' }), await createTestOrganisation(deps, { kind: 'partner' })];
    const facilitator = await createTestUser(deps, municipality.id, { role: 'manager' });
    const memberIds = [(await createTestUser(deps, municipality.id)).id, (await createTestUser(deps, partners[0]!.id)).id, (await createTestUser(deps, municipality.id)).id];
    const people = { municipalityId: municipality.id, partnerIds: partners.map((p) => p.id), facilitatorId: facilitator.id, memberIds };
    await seedDemoCommunities(deps, people);
    assert.deepEqual(await seedDemoCommunities(deps, people), [], 'idempotent');

    const secret = await deps.db.selectFrom('communities').selectAll().where('slug', '=', 'intervisie-wijkteams').executeTakeFirstOrThrow();
    assert.equal(secret.visibility, 'secret');
    const rows = await deps.db.selectFrom('community_members').select(['user_id', 'role', 'status']).where('community_id', '=', secret.id).execute();
    assert.ok(rows.some((r) => r.user_id === facilitator.id && r.role === 'facilitator'));
    assert.ok(rows.some((r) => r.status === 'invited'));
    const open = await deps.db.selectFrom('communities').select(['id', 'visibility']).where('slug', '=', 'wmo-consulenten-voorbeeldstad').executeTakeFirstOrThrow();
    assert.equal(open.visibility, 'open');
    for (const slug of ['schuldhulp-in-de-keten', 'jeugd-en-onderwijs']) {
      assert.ok(await deps.db.selectFrom('communities').select('id').where('slug', '=', slug).executeTakeFirst(), slug);
    }
  });
});
