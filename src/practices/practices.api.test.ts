import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser } from '../../test/harness.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** /api/v1 for practice stories, as a script uses it: bearer tokens, JSON, problem+json errors. */
describe('practice stories: the API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  async function world() {
    const org = await createTestOrganisation(t.deps);
    const elsewhere = await createTestOrganisation(t.deps);
    const [author, member, facilitator, outsider] = await Promise.all([createTestUser(t.deps, org.id), createTestUser(t.deps, org.id), createTestUser(t.deps, org.id), createTestUser(t.deps, elsewhere.id)]);
    const community = await createTestCommunity(t.deps, org.id, { visibility: 'closed', members: [{ userId: author.id }, { userId: member.id }, { userId: facilitator.id, role: 'facilitator' }] });
    const target = await createTestCommunity(t.deps, org.id, { visibility: 'open', members: [{ userId: author.id }] });
    const as = async (userId: string, scope: 'read' | 'read_write' = 'read_write') => {
      const token = await createTestPersonalAccessToken(t.deps, userId, scope);
      return (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) => bearerRequest(t.app, token, method, url, body);
    };
    return { community, target, author: await as(author.id), member: await as(member.id), facilitator: await as(facilitator.id), outsider: await as(outsider.id), reader: await as(member.id, 'read') };
  }

  const story = { title: 'Een tolk via beeldbellen', situation: 'Een gezin sprak geen Nederlands.', action: 'We belden een tolk in via beeld.', tags: ['Tolk', 'wmo'] };

  it('creates, reads, lists, edits, reacts, comments, reports, shares, hides and deletes', async () => {
    const w = await world();
    const created = await w.author('POST', `/api/v1/communities/${w.community.id}/practices`, story);
    assert.equal(created.statusCode, 201, created.body);
    const practice = created.json();
    assert.equal(practice.title, story.title);
    assert.deepEqual(practice.tags, ['tolk', 'wmo']);
    assert.equal(practice.community.id, w.community.id);
    const id = practice.id as string;

    const list = await w.member('GET', `/api/v1/communities/${w.community.id}/practices?sort=tried&pageSize=5`);
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((p: { id: string }) => p.id), [id]);
    assert.equal((await w.member('GET', `/api/v1/communities/${w.community.id}/practices?tag=tolk`)).json().items.length, 1);
    assert.equal((await w.member('GET', `/api/v1/communities/${w.community.id}/practices?tag=anders`)).json().items.length, 0);

    const patched = await w.author('PATCH', `/api/v1/practices/${id}`, { title: 'Een tolk via beeldbellen, tweede versie' });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().title, 'Een tolk via beeldbellen, tweede versie');
    assert.ok(patched.json().editedAt);
    assert.equal((await w.member('PATCH', `/api/v1/practices/${id}`, { title: 'Niet van mij maar toch' })).statusCode, 403);

    assert.equal((await w.member('PUT', `/api/v1/practices/${id}/reactions/recognise`)).statusCode, 204);
    assert.equal((await w.member('PUT', `/api/v1/practices/${id}/reactions/will_try`)).statusCode, 204);
    assert.equal((await w.member('PUT', `/api/v1/practices/${id}/reactions/recognise`)).statusCode, 204, 'idempotent');
    let seen = (await w.member('GET', `/api/v1/practices/${id}`)).json();
    assert.deepEqual([seen.recognisedCount, seen.willTryCount, [...seen.myReactions].sort()], [1, 1, ['recognise', 'will_try']]);
    assert.equal((await w.member('DELETE', `/api/v1/practices/${id}/reactions/will_try`)).statusCode, 204);
    assert.equal((await w.member('GET', `/api/v1/practices/${id}`)).json().willTryCount, 0);
    const own = await w.author('PUT', `/api/v1/practices/${id}/reactions/recognise`);
    assert.equal(own.statusCode, 422);
    assert.deepEqual(own.json().invalidParams.map((p: { name: string }) => p.name), ['kind']);

    const comment = await w.member('POST', `/api/v1/practices/${id}/comments`, { kind: 'comment', body: 'Heel herkenbaar.' });
    assert.equal(comment.statusCode, 201);
    const alternative = await w.member('POST', `/api/v1/practices/${id}/comments`, { kind: 'alternative', body: 'Of een tolk aan tafel.' });
    assert.equal(alternative.statusCode, 201);
    const first = await w.member('POST', `/api/v1/practices/${id}/tries`, { team: 'Wijkteam Oost', result: 'worked', adapted: 'Niets.', howItWent: 'Prima.' });
    assert.equal(first.statusCode, 201);
    const second = await w.facilitator('POST', `/api/v1/practices/${id}/tries`, { parentId: first.json().id, team: 'Wijkteam West', result: 'not_yet', adapted: 'Via telefoon.', howItWent: 'Lastig.' });
    assert.equal(second.statusCode, 201);
    seen = (await w.author('GET', `/api/v1/practices/${id}`)).json();
    assert.deepEqual(seen.comments.map((c: { id: string; kind: string }) => [c.id, c.kind]), [[comment.json().id, 'comment'], [alternative.json().id, 'alternative']]);
    assert.deepEqual(seen.tries.map((r: { id: string; parentId: string | null }) => [r.id, r.parentId]), [[first.json().id, null], [second.json().id, first.json().id]]);
    assert.equal(seen.triedCount, 2);
    assert.deepEqual(seen.trailSummary, { reports: 2, teams: 2, organisations: 1 });

    // Remarks and reports: hidden by the facilitator, removed by their author.
    assert.equal((await w.facilitator('PUT', `/api/v1/practice-comments/${comment.json().id}/hidden`, { reason: 'Even niet zichtbaar.' })).statusCode, 204);
    assert.equal((await w.author('GET', `/api/v1/practices/${id}`)).json().comments.length, 1);
    assert.equal((await w.facilitator('DELETE', `/api/v1/practice-comments/${comment.json().id}/hidden`)).statusCode, 204);
    assert.equal((await w.author('GET', `/api/v1/practices/${id}`)).json().comments.length, 2);
    assert.equal((await w.author('DELETE', `/api/v1/practice-comments/${alternative.json().id}`)).statusCode, 403, 'only its author removes a remark');
    assert.equal((await w.member('DELETE', `/api/v1/practice-comments/${alternative.json().id}`)).statusCode, 204);
    assert.equal((await w.facilitator('PUT', `/api/v1/practice-tries/${first.json().id}/hidden`, { reason: 'Bevat een naam.' })).statusCode, 204);
    assert.equal((await w.author('GET', `/api/v1/practices/${id}`)).json().tries.length, 1);
    assert.equal((await w.facilitator('DELETE', `/api/v1/practice-tries/${first.json().id}/hidden`)).statusCode, 204);
    assert.equal((await w.facilitator('DELETE', `/api/v1/practice-tries/${second.json().id}`)).statusCode, 204);
    seen = (await w.author('GET', `/api/v1/practices/${id}`)).json();
    assert.deepEqual([seen.tries.length, seen.triedCount, seen.comments.length], [1, 1, 1]);

    const shared = await w.author('POST', `/api/v1/practices/${id}/shares`, { communityId: w.target.id });
    assert.equal(shared.statusCode, 204);
    assert.deepEqual((await w.author('GET', `/api/v1/practices/${id}`)).json().sharedIn.map((c: { id: string }) => c.id), [w.target.id]);
    assert.deepEqual((await w.outsider('GET', `/api/v1/communities/${w.target.id}/practices`)).json().items.map((p: { id: string }) => p.id), [id], 'readable through the open community');

    assert.equal((await w.member('PUT', `/api/v1/practices/${id}/hidden`, { reason: 'Ik wil dit weg.' })).statusCode, 403);
    assert.equal((await w.facilitator('PUT', `/api/v1/practices/${id}/hidden`, { reason: 'Bevat namen van cliënten.' })).statusCode, 204);
    assert.equal((await w.member('GET', `/api/v1/practices/${id}`)).statusCode, 404);
    const hidden = await w.author('GET', `/api/v1/practices/${id}`);
    assert.deepEqual(hidden.json().hidden, { reason: 'Bevat namen van cliënten.' });
    assert.equal((await w.facilitator('DELETE', `/api/v1/practices/${id}/hidden`)).statusCode, 204);
    assert.equal((await w.member('GET', `/api/v1/practices/${id}`)).statusCode, 200);

    assert.equal((await w.member('DELETE', `/api/v1/practices/${id}`)).statusCode, 403);
    assert.equal((await w.author('DELETE', `/api/v1/practices/${id}`)).statusCode, 204);
    for (const as of [w.author, w.member, w.outsider]) assert.equal((await as('GET', `/api/v1/practices/${id}`)).statusCode, 404);
  });

  it('answers 404 for what may not be seen, 401 without a token, 403 to a read-only token and problem+json with invalidParams for bad input', async () => {
    const w = await world();
    const { id } = (await w.author('POST', `/api/v1/communities/${w.community.id}/practices`, story)).json();
    for (const [method, url, body] of [
      ['GET', `/api/v1/practices/${id}`],
      ['GET', `/api/v1/communities/${w.community.id}/practices`],
      ['POST', `/api/v1/communities/${w.community.id}/practices`, story],
      ['PATCH', `/api/v1/practices/${id}`, { title: 'Een andere titel hier' }],
      ['PUT', `/api/v1/practices/${id}/reactions/recognise`],
      ['POST', `/api/v1/practices/${id}/comments`, { kind: 'comment', body: 'Hallo daar.' }],
      ['POST', `/api/v1/practices/${id}/tries`, { team: 'Team X', result: 'worked', adapted: 'Niets.', howItWent: 'Goed.' }],
      ['DELETE', `/api/v1/practices/${id}`],
      ['GET', `/api/v1/practices/${randomUUID()}`],
    ] as const) {
      const response = await w.outsider(method, url, body);
      assert.equal(response.statusCode, 404, `${method} ${url}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.ok(!response.body.includes(story.title));
    }
    for (const [method, url] of [['GET', `/api/v1/practices/${id}`], ['GET', `/api/v1/communities/${w.community.id}/practices`], ['POST', `/api/v1/communities/${w.community.id}/practices`], ['DELETE', `/api/v1/practices/${id}`]] as const) {
      const response = await bearerRequest(t.app, undefined, method, url, method === 'POST' ? story : undefined);
      assert.equal(response.statusCode, 401, `${method} ${url}`);
      assert.ok(!response.body.includes(story.title));
    }
    assert.equal((await w.reader('POST', `/api/v1/practices/${id}/comments`, { kind: 'comment', body: 'Met een leestoken.' })).statusCode, 403);
    assert.equal((await w.reader('GET', `/api/v1/practices/${id}`)).statusCode, 200);

    const invalid = async (as: typeof w.author, method: 'POST' | 'PATCH' | 'PUT', url: string, body: unknown, names: string[]) => {
      const response = await as(method, url, body);
      assert.equal(response.statusCode, 422, `${method} ${url}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      const params = response.json().invalidParams as { name: string; reason: string }[];
      for (const name of names) assert.ok(params.some((p) => p.name === name), `${url}: ${name} in ${JSON.stringify(params)}`);
    };
    await invalid(w.author, 'POST', `/api/v1/communities/${w.community.id}/practices`, { title: 'Kort', situation: '', action: 'x'.repeat(10_001) }, ['title', 'situation', 'action']);
    await invalid(w.author, 'POST', `/api/v1/communities/${w.community.id}/practices`, { ...story, learningQuestionId: 'geen-uuid', tags: Array.from({ length: 9 }, (_, i) => `tag${i}`) }, ['learningQuestionId', 'tags']);
    await invalid(w.author, 'POST', `/api/v1/communities/${w.community.id}/practices`, { ...story, learningQuestionId: randomUUID() }, ['learningQuestionId']);
    await invalid(w.author, 'PATCH', `/api/v1/practices/${id}`, { title: 'Titel met \u0000 erin' }, ['title']);
    await invalid(w.member, 'POST', `/api/v1/practices/${id}/comments`, { kind: 'lof', body: '' }, ['kind', 'body']);
    await invalid(w.member, 'POST', `/api/v1/practices/${id}/tries`, { team: '', result: 'misschien', adapted: 'a', howItWent: 'b', parentId: 'nee' }, ['team', 'result', 'parentId']);
    await invalid(w.author, 'POST', `/api/v1/practices/${id}/shares`, { communityId: 'nergens' }, ['communityId']);
    await invalid(w.author, 'POST', `/api/v1/practices/${id}/shares`, { communityId: w.community.id }, ['communityId']);
    await invalid(w.facilitator, 'PUT', `/api/v1/practices/${id}/hidden`, { reason: 'kort' }, ['reason']);
    const badKind = await w.member('PUT', `/api/v1/practices/${id}/reactions/boos`);
    // A bad path or query is a 400 (the error handler keeps 422 for bodies), still with invalidParams.
    assert.equal(badKind.statusCode, 400, `an unknown reaction: ${badKind.body}`);
    assert.ok(badKind.json().invalidParams.some((p: { name: string }) => p.name === 'kind'), badKind.body);
    const badId = await w.member('GET', '/api/v1/practices/geen-uuid');
    assert.equal(badId.statusCode, 400, `a malformed id: ${badId.body}`);
    assert.equal((await w.member('GET', `/api/v1/communities/${w.community.id}/practices?pageSize=1000`)).statusCode, 400);
  });
});
