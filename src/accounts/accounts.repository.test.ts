import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import { refreshPendingUser } from './accounts.repository.ts';

describe('accounts repository', () => {
  let deps: TestDeps;
  before(async () => {
    deps = await createTestDeps();
  });
  after(() => deps.close());

  // A sign-up reads the account as pending, then writes; if the owner verified it in between,
  // the write must not set the password of what is now an active account.
  it('refreshes only a still-pending account', async () => {
    const org = await createTestOrganisation(deps);
    const pending = await createTestUser(deps, org.id, { status: 'pending' });
    const active = await createTestUser(deps, org.id, { status: 'active' });
    assert.equal(await refreshPendingUser(deps.db, pending.id, { name: 'Nieuw', password_hash: 'h1', locale: 'en' }), true);
    assert.equal(await refreshPendingUser(deps.db, active.id, { name: 'Aanvaller', password_hash: 'h2', locale: 'en' }), false);
    const after = await deps.db.selectFrom('users').select(['id', 'name', 'password_hash']).where('id', 'in', [pending.id, active.id]).execute();
    const byId = new Map(after.map((u) => [u.id, u]));
    assert.equal(byId.get(pending.id)?.password_hash, 'h1');
    assert.equal(byId.get(active.id)?.password_hash, active.password_hash);
    assert.equal(byId.get(active.id)?.name, active.name);
  });
});
