import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerRequest, createTestApp, createTestPersonalAccessToken } from '../../test/harness.ts';
import { deliverDue, freshClock, promptsWorld, type TestApp } from './prompts.test-support.ts';

/** /api/v1 for prompts, as a script uses it: bearer tokens, JSON, problem+json errors. */
describe('prompts: the API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  async function api(userId: string) {
    const token = await createTestPersonalAccessToken(t.deps, userId);
    return (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => bearerRequest(t.app, token, method, url, body);
  }

  const prompt = { kind: 'try_this_week', text: 'Vraag deze week één cliënt wat hij echt nodig heeft.', responseMode: 'done', visibility: 'community', scheduleKind: 'now', windowAmount: 3, windowUnit: 'days', reminderAfterHours: 24, jobTitle: 'wijkcoach' };

  it('composes, counts, lists, delivers, answers, shows results and cancels', async () => {
    const clock = freshClock(t);
    const w = await promptsWorld(t);
    const [sender, anna, bram, outsider] = await Promise.all([api(w.sender.id), api(w.anna.id), api(w.bram.id), api(w.outsider.id)]);
    const base = `/api/v1/communities/${w.community.id}/prompts`;

    const count = await sender('POST', `${base}/audience-count`, { organisationIds: [w.partner.id] });
    assert.equal(count.statusCode, 200, count.body);
    // One person: the number is not shown (it would say who), only that it is fewer than five.
    assert.deepEqual(count.json(), { count: null, isFewerThanMinimum: true });
    assert.equal((await anna('POST', `${base}/audience-count`, {})).statusCode, 403);
    assert.equal((await outsider('POST', `${base}/audience-count`, {})).statusCode, 404);

    const bad = await sender('POST', base, { ...prompt, kind: 'poll', responseMode: 'text', windowAmount: 31, reminderAfterHours: 800, text: '' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.headers['content-type'] as string, /application\/problem\+json/);
    const badNames = bad.json().invalidParams.map((p: { name: string }) => p.name).sort();
    assert.ok(badNames.includes('text') && badNames.includes('reminderAfterHours'), badNames.join());
    const crossField = await sender('POST', base, { ...prompt, kind: 'poll', windowAmount: 31, reminderAfterHours: 100 });
    assert.equal(crossField.statusCode, 422);
    assert.deepEqual(crossField.json().invalidParams.map((p: { name: string }) => p.name).sort(), ['responseMode', 'windowAmount']);
    const lateReminder = await sender('POST', base, { ...prompt, windowAmount: 1, windowUnit: 'days', reminderAfterHours: 30, organisationIds: [w.outsider.organisation_id] });
    assert.deepEqual(lateReminder.json().invalidParams.map((p: { name: string }) => p.name).sort(), ['organisationIds', 'reminderAfterHours']);
    assert.equal((await anna('POST', base, prompt)).statusCode, 403);

    const created = await sender('POST', base, prompt);
    assert.equal(created.statusCode, 201, created.body);
    const sent = created.json();
    assert.equal(sent.responseWindowHours, 72);
    assert.equal(sent.occurrences.length, 1);
    const list = await sender('GET', `${base}?pageSize=5`);
    assert.deepEqual(list.json().items.map((p: { id: string; status: string }) => [p.id, p.status]), [[sent.id, 'scheduled']]);

    await deliverDue(t, clock.now());
    const inbox = (await anna('GET', '/api/v1/prompt-inbox')).json();
    assert.equal(inbox.items.length, 1);
    const occurrenceId = inbox.items[0].occurrenceId as string;
    assert.deepEqual([inbox.items[0].isOpen, inbox.items[0].hasResponded], [true, false]);
    const delivery = (await anna('GET', `/api/v1/prompt-deliveries/${occurrenceId}`)).json();
    assert.equal(delivery.delivery.isOpen, true);
    assert.equal(delivery.myResponse, null);

    const answered = await anna('PUT', `/api/v1/prompt-deliveries/${occurrenceId}/response`, { body: 'Gedaan: hij wilde vooral rust.', mayReuse: true });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal(answered.json().myResponse.body, 'Gedaan: hij wilde vooral rust.');
    assert.equal((await anna('PUT', `/api/v1/prompt-deliveries/${occurrenceId}/response`, { body: 'x'.repeat(5001) })).statusCode, 422);

    // Answers for the whole community: Bram (not a wijkcoach, so not asked) reads them; an outsider does not.
    const asMember = (await bram('GET', `/api/v1/prompt-deliveries/${occurrenceId}`)).json();
    assert.equal(asMember.delivery, null);
    assert.deepEqual(asMember.communityAnswers.map((a: { name: string }) => a.name), [w.anna.name]);
    assert.equal((await bram('PUT', `/api/v1/prompt-deliveries/${occurrenceId}/response`, { body: 'Ik ook' })).statusCode, 404);
    assert.equal((await outsider('GET', `/api/v1/prompt-deliveries/${occurrenceId}`)).statusCode, 404);

    const results = (await sender('GET', `/api/v1/prompts/${sent.id}`)).json();
    assert.deepEqual(results.totals, { delivered: 2, held: 0, snoozed: 0, optedOut: 0, responded: 1 });
    assert.equal(results.responseRate, 50);
    assert.deepEqual(results.responses.map((r: { respondent: { userId: string }; mayReuse: boolean }) => [r.respondent.userId, r.mayReuse]), [[w.anna.id, true]]);
    assert.equal((await anna('GET', `/api/v1/prompts/${sent.id}`)).statusCode, 403);
    assert.equal((await outsider('GET', `/api/v1/prompts/${sent.id}`)).statusCode, 404);

    const cancelled = await sender('POST', `/api/v1/prompts/${sent.id}/cancel`);
    assert.equal(cancelled.statusCode, 200);
    assert.ok(cancelled.json().cancelledAt);
    assert.equal((await sender('GET', base)).json().items[0].status, 'cancelled');
  });

  it('reads and changes settings and opt-outs', async () => {
    const clock = freshClock(t);
    const w = await promptsWorld(t);
    const [anna, outsider] = await Promise.all([api(w.anna.id), api(w.outsider.id)]);
    const initial = (await anna('GET', '/api/v1/prompt-settings')).json();
    assert.deepEqual([initial.promptEmail, initial.snoozedUntil], [true, null]);
    assert.deepEqual(initial.communities.map((c: { communityId: string; isOptedOut: boolean }) => [c.communityId, c.isOptedOut]), [[w.community.id, false]]);
    const until = new Date(clock.now().getTime() + 7 * 86_400_000).toISOString();
    const changed = await anna('PUT', '/api/v1/prompt-settings', { promptEmail: false, snoozedUntil: until });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual([changed.json().promptEmail, changed.json().snoozedUntil], [false, until]);
    assert.equal((await anna('PUT', '/api/v1/prompt-settings', { snoozedUntil: '2000-01-01T00:00:00.000Z' })).statusCode, 422, 'a pause in the past');
    assert.equal((await anna('PUT', `/api/v1/communities/${w.community.id}/prompt-opt-out`)).statusCode, 204);
    assert.equal((await anna('GET', '/api/v1/prompt-settings')).json().communities[0].isOptedOut, true);
    assert.equal((await anna('DELETE', `/api/v1/communities/${w.community.id}/prompt-opt-out`)).statusCode, 204);
    assert.equal((await anna('GET', '/api/v1/prompt-settings')).json().communities[0].isOptedOut, false);
    assert.equal((await outsider('PUT', `/api/v1/communities/${w.community.id}/prompt-opt-out`)).statusCode, 404);
    assert.equal((await bearerRequest(t.app, undefined, 'GET', '/api/v1/prompt-settings')).statusCode, 401);
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of ['/api/v1/communities/{id}/prompts', '/api/v1/communities/{id}/prompts/audience-count', '/api/v1/prompts/{id}', '/api/v1/prompts/{id}/cancel', '/api/v1/prompt-inbox', '/api/v1/prompt-deliveries/{id}', '/api/v1/prompt-deliveries/{id}/response', '/api/v1/prompt-settings', '/api/v1/communities/{id}/prompt-opt-out', '/api/v1/organisations/{id}/prompt-budget']) {
      assert.ok(spec.paths[path], path);
    }
    assert.ok(spec.paths['/api/v1/prompts/{id}'].get.responses['200'].content['application/json'].schema.properties.anonymousTexts);
  });
});
