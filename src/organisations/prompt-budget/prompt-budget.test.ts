import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerRequest, createTestApp, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient } from '../../../test/harness.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The organisation's prompts-per-week: its administrators set it (page and API), 0–14; others find nothing. */
describe('organisations: prompts per week', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const budgetOf = async (organisationId: string) => (await t.deps.db.selectFrom('organisations').select('prompt_budget_per_week').where('id', '=', organisationId).executeTakeFirstOrThrow()).prompt_budget_per_week;

  it('the administrator sets it on a page and through the API; bad input is a field error; others get 404', async () => {
    const org = await createTestOrganisation(t.deps);
    const other = await createTestOrganisation(t.deps);
    const admin = await createTestUser(t.deps, org.id, { role: 'admin' });
    const member = await createTestUser(t.deps, org.id);
    const client = await sessionClient(t.deps, t.app, admin.id);
    const page = await client.get('/beheer/organisatie/prikkels');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="promptBudgetPerWeek"[^>]*value="2"/);
    assert.match((await client.get('/beheer/organisatie')).body, /href="\/beheer\/organisatie\/prikkels"/);
    const bad = await client.post('/beheer/organisatie/prikkels', { promptBudgetPerWeek: '15' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /value="15"/);
    assert.equal(await budgetOf(org.id), 2);
    assert.equal((await client.post('/beheer/organisatie/prikkels', { promptBudgetPerWeek: '0' })).statusCode, 303);
    assert.equal(await budgetOf(org.id), 0);
    assert.equal((await (await sessionClient(t.deps, t.app, member.id)).get('/beheer/organisatie/prikkels')).statusCode, 404);

    const token = await createTestPersonalAccessToken(t.deps, admin.id);
    const put = await bearerRequest(t.app, token, 'PUT', `/api/v1/organisations/${org.id}/prompt-budget`, { promptBudgetPerWeek: 5 });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json(), { promptBudgetPerWeek: 5 });
    assert.equal((await bearerRequest(t.app, token, 'PUT', `/api/v1/organisations/${org.id}/prompt-budget`, { promptBudgetPerWeek: -1 })).statusCode, 422);
    assert.equal((await bearerRequest(t.app, token, 'GET', `/api/v1/organisations/${other.id}/prompt-budget`)).statusCode, 404);
    const memberToken = await createTestPersonalAccessToken(t.deps, member.id);
    assert.equal((await bearerRequest(t.app, memberToken, 'PUT', `/api/v1/organisations/${org.id}/prompt-budget`, { promptBudgetPerWeek: 9 })).statusCode, 403, 'a member sees the organisation, but this is for its administrators');
    assert.equal(await budgetOf(org.id), 5);
  });
});
