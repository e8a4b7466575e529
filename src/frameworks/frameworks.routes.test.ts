import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient } from '../../test/harness.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The framework pages as a browser without JavaScript uses them, and the API. */
describe('framework pages (no JavaScript) and API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const world = async () => {
    const owner = await createTestOrganisation(t.deps);
    const manager = await createTestUser(t.deps, owner.id, { role: 'manager' });
    const member = await createTestUser(t.deps, owner.id);
    const community = await createTestCommunity(t.deps, owner.id, { name: 'Schuldhulp in de wijk', visibility: 'closed', members: [{ userId: member.id }] });
    const base = `/gemeenschappen/${community.slug}`;
    return { community, base, manager: await sessionClient(t.deps, t.app, manager.id), member: await sessionClient(t.deps, t.app, member.id), managerId: manager.id, memberId: member.id };
  };

  const draftForm = (overrides: Record<string, string | string[]> = {}) => ({
    purpose: 'Schulden eerder zien.',
    room: 'Teams maken zelf afspraken over huisbezoeken.',
    constraints: 'Het budget ligt vast.',
    indicators: 'Minder huisuitzettingen.',
    reviewDate: '2027-03-01',
    lqId: ['', '', ''],
    lqKind: ['how', 'what', 'how'],
    lqText: ['Hoe herken je schulden vroeg?', 'Wat werkt bij jongeren?', ''],
    lqExplanation: ['Bij de eerste afspraak.', '', ''],
    ...overrides,
  });

  it('lets a manager write, publish and sharpen a framework that members read, with history and diff', async () => {
    const { base, manager, member } = await world();
    const empty = await manager.get(`${base}/kader`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /Er is nog geen kader/);
    assert.match((await member.get(`${base}/kader`)).body, /Deze gemeenschap heeft nog geen kader/);
    assert.match((await manager.get(base)).body, new RegExp(`href="${base}/kader"`), 'the community home links to the framework');

    assert.equal((await manager.get(`${base}/kader/concept`)).statusCode, 200);
    const saved = await manager.post(`${base}/kader/concept`, draftForm());
    assert.equal(saved.statusCode, 303);
    const editor = await manager.get(String(saved.headers.location));
    assert.match(editor.body, /Het concept is opgeslagen/);
    assert.match(editor.body, /Hoe herken je schulden vroeg\?/);
    assert.equal((await member.get(`${base}/kader/concept`)).statusCode, 404, 'drafts are invisible to members');
    assert.doesNotMatch((await member.get(`${base}/kader`)).body, /Schulden eerder zien/);

    assert.equal((await manager.post(`${base}/kader/publiceren`, {})).statusCode, 303, 'version 1 needs no note');
    const v1 = await member.get(`${base}/kader`);
    assert.match(v1.body, /Versie 1/);
    assert.match(v1.body, /Wat werkt bij jongeren\?/);

    // Sharpen: keep the learning question ids from the editor, reword one, drop the other.
    const page = await manager.get(`${base}/kader/concept`);
    const ids = [...page.body.matchAll(/name="lqId" value="([^"]*)"/g)].map((m) => m[1]!);
    assert.equal(ids.filter(Boolean).length, 2);
    await manager.post(`${base}/kader/concept`, draftForm({ lqId: [ids[0]!, ids[1]!], lqKind: ['how', 'what'], lqText: ['Hoe herken je schulden in de eerste maand?', ''], lqExplanation: ['Bij de eerste afspraak.', ''] }));
    const refused = await manager.post(`${base}/kader/publiceren`, { changeNote: 'kort' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Schrijf in minstens 10 tekens/);
    assert.match(refused.body, />kort</, 'the typed note is shown again');
    assert.equal((await manager.post(`${base}/kader/publiceren`, { changeNote: 'De eerste maand is het moment; jongeren apart.' })).statusCode, 303);

    const history = await member.get(`${base}/kader/versies`);
    assert.match(history.body, /De eerste maand is het moment; jongeren apart\./);
    const diff = await member.get(`${base}/kader/versies/1/2`);
    assert.equal(diff.statusCode, 200);
    assert.match(diff.body, /Veranderd/);
    assert.match(diff.body, /Geschrapt/);
    assert.match(diff.body, /<ins><span class="lk-visually-hidden">Nieuw: <\/span>Hoe herken je schulden in de eerste maand\?/);
    assert.equal((await member.get(`${base}/kader/versies/1/3`)).statusCode, 404);
    assert.equal((await member.get(`${base}/kader/versies/1/x`)).statusCode, 404);
  });

  it('re-renders the draft form with errors and what was typed (422)', async () => {
    const { base, manager } = await world();
    const response = await manager.post(`${base}/kader/concept`, draftForm({ purpose: 'Mijn getypte doel', reviewDate: 'volgende week', lqText: ['x'.repeat(301), '', ''] }));
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Mijn getypte doel/);
    assert.match(response.body, /value="volgende week"/);
    assert.match(response.body, /href="#field-reviewDate"/);
    assert.match(response.body, /href="#field-learningQuestions"/);
  });

  it('refuses writing to members (403) and hides the framework of an invisible community (404)', async () => {
    const { base, member } = await world();
    assert.equal((await member.post(`${base}/kader/concept`, draftForm())).statusCode, 403);
    const outsider = await createTestUser(t.deps, (await createTestOrganisation(t.deps)).id);
    assert.equal((await (await sessionClient(t.deps, t.app, outsider.id)).get(`${base}/kader`)).statusCode, 404);
  });

  it('serves the same through the API', async () => {
    const { community, managerId, memberId } = await world();
    const managerToken = await createTestPersonalAccessToken(t.deps, managerId);
    const memberToken = await createTestPersonalAccessToken(t.deps, memberId);
    const url = `/api/v1/communities/${community.id}/framework`;
    const body = { purpose: 'Via de API.', room: '', constraints: '', indicators: '', reviewDate: null, learningQuestions: [{ kind: 'how', text: 'Hoe begin je?', explanation: '' }] };
    assert.equal((await bearerRequest(t.app, memberToken, 'PUT', `${url}/draft`, body)).statusCode, 403);
    const draft = await bearerRequest(t.app, managerToken, 'PUT', `${url}/draft`, body);
    assert.equal(draft.statusCode, 200);
    assert.equal(draft.json().status, 'draft');
    assert.equal((await bearerRequest(t.app, memberToken, 'GET', url)).json().current, null);
    const published = await bearerRequest(t.app, managerToken, 'POST', `${url}/publish`, {});
    assert.equal(published.statusCode, 201);
    const current = (await bearerRequest(t.app, memberToken, 'GET', url)).json();
    assert.equal(current.current.learningQuestions[0].text, 'Hoe begin je?');
    assert.equal((await bearerRequest(t.app, memberToken, 'GET', `${url}/versions`)).json().items.length, 1);
    assert.equal((await bearerRequest(t.app, memberToken, 'GET', `${url}/versions/1`)).json().purpose, 'Via de API.');
    assert.equal((await bearerRequest(t.app, memberToken, 'GET', `${url}/versions/2`)).statusCode, 404);
    const bad = await bearerRequest(t.app, managerToken, 'PUT', `${url}/draft`, { ...body, reviewDate: 'morgen' });
    assert.equal(bad.statusCode, 422);
  });
});
