import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/auth/actor.ts';
import { createTestDeps, createTestOrganisation, type TestDeps } from '../../test/harness.ts';
import { canManageMembers, canManageOrganisation, canViewOrganisation, OPERATOR, type Caller } from './organisations.policies.ts';
import { findOrganisationById, findOrganisationForEmail, listOrganisations, listOrganisationsByIds } from './organisations.usecases.ts';

const actor = (organisationId: string, overrides: Partial<Actor> = {}): Actor => ({
  userId: randomUUID(),
  organisationId,
  name: 'Test',
  email: 't@example.test',
  locale: 'nl',
  role: 'member',
  isPlatformAdmin: false,
  ...overrides,
});

describe('organisation policies', () => {
  let deps: TestDeps;
  before(async () => {
    deps = await createTestDeps();
  });
  after(() => deps.close());

  it('lists exactly the organisations canViewOrganisation allows (SQL and TypeScript agree)', async () => {
    const prefix = `Beleid ${randomUUID().slice(0, 8)}`;
    const orgs = await Promise.all([1, 2, 3].map((i) => createTestOrganisation(deps, { name: `${prefix} ${i}` })));
    const callers: Caller[] = [
      OPERATOR,
      ...orgs.flatMap((org) => [actor(org.id), actor(org.id, { role: 'admin' }), actor(org.id, { isPlatformAdmin: true })]),
      actor(randomUUID()),
    ];
    for (const caller of callers) {
      const listed = (await listOrganisations(deps, caller, { page: 1, pageSize: 100, q: prefix })).items.map((o) => o.id).sort();
      const allowed = orgs.filter((o) => canViewOrganisation(caller, o.id)).map((o) => o.id).sort();
      assert.deepEqual(listed, allowed);
    }
  });

  it('keeps settings for the platform and members for the organisation administrators', () => {
    const orgId = randomUUID();
    assert.equal(canManageOrganisation(actor(orgId, { role: 'admin' }), orgId), false);
    assert.equal(canManageOrganisation(actor(randomUUID(), { isPlatformAdmin: true }), orgId), true);
    assert.equal(canManageOrganisation(OPERATOR, orgId), true);
    assert.equal(canManageMembers(actor(orgId, { role: 'admin' }), orgId), true);
    assert.equal(canManageMembers(actor(orgId, { role: 'manager' }), orgId), false);
    assert.equal(canManageMembers(actor(randomUUID(), { role: 'admin' }), orgId), false);
  });

  it('offers other features a lookup by id, by several ids and by e-mail domain', async () => {
    const a = await createTestOrganisation(deps, { name: `Aaa ${randomUUID().slice(0, 6)}`, kind: 'partner' });
    const b = await createTestOrganisation(deps, { name: `Bbb ${randomUUID().slice(0, 6)}` });
    assert.equal((await findOrganisationById(deps, a.id))?.name, a.name);
    assert.equal(await findOrganisationById(deps, 'geen-uuid'), undefined);
    const summaries = await listOrganisationsByIds(deps, [b.id, a.id, a.id, randomUUID(), 'rommel']);
    assert.deepEqual(summaries, [
      { id: a.id, slug: a.slug, name: a.name, kind: 'partner' },
      { id: b.id, slug: b.slug, name: b.name, kind: 'municipality' },
    ]);
    assert.deepEqual(await listOrganisationsByIds(deps, []), []);
    assert.equal((await findOrganisationForEmail(deps, `Jan@${(a.email_domains[0] as string).toUpperCase()}`))?.id, a.id);
    assert.equal(await findOrganisationForEmail(deps, 'jan@onbekend.example'), undefined);
  });
});
