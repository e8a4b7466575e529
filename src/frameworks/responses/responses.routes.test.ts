import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient } from '../../../test/harness.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Member responses as a browser without JavaScript uses them, and the API. */
describe('framework responses: pages (no JavaScript) and API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const world = async () => {
    const owner = await createTestOrganisation(t.deps);
    const otherOrg = await createTestOrganisation(t.deps);
    const manager = await createTestUser(t.deps, owner.id, { role: 'manager' });
    const flagger = await createTestUser(t.deps, owner.id, { name: 'Fenna Vlagdrager' });
    const other = await createTestUser(t.deps, owner.id, { name: 'Otto Anderlid' });
    const platformAdmin = await createTestUser(t.deps, otherOrg.id, { role: 'admin', isPlatformAdmin: true });
    const community = await createTestCommunity(t.deps, owner.id, { visibility: 'open', members: [{ userId: flagger.id }, { userId: other.id }] });
    const base = `/gemeenschappen/${community.slug}/kader`;
    const clients = {
      manager: await sessionClient(t.deps, t.app, manager.id),
      flagger: await sessionClient(t.deps, t.app, flagger.id),
      other: await sessionClient(t.deps, t.app, other.id),
      platformAdmin: await sessionClient(t.deps, t.app, platformAdmin.id),
    };
    await clients.manager.post(`${base}/concept`, { purpose: 'Schulden eerder zien.', room: 'Ruimte', constraints: '', indicators: '', reviewDate: '', lqId: '', lqKind: 'how', lqText: 'Hoe herken je schulden vroeg?', lqExplanation: '' });
    assert.equal((await clients.manager.post(`${base}/publiceren`, {})).statusCode, 303);
    const page = await clients.flagger.get(base);
    const learningQuestionId = /name="learningQuestionId" value="([^"]+)"/.exec(page.body)![1]!;
    return { community, base, clients, users: { manager, flagger, other, platformAdmin }, learningQuestionId };
  };

  it('lets a member flag a learning question unsigned; the manager sees the count and text, nobody sees who', async () => {
    const { base, clients, users, learningQuestionId } = await world();
    const page = await clients.flagger.get(base);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<details class="lk-respond"/);
    const ids = [...page.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, 'every id on the page is unique');
    assert.doesNotMatch((await clients.manager.get(base)).body, /<details class="lk-respond"/, 'a manager who is no member gets no forms');

    const sent = await clients.flagger.post(`${base}/reacties`, { target: 'learning_question', learningQuestionId, kind: 'unclear', text: 'Wat is vroeg in de praktijk?' });
    assert.equal(sent.statusCode, 303);
    const overview = await clients.manager.get(`${base}/reacties`);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /1 open &quot;onduidelijk&quot;|1 open "onduidelijk"/);
    assert.match(overview.body, /Wat is vroeg in de praktijk\?/);
    assert.match(overview.body, /Niet ondertekend/);
    assert.equal((await clients.flagger.get(`${base}/reacties`)).statusCode, 404, 'the overview is for managers');

    const id = /action="[^"]*\/reacties\/([0-9a-f-]{36})\/beantwoorden"/.exec(overview.body)![1]!;
    assert.equal((await clients.manager.post(`${base}/reacties/${id}/beantwoorden`, { reply: 'Vroeg is: bij het eerste gesprek.' })).statusCode, 303);
    const seenByOther = await clients.other.get(base);
    assert.match(seenByOther.body, /Vroeg is: bij het eerste gesprek\./, 'the answer is shown to every reader');

    const bodies = {
      manager: (await clients.manager.get(`${base}/reacties`)).body + (await clients.manager.get(base)).body,
      other: seenByOther.body,
      platformAdmin: (await clients.platformAdmin.get(`${base}/reacties`)).body + (await clients.platformAdmin.get(base)).body,
    };
    for (const [who, body] of Object.entries(bodies)) {
      for (const secret of [users.flagger.id, users.flagger.name, users.flagger.email]) assert.equal(body.includes(secret), false, `${who} must not see ${secret}`);
    }
  });

  it('re-renders the form with what was typed (422), and adopts a signed proposal with credit', async () => {
    const { base, clients } = await world();
    const refused = await clients.other.post(`${base}/reacties`, { target: 'purpose', kind: 'proposal', text: '', signed: 'yes' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /<details class="lk-respond" open/);
    assert.match(refused.body, /href="#respond-purpose-field-text"/);
    assert.match(refused.body, /id="respond-purpose-field-kind-proposal"[^>]*checked|checked[^>]*id="respond-purpose-field-kind-proposal"/);
    const bad = await clients.other.post(`${base}/reacties`, { target: 'nergens', kind: 'unclear' });
    assert.equal(bad.statusCode, 422);

    assert.equal((await clients.other.post(`${base}/reacties`, { target: 'purpose', kind: 'proposal', text: 'Schulden binnen een maand zien.', signed: 'yes' })).statusCode, 303);
    const overview = await clients.manager.get(`${base}/reacties`);
    assert.match(overview.body, /Van Otto Anderlid/);
    const id = /action="[^"]*\/reacties\/([0-9a-f-]{36})\/overnemen"/.exec(overview.body)![1]!;
    const tooLong = await clients.manager.post(`${base}/reacties/${id}/overnemen`, { reply: 'x'.repeat(1001), credit: 'yes' });
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.body, new RegExp(`href="#response-${id}-adopt-field-reply"`));
    assert.equal((await clients.manager.post(`${base}/reacties/${id}/overnemen`, { reply: 'Overgenomen.', credit: 'yes' })).statusCode, 303);
    assert.match((await clients.flagger.get(base)).body, /Voorgesteld door Otto Anderlid\./);
    assert.equal((await clients.other.post(`${base}/reacties/${id}/beantwoorden`, { reply: 'Zelf' })).statusCode, 403);
    assert.equal((await clients.manager.post(`${base}/reacties/geen-id/beantwoorden`, { reply: 'x' })).statusCode, 404);
  });

  it('serves the same through the API without revealing an unsigned flagger', async () => {
    const { community, users, learningQuestionId } = await world();
    const flaggerToken = await createTestPersonalAccessToken(t.deps, users.flagger.id);
    const managerToken = await createTestPersonalAccessToken(t.deps, users.manager.id);
    const adminToken = await createTestPersonalAccessToken(t.deps, users.platformAdmin.id);
    const url = `/api/v1/communities/${community.id}/framework/responses`;
    const created = await bearerRequest(t.app, flaggerToken, 'POST', url, { target: 'learning_question', learningQuestionId, kind: 'unclear', text: 'Onduidelijk.' });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().author, null);
    assert.equal((await bearerRequest(t.app, flaggerToken, 'POST', url, { target: 'purpose', kind: 'comment' })).statusCode, 422);
    assert.equal((await bearerRequest(t.app, flaggerToken, 'GET', url)).statusCode, 404);
    const list = await bearerRequest(t.app, managerToken, 'GET', url);
    assert.equal(list.statusCode, 200);
    const group = list.json().groups.find((g: { learningQuestionId: string | null }) => g.learningQuestionId === learningQuestionId);
    assert.equal(group.counts.openUnclear, 1);
    const answered = await bearerRequest(t.app, managerToken, 'POST', `${url}/${created.json().id}/answer`, { reply: 'Bedoeld is de eerste maand.' });
    assert.equal(answered.statusCode, 200);
    assert.equal(answered.json().status, 'answered');
    assert.equal((await bearerRequest(t.app, managerToken, 'POST', `${url}/${created.json().id}/adopt`, {})).statusCode, 409);
    const adminList = await bearerRequest(t.app, adminToken, 'GET', url);
    for (const body of [list.body, answered.body, adminList.body]) {
      for (const secret of [users.flagger.id, users.flagger.name, users.flagger.email]) assert.equal(body.includes(secret), false);
    }
  });
});
