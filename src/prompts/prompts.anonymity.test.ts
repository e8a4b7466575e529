import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerRequest, createTestApp, createTestPersonalAccessToken, createTestUser } from '../../test/harness.ts';
import { promptAnswerPath } from './prompts.paths.ts';
import { composeForm, deliverDue, freshClock, occurrenceOf, promptIdFrom, promptsWorld, type TestApp } from './prompts.test-support.ts';

/**
 * Anonymous answers never reveal their author: not the name, the e-mail address or the user id,
 * in no page (markup and attributes included: raw bodies are searched), no API answer, nobody's
 * inbox, and no event. The texts do reach the sender, without anything that points to a person.
 */
describe('prompts: anonymous answers', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('shows counts, percentages and loose texts, and never who answered', async () => {
    const clock = freshClock(t);
    const w = await promptsWorld(t);
    // Anonymous prompts need an audience of at least five: three more members.
    const extras = [];
    for (const n of [1, 2, 3]) extras.push(await createTestUser(t.deps, w.org.id, { name: `Extra Lid ${n}` }));
    await t.deps.db.insertInto('community_members').values(extras.map((u) => ({ community_id: w.community.id, user_id: u.id, status: 'active', role: 'member' }))).execute();
    const sender = await w.client(w.sender.id);
    const compose = async (form: Record<string, string | string[]>) => promptIdFrom((await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, form)).headers.location);
    // Anonymous to one or a few people would not be anonymous: refused, with the form back.
    const narrow = await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm({ visibility: 'anonymous', jobTitle: 'beleid' }));
    assert.equal(narrow.statusCode, 422);
    assert.match(narrow.body, /minstens 5 mensen/);
    const pollId = await compose(composeForm({ visibility: 'anonymous' }));
    const textId = await compose(composeForm({ kind: 'reflection', responseMode: 'text', pollOptions: '', visibility: 'anonymous', text: 'Wat leerde je deze week?' }));
    await deliverDue(t, clock.now());
    const [pollOccurrence, textOccurrence] = [await occurrenceOf(t, pollId), await occurrenceOf(t, textId)];

    const anna = await w.client(w.anna.id);
    const piet = await w.client(w.piet.id);
    assert.match((await anna.get(promptAnswerPath(textOccurrence))).body, /Je antwoord is anoniem/);
    assert.ok(!(await anna.get(promptAnswerPath(textOccurrence))).body.includes('name="mayReuse"'), 'no reuse for anonymous answers');
    assert.equal((await anna.post(promptAnswerPath(pollOccurrence), { choice: '2', body: 'Ik bel eigenlijk nooit terug.' })).statusCode, 303);
    assert.equal((await anna.post(promptAnswerPath(textOccurrence), { body: 'Dat luisteren meer oplevert dan praten.', mayReuse: 'on' })).statusCode, 303);
    assert.equal((await piet.post(promptAnswerPath(pollOccurrence), { choice: '0' })).statusCode, 303);
    assert.equal((await piet.post(promptAnswerPath(textOccurrence), { body: 'Dat ik vaker moet doorvragen.' })).statusCode, 303);
    const reuse = await t.deps.db.selectFrom('prompt_responses').select('may_reuse').where('prompt_id', '=', textId).execute();
    assert.ok(reuse.every((r) => !r.may_reuse), 'consent to reuse is meaningless without a name: never stored');

    // Two answers of six: the split and the texts wait for five answers, so two cannot be told apart by who was asked.
    const early = JSON.parse((await bearerRequest(t.app, await createTestPersonalAccessToken(t.deps, w.sender.id, 'read'), 'GET', `/api/v1/prompts/${pollId}`)).body);
    assert.equal(early.anonymousWithheld, true);
    assert.equal(early.poll, null);
    assert.deepEqual(early.anonymousTexts, []);
    assert.match((await sender.get(`/prikkels/verzonden/${textId}`)).body, /Minder dan vijf mensen antwoordden/);
    for (const [index, extra] of extras.entries()) {
      const client = await w.client(extra.id);
      assert.equal((await client.post(promptAnswerPath(pollOccurrence), { choice: index === 2 ? '2' : '1' })).statusCode, 303);
      assert.equal((await client.post(promptAnswerPath(textOccurrence), { body: `Inzicht nummer ${index + 1}.` })).statusCode, 303);
    }

    const responded = t.deps.dispatched.filter((e) => e.name === 'prompt.responded' && (e.payload.promptId === pollId || e.payload.promptId === textId));
    assert.equal(responded.length, 10);
    assert.ok(responded.every((e) => !('actorId' in e.payload)), 'the event does not say who');

    const senderToken = await createTestPersonalAccessToken(t.deps, w.sender.id, 'read');
    const bramToken = await createTestPersonalAccessToken(t.deps, w.bram.id, 'read');
    const bram = await w.client(w.bram.id);
    const seen: [string, string][] = [];
    const look = async (label: string, response: { statusCode: number; body: string }, status = 200) => {
      assert.equal(response.statusCode, status, label);
      seen.push([label, response.body]);
      return response.body;
    };
    const pollPage = await look('poll results page', await sender.get(`/prikkels/verzonden/${pollId}`));
    const textPage = await look('text results page', await sender.get(`/prikkels/verzonden/${textId}`));
    const pollJson = JSON.parse(await look('poll results API', await bearerRequest(t.app, senderToken, 'GET', `/api/v1/prompts/${pollId}`)));
    const textJson = JSON.parse(await look('text results API', await bearerRequest(t.app, senderToken, 'GET', `/api/v1/prompts/${textId}`)));
    await look('community list', await sender.get(`/gemeenschappen/${w.community.slug}/prikkels`));
    await look('community list API', await bearerRequest(t.app, senderToken, 'GET', `/api/v1/communities/${w.community.id}/prompts`));
    await look('another member’s inbox', await bram.get('/prikkels'));
    await look('another member’s inbox API', await bearerRequest(t.app, bramToken, 'GET', '/api/v1/prompt-inbox'));
    await look('another member’s prompt', await bram.get(promptAnswerPath(textOccurrence)));
    await look('another member’s prompt API', await bearerRequest(t.app, bramToken, 'GET', `/api/v1/prompt-deliveries/${pollOccurrence}`));
    await look('another member’s home page', await bram.get('/'));

    for (const [label, body] of seen) {
      for (const who of [w.anna, w.piet, ...extras]) {
        for (const trace of [who.name, who.email, who.id]) assert.ok(!body.includes(trace), `${label} shows ${trace}`);
      }
    }

    // The aggregates and the texts are there, for the sender.
    assert.equal(pollJson.anonymousWithheld, false);
    assert.deepEqual(pollJson.poll.map((b: { count: number; percentage: number }) => [b.count, b.percentage]), [[1, 20], [2, 40], [2, 40]]);
    assert.equal(pollJson.responseRate, 83, '5 of the 6 members answered');
    assert.deepEqual(pollJson.responses, []);
    assert.deepEqual(pollJson.anonymousTexts, ['Ik bel eigenlijk nooit terug.']);
    assert.deepEqual([...textJson.anonymousTexts].sort(), ['Dat ik vaker moet doorvragen.', 'Dat luisteren meer oplevert dan praten.', 'Inzicht nummer 1.', 'Inzicht nummer 2.', 'Inzicht nummer 3.']);
    assert.match(pollPage, /scope="row">Zelden<\/th><td[^>]*>2<\/td><td[^>]*>40%<\/td>/);
    assert.ok(textPage.includes('Dat luisteren meer oplevert dan praten.'));
    assert.ok(!textPage.includes('Maak er een'), 'no reuse buttons for anonymous answers');
  });
});
