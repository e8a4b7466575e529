import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDeps, type TestDeps } from '../../test/harness.ts';
import { useOwnDatabase } from '../prompts/engine.test-support.ts';
import { findUserByEmail } from '../accounts/accounts.repository.ts';
import { getScopeSignals } from '../signals/scope.usecases.ts';
import { seedDemoWorld } from './seed.ts';

/**
 * The demo world as `npm start` seeds it: the manager's signals show figures (the colleagues'
 * history is large enough for K = 5), and a second run adds nothing. Own database: the signals
 * rollup works over all of it.
 */
describe('the demo world', () => {
  let database: Awaited<ReturnType<typeof useOwnDatabase>>;
  let deps: TestDeps;

  before(async () => {
    database = await useOwnDatabase();
    deps = await createTestDeps();
    await seedDemoWorld(deps);
  });
  after(async () => {
    await deps?.close();
    await database?.drop();
  });

  it('gives the demo manager organisation and chain signals with figures, not only "fewer than 5"', async () => {
    const manager = (await findUserByEmail(deps.db, 'manager@voorbeeldstad.nl'))!;
    const actor = { userId: manager.id, organisationId: manager.organisation_id, name: manager.name, email: manager.email, locale: 'nl' as const, role: manager.role, isPlatformAdmin: manager.is_platform_admin };
    const organisation = await getScopeSignals(deps, actor, 'organisation', manager.organisation_id, { kind: 'quarter' });
    for (const metric of ['active_members', 'questions_asked', 'questions_answered', 'answers', 'practice_tries'] as const) {
      const figure = organisation.figures[metric].current;
      assert.ok(!figure.isSuppressed && (figure.value ?? 0) > 0, `${metric}: ${JSON.stringify(figure)}`);
      assert.ok(!organisation.figures[metric].previous.isSuppressed, `${metric}, previous period`);
    }
    assert.ok((organisation.medianHoursToFirstAnswer.current.value ?? 0) > 0);
    assert.ok(organisation.sharpening.length > 0, 'the unclear flags make a learning question need sharpening');
    const chain = await getScopeSignals(deps, actor, 'chain', manager.organisation_id, { kind: 'quarter' });
    assert.ok((chain.figures.answers_cross_org.current.value ?? 0) > 0, JSON.stringify(chain.figures.answers_cross_org.current));
  });

  it('runs again without adding anything', async () => {
    const count = async () => Number((await deps.db.selectFrom('questions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await seedDemoWorld(deps);
    assert.equal(await count(), before);
  });
});
