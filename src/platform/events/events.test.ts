import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDeps, createTestOrganisation, type TestDeps } from '../../../test/harness.ts';
import { inTransaction } from './events.ts';

describe('domain events', () => {
  let deps: TestDeps;
  before(async () => {
    deps = await createTestDeps();
  });
  after(() => deps.close());

  it('are dispatched after the transaction commits', async () => {
    const org = await createTestOrganisation(deps);
    let seenInside = -1;
    await inTransaction(deps.db, deps.events, async (tx, emit) => {
      await tx.updateTable('organisations').set({ name: 'Gemeente Na' }).where('id', '=', org.id).execute();
      emit('organisation.updated', { organisationId: org.id });
      seenInside = deps.dispatched.filter((e) => e.payload.organisationId === org.id).length;
    });
    assert.equal(seenInside, 0, 'nothing is delivered before the commit');
    const delivered = deps.dispatched.filter((e) => e.payload.organisationId === org.id);
    assert.deepEqual(delivered.map((e) => e.name), ['organisation.updated']);
  });

  it('are dropped when the transaction rolls back', async () => {
    const org = await createTestOrganisation(deps);
    await assert.rejects(
      inTransaction(deps.db, deps.events, async (tx, emit) => {
        emit('organisation.updated', { organisationId: org.id });
        await tx.insertInto('organisations').values({ id: org.id, slug: org.slug, name: 'dup', kind: 'partner' }).execute();
      }),
    );
    assert.equal(deps.dispatched.filter((e) => e.payload.organisationId === org.id).length, 0);
  });

  it('keep the committed action when a subscriber fails', async () => {
    deps.events.subscribe({ event: 'test.boom', name: 'failing', handle: async () => { throw new Error('subscriber down'); } });
    const result = await inTransaction(deps.db, deps.events, async (_tx, emit) => {
      emit('test.boom', {});
      return 'done';
    });
    assert.equal(result, 'done');
  });
});
