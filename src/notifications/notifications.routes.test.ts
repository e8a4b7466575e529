import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { actorOf, bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient, TestClient } from '../../test/harness.ts';
import { askQuestion } from '../questions/questions.usecases.ts';
import { postAnswer } from '../questions/answers/answers.usecases.ts';
import { processEventsSoFar } from './notifications.test-support.ts';

type App = Awaited<ReturnType<typeof createTestApp>>;

async function answeredQuestion(t: App, title = `Hoe & waarom ${randomUUID().slice(0, 6)}?`) {
  const org = await createTestOrganisation(t.deps);
  const asker = await createTestUser(t.deps, org.id);
  const answerer = await createTestUser(t.deps, org.id, { name: `Bram ${randomUUID().slice(0, 6)}` });
  const community = await createTestCommunity(t.deps, org.id, { members: [{ userId: asker.id }, { userId: answerer.id }] });
  const question = await askQuestion(t.deps, actorOf(asker), { id: community.id }, { kind: 'how', title, body: '' });
  const answer = await postAnswer(t.deps, actorOf(answerer), question.id, { body: 'Zo.' });
  await processEventsSoFar(t.deps);
  return { org, asker, answerer, community, question, answer, title };
}

const headerLabel = (html: string) => html.match(/<a [^>]*href="\/meldingen"[^>]*aria-label="([^"]*)"/)?.[1];

describe('notification pages, without JavaScript', () => {
  let t: App;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('says what will appear here when there is nothing, and the header says nothing is unread', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id);
    const client = await sessionClient(t.deps, t.app, user.id);
    const page = await client.get('/meldingen');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Je hebt nog geen meldingen/);
    assert.equal(headerLabel(page.body), 'Meldingen, niets ongelezen');
    assert.doesNotMatch(page.body, /Alles gelezen/);
  });

  it('lists the group, counts it in the header on every page, and opening it marks it read and goes to the answer', async () => {
    const { asker, question, answer, answerer } = await answeredQuestion(t);
    const client = await sessionClient(t.deps, t.app, asker.id);
    const home = await client.get('/');
    assert.equal(headerLabel(home.body), 'Meldingen, 1 ongelezen');
    const page = await client.get('/meldingen');
    assert.match(page.body, /Nieuw antwoord op je vraag “Hoe &amp; waarom/);
    assert.match(page.body, new RegExp(`Door ${answerer.name}`));
    const id = page.body.match(/action="\/meldingen\/([0-9a-f-]{36})\/gelezen"/)?.[1];
    assert.ok(id);
    const opened = await client.post(`/meldingen/${id}/gelezen`);
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, `/vragen/${question.id}#antwoord-${answer.id}`);
    assert.equal(headerLabel((await client.get('/meldingen')).body), 'Meldingen, niets ongelezen');
    // Another person cannot open it; an id that is no uuid names nothing.
    const other = await sessionClient(t.deps, t.app, answerer.id);
    assert.equal((await other.post(`/meldingen/${id}/gelezen`)).statusCode, 404);
    assert.equal((await other.post('/meldingen/geen-id/gelezen')).statusCode, 404);
  });

  it('marks everything read at once', async () => {
    const { asker } = await answeredQuestion(t);
    const client = await sessionClient(t.deps, t.app, asker.id);
    assert.match((await client.get('/meldingen')).body, /Alles gelezen/);
    const response = await client.post('/meldingen/alles-gelezen');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/meldingen');
    const page = await client.get('/meldingen');
    assert.match(page.body, /Alle meldingen zijn gelezen/);
    assert.equal(headerLabel(page.body), 'Meldingen, niets ongelezen');
  });

  it('refuses anonymous visitors and answers the live address only to an event stream', async () => {
    const anonymous = new TestClient(t.app);
    assert.equal((await anonymous.get('/meldingen')).statusCode, 401);
    assert.equal((await anonymous.get('/meldingen/live', { accept: 'text/event-stream' })).statusCode, 401);
    const { asker } = await answeredQuestion(t);
    const client = await sessionClient(t.deps, t.app, asker.id);
    assert.equal((await client.get('/meldingen/live')).statusCode, 406);
    const token = await createTestPersonalAccessToken(t.deps, asker.id);
    const withToken = await t.app.inject({ method: 'GET', url: '/meldingen/live', headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
    assert.equal(withToken.statusCode, 401, 'sessions only');
  });

  it('shows the defaults as chosen, re-renders bad input with 422, and saves', async () => {
    const { asker, community } = await answeredQuestion(t);
    const client = await sessionClient(t.deps, t.app, asker.id);
    const form = await client.get('/meldingen/instellingen');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<option value="immediate" selected>Direct per e-mail<\/option>/);
    assert.match(form.body, /name="digestFrequency" value="daily" checked/);
    assert.match(form.body, new RegExp(`name="override\\.${community.id}"`));
    const valid = { direct: 'digest', activity: 'in_app', community: 'off', ownMail: 'off', digestFrequency: 'weekly', [`override.${community.id}`]: 'off' };
    const bad = await client.post('/meldingen/instellingen', { ...valid, ownMail: 'immediate' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /href="#field-ownMail"/);
    const stranger = await client.post('/meldingen/instellingen', { ...valid, [`override.${randomUUID()}`]: 'off' });
    assert.equal(stranger.statusCode, 422);
    assert.match(stranger.body, /Kies alleen gemeenschappen waar je lid van bent/);
    const saved = await client.post('/meldingen/instellingen', valid);
    assert.equal(saved.statusCode, 303);
    const again = await client.get('/meldingen/instellingen');
    assert.match(again.body, /<option value="digest" selected>/);
    assert.match(again.body, /name="digestFrequency" value="weekly" checked/);
    assert.match(again.body, /Je instellingen zijn opgeslagen/);
  });
});

describe('notifications API', () => {
  let t: App;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('lists groups, counts, marks read and reads and writes preferences', async () => {
    const { asker, question, answer, community } = await answeredQuestion(t);
    const token = await createTestPersonalAccessToken(t.deps, asker.id);
    const list = await bearerRequest(t.app, token, 'GET', '/api/v1/notifications?pageSize=5');
    assert.equal(list.statusCode, 200);
    const body = JSON.parse(list.body) as { items: { id: string; kind: string; count: number; isUnread: boolean; url: string; text: string }[]; pageSize: number };
    assert.equal(body.pageSize, 5);
    assert.deepEqual(body.items.map((g) => [g.kind, g.count, g.isUnread, g.url]), [['answer_posted', 1, true, `/vragen/${question.id}#antwoord-${answer.id}`]]);
    assert.deepEqual(JSON.parse((await bearerRequest(t.app, token, 'GET', '/api/v1/notifications/unread-count')).body), { unread: 1 });
    const read = await bearerRequest(t.app, token, 'POST', `/api/v1/notifications/${body.items[0]!.id}/read`);
    assert.equal(read.statusCode, 200);
    assert.equal(JSON.parse(read.body).unread, 0);
    assert.equal((await bearerRequest(t.app, token, 'POST', `/api/v1/notifications/${randomUUID()}/read`)).statusCode, 404);
    assert.deepEqual(JSON.parse((await bearerRequest(t.app, token, 'POST', '/api/v1/notifications/read-all')).body), { unread: 0 });

    const prefs = JSON.parse((await bearerRequest(t.app, token, 'GET', '/api/v1/notification-preferences')).body);
    assert.deepEqual(prefs, { direct: 'immediate', activity: 'digest', community: 'digest', ownMail: 'in_app', digestFrequency: 'daily', communities: [{ communityId: community.id, name: community.name, setting: 'default' }] });
    const put = await bearerRequest(t.app, token, 'PUT', '/api/v1/notification-preferences', { ...prefs, direct: 'in_app', communities: [{ communityId: community.id, setting: 'in_app' }] });
    assert.equal(put.statusCode, 200);
    assert.equal(JSON.parse(put.body).communities[0].setting, 'in_app');
    const bad = await bearerRequest(t.app, token, 'PUT', '/api/v1/notification-preferences', { ...prefs, ownMail: 'immediate' });
    assert.equal(bad.statusCode, 422);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
  });
});
