import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient } from '../../test/harness.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The question pages and form posts as a browser without JavaScript uses them, and the API. */
describe('questions pages (no JavaScript) and API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const world = async (options: { allowPseudonymousQuestions?: boolean } = {}) => {
    const org = await createTestOrganisation(t.deps);
    const asker = await createTestUser(t.deps, org.id, { name: 'Anna Vrager' });
    const answerer = await createTestUser(t.deps, org.id, { name: 'Bram Weter' });
    const facilitator = await createTestUser(t.deps, org.id, { name: 'Fleur Facilitator' });
    const community = await createTestCommunity(t.deps, org.id, {
      name: 'Wmo-consulenten',
      allowPseudonymousQuestions: options.allowPseudonymousQuestions,
      members: [{ userId: asker.id }, { userId: answerer.id }, { userId: facilitator.id, role: 'facilitator' }],
    });
    return { org, asker, answerer, facilitator, community };
  };

  it('asks through the form, answers, marks helped and accepts; the page shows it all', async () => {
    const w = await world();
    const asker = await sessionClient(t.deps, t.app, w.asker.id);
    const form = await asker.get(`/gemeenschappen/${w.community.slug}/vragen/nieuw`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="title"/);
    const asked = await asker.post(`/gemeenschappen/${w.community.slug}/vragen`, { kind: 'how', title: 'Hoe bespreek je schulden?', body: 'Wat **werkt**?\n\n- tip', tags: 'Schulden' });
    assert.equal(asked.statusCode, 303);
    const questionUrl = String(asked.headers.location);
    assert.match(questionUrl, /^\/vragen\/[0-9a-f-]{36}$/);
    const page = await asker.get(questionUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong>werkt<\/strong>/);
    assert.match(page.body, /Gevraagd door Anna Vrager/);

    const answerer = await sessionClient(t.deps, t.app, w.answerer.id);
    await answerer.get(questionUrl);
    const answered = await answerer.post(`${questionUrl}/antwoorden`, { body: 'Begin met luisteren.' });
    assert.equal(answered.statusCode, 303);
    const answerId = String(answered.headers.location).split('#antwoord-')[1];
    assert.ok(answerId);

    await asker.get(questionUrl);
    assert.equal((await asker.post(`/antwoorden/${answerId}/geholpen`, { helped: 'true' })).statusCode, 303);
    assert.equal((await asker.post(`${questionUrl}/oplossing`, { answerId })).statusCode, 303);
    const after = await answerer.get(questionUrl);
    assert.match(after.body, /Dit antwoord loste de vraag op/);
    assert.match(after.body, /1 keer geholpen/);

    const list = await answerer.get(`/gemeenschappen/${w.community.slug}/vragen`);
    assert.match(list.body, /Hoe bespreek je schulden\?/);
    assert.match(list.body, /Opgelost/);
  });

  it('re-renders a bad question with the messages and what was typed, and saves nothing', async () => {
    const w = await world();
    const asker = await sessionClient(t.deps, t.app, w.asker.id);
    await asker.get(`/gemeenschappen/${w.community.slug}/vragen/nieuw`);
    const response = await asker.post(`/gemeenschappen/${w.community.slug}/vragen`, { kind: 'how', title: 'Kort', body: 'Mijn <zorgvuldige> toelichting', tags: 'a' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /error-summary/);
    assert.match(response.body, /Mijn &lt;zorgvuldige&gt; toelichting/);
    const count = await t.deps.db.selectFrom('questions').select((eb) => eb.fn.countAll<string>().as('n')).where('community_id', '=', w.community.id).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it('re-renders a too-short answer on the question page, keeping the text', async () => {
    const w = await world();
    const asker = await sessionClient(t.deps, t.app, w.asker.id);
    await asker.get(`/gemeenschappen/${w.community.slug}/vragen/nieuw`);
    const url = String((await asker.post(`/gemeenschappen/${w.community.slug}/vragen`, { kind: 'what', title: 'Wat is een maatwerkvoorziening?', body: '' })).headers.location);
    const answerer = await sessionClient(t.deps, t.app, w.answerer.id);
    await answerer.get(url);
    const response = await answerer.post(`${url}/antwoorden`, { body: 'x' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, />x<\/textarea>/);
    const comment = await answerer.post(`${url}/reacties`, { body: '' });
    assert.equal(comment.statusCode, 422);
    assert.match(comment.body, /<details class="lk-comment-form" open/);
  });

  it('never puts a pseudonymous asker in a member’s markup, page or API', async () => {
    const w = await world({ allowPseudonymousQuestions: true });
    const asker = await sessionClient(t.deps, t.app, w.asker.id);
    const form = await asker.get(`/gemeenschappen/${w.community.slug}/vragen/nieuw`);
    assert.match(form.body, /facilitatoren van deze gemeenschap zien je naam wel/);
    const url = String((await asker.post(`/gemeenschappen/${w.community.slug}/vragen`, { kind: 'how', title: 'Hoe ga ik om met agressie?', body: 'Lastig.', isPseudonymous: 'on' })).headers.location);
    await asker.get(url);
    await asker.post(`${url}/reacties`, { body: 'Aanvulling van mij' });
    await asker.post(`${url}/bewerken`, { kind: 'how', title: 'Hoe ga ik om met agressie aan de balie?', body: 'Lastig.' });

    const member = await sessionClient(t.deps, t.app, w.answerer.id);
    const token = await createTestPersonalAccessToken(t.deps, w.answerer.id, 'read');
    const id = url.split('/').pop()!;
    const bodies = [
      (await member.get(url)).body,
      (await member.get(`${url}/versies`)).body,
      (await member.get(`/gemeenschappen/${w.community.slug}/vragen`)).body,
      (await bearerRequest(t.app, token, 'GET', `/api/v1/questions/${id}`)).body,
      (await bearerRequest(t.app, token, 'GET', `/api/v1/questions/${id}/revisions`)).body,
      (await bearerRequest(t.app, token, 'GET', `/api/v1/communities/${w.community.id}/questions`)).body,
    ];
    for (const body of bodies) {
      assert.ok(!body.includes('Anna Vrager'), 'no name');
      assert.ok(!body.includes(w.asker.id), 'no id');
      assert.ok(!body.includes(w.asker.email), 'no address');
    }
    const facilitator = await sessionClient(t.deps, t.app, w.facilitator.id);
    assert.match((await facilitator.get(url)).body, /Gevraagd door Anna Vrager .*Andere leden zien deze naam niet/);
  });

  it('asks, answers and reads through the API with problem+json on bad input', async () => {
    const w = await world();
    const token = await createTestPersonalAccessToken(t.deps, w.asker.id);
    const created = await bearerRequest(t.app, token, 'POST', `/api/v1/communities/${w.community.id}/questions`, { kind: 'what', title: 'Wat valt onder de Wmo?', body: 'Graag een overzicht.', tags: ['wmo'] });
    assert.equal(created.statusCode, 201, created.body);
    const question = created.json();
    assert.equal(question.author.name, 'Anna Vrager');
    const bad = await bearerRequest(t.app, token, 'POST', `/api/v1/questions/${question.id}/answers`, { body: '' });
    assert.equal(bad.statusCode, 422);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    assert.ok(bad.json().invalidParams.some((p: { name: string }) => p.name === 'body'));
    const answererToken = await createTestPersonalAccessToken(t.deps, w.answerer.id);
    const answer = await bearerRequest(t.app, answererToken, 'POST', `/api/v1/questions/${question.id}/answers`, { body: 'Huishoudelijke hulp, begeleiding.' });
    assert.equal(answer.statusCode, 201);
    assert.equal((await bearerRequest(t.app, token, 'PUT', `/api/v1/answers/${answer.json().id}/helped`)).json().helpedCount, 1);
    assert.equal((await bearerRequest(t.app, token, 'PUT', `/api/v1/questions/${question.id}/accepted-answer`, { answerId: answer.json().id })).statusCode, 204);
    const read = (await bearerRequest(t.app, answererToken, 'GET', `/api/v1/questions/${question.id}`)).json();
    assert.equal(read.acceptedAnswerId, answer.json().id);
    assert.equal(read.answers.items[0].helpedCount, 1);
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.ok(openapi.paths['/api/v1/questions/{id}/answers'], 'documented in OpenAPI');
  });
});
