import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
  actorOf,
  bearerRequest,
  createTestApp,
  createTestCommunity,
  createTestOrganisation,
  createTestPersonalAccessToken,
  createTestUser,
  sessionClient,
} from '../../test/harness.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { isAppError } from '../platform/errors.ts';
import { indexTestAnswer, indexTestDocument, searchFilter } from './search.test-support.ts';
import { findSimilarQuestions, searchContent } from './search.usecases.ts';

/** Letters only, so a canary is one word for the stemmer and for "did you mean". */
const word = (prefix: string) => `${prefix}${Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

/**
 * Canaries planted in the title, body, tags and an answer of a closed and a secret community never
 * reach someone who may not see that community: not in results, snippets, counts, suggestions,
 * similar questions or the API. Members (and, for the closed one, the owning and partner
 * organisations) do find them.
 */
describe('search: visibility of closed and secret communities', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const run = word('gedeeld');
  const canary = { closed: { title: word('besloten'), body: word('kanarie'), tag: word('tag'), answer: word('antwoord') }, secret: { title: word('geheim'), body: word('kanarie'), tag: word('tag'), answer: word('antwoord') } };
  const allCanaries = [...Object.values(canary.closed), ...Object.values(canary.secret)];
  const actors = {} as Record<'outsider' | 'partner' | 'colleague' | 'member', Actor>;
  const tokens = {} as Record<keyof typeof actors, string>;
  const communities = {} as Record<'open' | 'closed' | 'secret', { id: string; slug: string; name: string }>;

  before(async () => {
    t = await createTestApp();
    const { deps } = t;
    const owner = await createTestOrganisation(deps);
    const partnerOrg = await createTestOrganisation(deps, { kind: 'partner' });
    const otherOrg = await createTestOrganisation(deps);
    const users = {
      outsider: await createTestUser(deps, otherOrg.id),
      partner: await createTestUser(deps, partnerOrg.id),
      colleague: await createTestUser(deps, owner.id),
      member: await createTestUser(deps, owner.id),
    };
    for (const [name, user] of Object.entries(users) as [keyof typeof actors, (typeof users)['member']][]) {
      actors[name] = actorOf(user);
      tokens[name] = await createTestPersonalAccessToken(deps, user.id, 'read');
    }
    const members = [{ userId: users.member.id }];
    communities.open = await createTestCommunity(deps, owner.id, { visibility: 'open', name: `Open ${run}` });
    communities.closed = await createTestCommunity(deps, owner.id, { visibility: 'closed', partners: [partnerOrg.id], members, name: `Besloten ${run}` });
    communities.secret = await createTestCommunity(deps, owner.id, { visibility: 'secret', members, name: `Geheim ${run}` });
    await indexTestDocument(deps, { communityId: communities.open.id, title: `Open vraag over ${run}`, body: `Iedereen mag dit lezen: ${run}.` });
    for (const vis of ['closed', 'secret'] as const) {
      const c = canary[vis];
      const question = await indexTestDocument(deps, { communityId: communities[vis].id, title: `Vraag ${c.title} over ${run}`, body: `Tekst met ${c.body} en ${run}.`, tags: [c.tag] });
      await indexTestAnswer(deps, question, `Antwoord met ${c.answer} over ${run}.`);
    }
  });
  after(() => t.close());

  const sees = { outsider: [], partner: ['closed'], colleague: ['closed'], member: ['closed', 'secret'] } as const;
  const expectedCount = (name: keyof typeof sees) => 1 + 2 * sees[name].length;

  for (const name of ['outsider', 'partner', 'colleague', 'member'] as const) {
    it(`${name}: results, counts and snippets hold exactly what they may see`, async () => {
      const shared = await searchContent(t.deps, actors[name], searchFilter(run));
      assert.equal(shared.total, expectedCount(name));
      const text = JSON.stringify(shared);
      for (const vis of ['closed', 'secret'] as const) {
        const visible = (sees[name] as readonly string[]).includes(vis);
        for (const value of Object.values(canary[vis])) {
          assert.equal(text.includes(value), visible, `${value} (${vis}) in the results of ${name}`);
          const direct = await searchContent(t.deps, actors[name], searchFilter(value));
          assert.equal(direct.total > 0, visible, `searching ${value} (${vis}) as ${name}`);
          if (!visible) assert.ok(!JSON.stringify(direct).includes(value), `nothing of ${value} comes back to ${name}`);
        }
      }
    });
  }

  it('never suggests a word from a title the searcher may not see', async () => {
    const typo = canary.secret.title.slice(0, -1);
    for (const name of ['outsider', 'partner', 'colleague'] as const) {
      const outcome = await searchContent(t.deps, actors[name], searchFilter(typo));
      assert.equal(outcome.total, 0);
      assert.ok(!String(outcome.suggestion).includes(canary.secret.title), `${name} got ${outcome.suggestion}`);
    }
    const member = await searchContent(t.deps, actors.member, searchFilter(typo));
    assert.equal(member.suggestion, canary.secret.title, 'a member is helped with the word');
  });

  it('never offers a question the asker may not see as a similar question, and refuses an invisible community', async () => {
    const title = `Vraag ${canary.secret.title} over ${run}`;
    const outsider = await findSimilarQuestions(t.deps, actors.outsider, { communityId: communities.open.id, title });
    assert.ok(outsider.every((q) => !q.title.includes(canary.secret.title)), JSON.stringify(outsider));
    const member = await findSimilarQuestions(t.deps, actors.member, { communityId: communities.open.id, title });
    assert.ok(member.some((q) => q.title.includes(canary.secret.title)), JSON.stringify(member));
    assert.equal(member.find((q) => q.title.includes(canary.secret.title))?.communityName, communities.secret.name);
    await assert.rejects(findSimilarQuestions(t.deps, actors.outsider, { communityId: communities.secret.id, title }), (error) => isAppError(error) && error.status === 404);
  });

  it('keeps them out of the JSON API, bearer or session, and out of the search page', async () => {
    for (const vis of ['closed', 'secret'] as const) {
      const q = encodeURIComponent(canary[vis].body);
      const outsider = await bearerRequest(t.app, tokens.outsider, 'GET', `/api/v1/search?q=${q}`);
      assert.equal(outsider.statusCode, 200);
      assert.equal(outsider.json().total, 0);
      const member = await bearerRequest(t.app, tokens.member, 'GET', `/api/v1/search?q=${q}`);
      assert.equal(member.json().total, 1);
      assert.ok(member.body.includes(canary[vis].body));
      const similar = await bearerRequest(t.app, tokens.outsider, 'GET', `/api/v1/communities/${communities.open.id}/questions/similar?title=${encodeURIComponent(`Vraag ${canary[vis].title}`)}`);
      assert.equal(similar.statusCode, 200);
      assert.ok(!similar.body.includes(canary[vis].title));
    }
    const wide = await bearerRequest(t.app, tokens.outsider, 'GET', `/api/v1/search?q=${run}&pageSize=50`);
    assert.equal(wide.json().total, 1);
    for (const value of allCanaries) assert.ok(!wide.body.includes(value), value);
    const page = await (await sessionClient(t.deps, t.app, actors.outsider.userId)).get(`/zoeken?q=${run}`);
    assert.equal(page.statusCode, 200);
    for (const value of [...allCanaries, communities.closed.name, communities.secret.name]) assert.ok(!page.body.includes(value), value);
    const hidden = await bearerRequest(t.app, tokens.outsider, 'GET', `/api/v1/communities/${communities.secret.id}/questions/similar?title=vraag`);
    assert.equal(hidden.statusCode, 404);
  });

  it('a community filter naming a community the searcher may not see finds nothing and counts nothing there', async () => {
    const nothing = word('nergens');
    const outcome = await searchContent(t.deps, actors.outsider, searchFilter(canary.secret.body, { communitySlug: communities.secret.slug }));
    assert.equal(outcome.total, 0);
    await searchContent(t.deps, actors.outsider, searchFilter(nothing, { communitySlug: communities.secret.slug }));
    const misses = () => t.deps.db.selectFrom('search_misses').select(['community_id', 'count']).where('query', '=', nothing).execute();
    assert.deepEqual(await misses(), []);
    await searchContent(t.deps, actors.member, searchFilter(nothing, { communitySlug: communities.secret.slug }));
    assert.deepEqual(await misses(), [{ community_id: communities.secret.id, count: 1 }], 'a member\'s miss does count');
  });
});
