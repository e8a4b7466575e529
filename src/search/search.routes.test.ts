import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient, type TestClient } from '../../test/harness.ts';
import { indexDocument } from './search.index.ts';
import { indexTestDocument } from './search.test-support.ts';

const word = (prefix: string) => `${prefix}${Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

/** The search page, the searches without results and the JSON API, through inject(). */
describe('search routes', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let member: TestClient;
  let facilitator: TestClient;
  let outsider: TestClient;
  let token: string;
  let community: { id: string; slug: string; name: string };
  const topic = word('onderwerp');

  before(async () => {
    t = await createTestApp();
    const org = await createTestOrganisation(t.deps);
    const users = { member: await createTestUser(t.deps, org.id), facilitator: await createTestUser(t.deps, org.id), outsider: await createTestUser(t.deps, (await createTestOrganisation(t.deps)).id) };
    community = await createTestCommunity(t.deps, org.id, { visibility: 'closed', members: [{ userId: users.member.id }, { userId: users.facilitator.id, role: 'facilitator' }] });
    member = await sessionClient(t.deps, t.app, users.member.id);
    facilitator = await sessionClient(t.deps, t.app, users.facilitator.id);
    outsider = await sessionClient(t.deps, t.app, users.outsider.id);
    token = await createTestPersonalAccessToken(t.deps, users.member.id, 'read');
    await indexTestDocument(t.deps, { communityId: community.id, title: `Wat doen we met ${topic}?`, body: `Over ${topic}: <script>alert("x")</script> & een <img src=x onerror=alert(1)> in de tekst.`, tags: ['wmo'] });
  });
  after(() => t.close());

  it('shows the search box, linked from the navigation, and a hint before searching', async () => {
    const page = await member.get('/zoeken');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="get" action="\/zoeken" role="search"/);
    assert.match(page.body, /href="\/zoeken"/);
    assert.match(page.body, /Typ een of meer woorden/);
    assert.match(page.body, new RegExp(`<option value="${community.slug}"`), 'my community is a filter choice');
  });

  it('shows results with marked words, escaping everything that came from the post', async () => {
    const page = await member.get(`/zoeken?q=${topic}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /1 resultaat/);
    assert.match(page.body, new RegExp(`<mark>${topic}</mark>`));
    assert.ok(!page.body.includes('<script>alert'), 'no script from a post');
    assert.ok(!page.body.includes('<img'), 'no markup from a post');
    assert.match(page.body, /&lt;img src=x onerror=alert\(1\)/, 'markup in a post is shown as text');
    assert.match(page.body, new RegExp(`Vraag in ${community.name}`));
    assert.ok(!/[\u0002\u0003]/.test(page.body), 'no markers left');
  });

  it('says what to try when nothing is found, offers a correction, and keeps filters in links', async () => {
    const typo = topic.slice(0, -1);
    const page = await member.get(`/zoeken?q=${typo}&gemeenschap=${community.slug}&soort=vraag`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Niets gevonden voor/);
    assert.match(page.body, /Kijk of de woorden goed gespeld zijn/);
    assert.match(page.body, new RegExp(`Bedoelde je <a class="utrecht-link" href="/zoeken\\?q=${topic}&amp;gemeenschap=${community.slug}&amp;soort=vraag"><strong>${topic}</strong></a>\\?`));
  });

  it('answers the API with pieces of text, a capped count and no author', async () => {
    const response = await bearerRequest(t.app, token, 'GET', `/api/v1/search?q=${topic}&community=${community.slug}&kind=question&tag=wmo`);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ['hasNext', 'isTotalCapped', 'items', 'page', 'pageSize', 'suggestion', 'total']);
    assert.equal(body.total, 1);
    const item = body.items[0];
    assert.deepEqual(Object.keys(item).sort(), ['community', 'createdAt', 'id', 'kind', 'questionKind', 'snippet', 'tags', 'title', 'url']);
    assert.deepEqual(item.title.filter((s: { isMatch: boolean }) => s.isMatch).map((s: { text: string }) => s.text), [topic]);
    assert.equal(item.community.slug, community.slug);
    assert.equal(item.url, `/vragen/${item.id}`);
  });

  it('refuses bad API input with problem+json naming the field', async () => {
    for (const [query, field] of [['kind=koning', 'kind'], ['pageSize=51', 'pageSize'], ['from=2025-02-30', 'from'], [`q=${'x'.repeat(201)}`, 'q'], ['community=..%2Fx', 'community']]) {
      const response = await bearerRequest(t.app, token, 'GET', `/api/v1/search?${query}`);
      assert.equal(response.statusCode, 400, query);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.ok(response.json().invalidParams.some((p: { name: string }) => p.name === field), `${query}: ${response.body}`);
    }
  });

  it('is described in the OpenAPI document under the search tag', async () => {
    const doc = (await bearerRequest(t.app, token, 'GET', '/api/v1/openapi.json')).json();
    assert.deepEqual(doc.paths['/api/v1/search'].get.tags, ['search']);
    assert.deepEqual(doc.paths['/api/v1/communities/{id}/questions/similar'].get.tags, ['search']);
  });

  it('offers similar questions as JSON, through the session cookie too', async () => {
    const response = await member.get(`/api/v1/communities/${community.id}/questions/similar?title=${encodeURIComponent(`Wat doen we met ${topic}`)}`, { accept: 'application/json' });
    assert.equal(response.statusCode, 200);
    const items = response.json().items;
    assert.equal(items.length, 1);
    assert.equal(items[0].communityName, community.name);
    assert.match(items[0].url, /^\/vragen\/[0-9a-f-]{36}$/);
    const short = await member.get(`/api/v1/communities/${community.id}/questions/similar?title=ab`, { accept: 'application/json' });
    assert.deepEqual(short.json(), { items: [] });
  });

  it('counts searches without results for the facilitators, without who searched', async () => {
    const missing = word('ontbreekt');
    for (let i = 0; i < 3; i++) await member.get(`/zoeken?q=${missing}`);
    await member.get(`/zoeken?q=${missing}&soort=antwoord`); // narrowed by a filter: not counted
    const rows = await t.deps.db.selectFrom('search_misses').selectAll().where('community_id', '=', community.id).where('query', '=', missing).execute();
    assert.equal(rows.length, 1);
    assert.deepEqual(Object.keys(rows[0]!).sort(), ['community_id', 'count', 'day', 'query'], 'nothing that says who');
    assert.equal(rows[0]!.count, 3);
    const page = await facilitator.get(`/gemeenschappen/${community.slug}/zoekvragen`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<a class="utrecht-link" href="/zoeken\\?q=${missing}&amp;gemeenschap=${community.slug}">${missing}</a></th><td class="[^"]*">3</td>`));
    assert.equal((await member.get(`/gemeenschappen/${community.slug}/zoekvragen`)).statusCode, 403);
    assert.equal((await outsider.get(`/gemeenschappen/${community.slug}/zoekvragen`)).statusCode, 404);
  });

  it('counts and pages up to 1,000 results and then says "more than"', async () => {
    const common = word('algemeen');
    const other = await createTestCommunity(t.deps, (await createTestOrganisation(t.deps)).id, { visibility: 'open' });
    await t.deps.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 1005; i++) {
        await indexDocument(tx, { id: crypto.randomUUID(), kind: 'question', communityId: other.id, parentId: null, title: `Vraag ${i}`, body: `Over ${common}.`, tags: [], questionKind: 'what', createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000) });
      }
    });
    const first = await bearerRequest(t.app, token, 'GET', `/api/v1/search?q=${common}`);
    assert.equal(first.json().total, 1000);
    assert.equal(first.json().isTotalCapped, true);
    const last = (await bearerRequest(t.app, token, 'GET', `/api/v1/search?q=${common}&page=50`)).json();
    assert.equal(last.items.length, 20);
    assert.equal(last.hasNext, false);
    const beyond = (await bearerRequest(t.app, token, 'GET', `/api/v1/search?q=${common}&page=51`)).json();
    assert.deepEqual([beyond.items.length, beyond.total, beyond.isTotalCapped], [0, 1000, true]);
    const page = await member.get(`/zoeken?q=${common}`);
    assert.match(page.body, /Meer dan 1\.000 resultaten/);
    assert.match(page.body, /rel="next"/);
  });
});
