import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from '../../test/harness.ts';
import { composeForm, deliverDue, freshClock, promptIdFrom, promptsWorld, type TestApp } from './prompts.test-support.ts';

/** A member's say over prompts: mail off, a pause, no prompts from one community; the sender sees counts. */
describe('prompts: settings', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('mail off means no mail, a pause counts as snoozed, opting out counts as opted out', async () => {
    const clock = freshClock(t);
    const w = await promptsWorld(t);
    const [anna, bram, piet] = await Promise.all([w.client(w.anna.id), w.client(w.bram.id), w.client(w.piet.id)]);
    const page = await anna.get('/prikkels/instellingen');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(w.community.name));

    assert.equal((await anna.post('/prikkels/instellingen', { action: 'email', promptEmail: 'false' })).statusCode, 303);
    assert.match((await anna.get('/prikkels/instellingen')).body, /alleen in Leerkring/);
    assert.equal((await bram.post('/prikkels/instellingen', { action: 'snooze', period: '2w' })).statusCode, 303);
    assert.match((await bram.get('/prikkels/instellingen')).body, /gepauzeerd tot/);
    assert.equal((await piet.post('/prikkels/instellingen', { action: 'opt_out', communityId: w.community.id })).statusCode, 303);
    assert.match((await piet.get('/prikkels/instellingen')).body, /geen prikkels/);

    // Bad input: the form comes back with the problem, nothing changes.
    const noDate = await bram.post('/prikkels/instellingen', { action: 'snooze', period: 'date', until: '' });
    assert.equal(noDate.statusCode, 422);
    assert.match(noDate.body, /href="#field-until"/);
    assert.equal((await bram.post('/prikkels/instellingen', { action: 'snooze', period: 'forever' })).statusCode, 422);
    assert.equal((await bram.post('/prikkels/instellingen', { action: 'opt_out', communityId: 'geen-id' })).statusCode, 422);
    assert.equal((await bram.post('/prikkels/instellingen', { action: 'iets' })).statusCode, 422);
    const outsider = await w.client(w.outsider.id);
    assert.equal((await outsider.post('/prikkels/instellingen', { action: 'opt_out', communityId: w.community.id })).statusCode, 404, 'a closed community of others does not exist for them');

    const sender = await w.client(w.sender.id);
    const promptId = promptIdFrom((await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm())).headers.location);
    await deliverDue(t, clock.now());
    const deliveries = await t.deps.db.selectFrom('prompt_deliveries').select(['user_id', 'status', 'mail_wanted']).where('prompt_id', '=', promptId).execute();
    const byUser = new Map(deliveries.map((d) => [d.user_id, d]));
    assert.deepEqual([byUser.get(w.anna.id)?.status, byUser.get(w.anna.id)?.mail_wanted], ['delivered', false], 'in her inbox, and never mailed (the engine mails only wanted mail)');
    assert.equal(byUser.get(w.bram.id)?.status, 'snoozed');
    assert.equal(byUser.get(w.piet.id)?.status, 'opted_out');
    const results = await sender.get(`/prikkels/verzonden/${promptId}`);
    assert.match(results.body, /scope="row">[^<]*<\/th><td[^>]*>1<\/td><td[^>]*>0<\/td><td[^>]*>1<\/td><td[^>]*>1<\/td><td[^>]*>0<\/td>/, 'delivered 1, held 0, snoozed 1, opted out 1, responded 0');
    assert.ok(!results.body.includes(w.bram.name) && !results.body.includes(w.piet.name), 'counts, not names');

    // And back: the pause ends, mail on, prompts from the community again.
    assert.equal((await bram.post('/prikkels/instellingen', { action: 'unsnooze' })).statusCode, 303);
    assert.equal((await anna.post('/prikkels/instellingen', { action: 'email', promptEmail: 'true' })).statusCode, 303);
    assert.equal((await piet.post('/prikkels/instellingen', { action: 'opt_in', communityId: w.community.id })).statusCode, 303);
    const users = await t.deps.db.selectFrom('users').select(['id', 'prompt_email', 'prompts_snoozed_until']).where('id', 'in', [w.anna.id, w.bram.id]).execute();
    assert.deepEqual(users.map((u) => [u.prompt_email, u.prompts_snoozed_until]).sort(), [[true, null], [true, null]]);
    assert.equal((await t.deps.db.selectFrom('prompt_opt_outs').select('user_id').where('user_id', '=', w.piet.id).execute()).length, 0);

    const untilDate = new Date(clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    assert.equal((await bram.post('/prikkels/instellingen', { action: 'snooze', period: 'date', until: untilDate })).statusCode, 303);
    const snoozed = await t.deps.db.selectFrom('users').select('prompts_snoozed_until').where('id', '=', w.bram.id).executeTakeFirstOrThrow();
    assert.ok(snoozed.prompts_snoozed_until && snoozed.prompts_snoozed_until.toISOString().startsWith(untilDate), 'until the end of that day, Dutch time');
  });
});
