import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientWithOwnAddress, createTestApp, createTestUser, linkIn, TEST_PASSWORD } from '../../test/harness.ts';
import { promptEmail } from './prompts.emails.tsx';
import { promptAnswerPath } from './prompts.paths.ts';
import { composeForm, countPrompts, deliverDue, freshClock, occurrenceOf, promptIdFrom, promptsWorld, type TestApp } from './prompts.test-support.ts';


/**
 * Prompts through the pages, without JavaScript: compose (with the audience count), deliver,
 * answer and edit until the window closes, the sender's results, cancelling and the mail link.

 * (Clocks and the shared database: prompts.test-support.ts.)
 */
describe('prompts: pages and form posts', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const world = () => promptsWorld(t);

  it('composes with a count first, refuses bad input with field errors, delivers to exactly that count, and shows the results', async () => {
    const clock = freshClock(t);
    const w = await world();
    const sender = await w.client(w.sender.id);
    const form = await sender.get(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Hoeveel mensen bereik ik\?/);

    // The count before sending: wijkcoaches (Anna and Piet, from the partner), never names.
    const preview = await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm({ jobTitle: 'wijkcoach', preview: '1' }));
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /bereikt nu minder dan 5 mensen/, 'two wijkcoaches: fewer than five, never the exact number');
    assert.doesNotMatch(preview.body, /bereikt nu 2 /);
    assert.ok(!preview.body.includes('Anna Antwoord') && !preview.body.includes('Piet Partner'), 'a count, not names');
    assert.match(preview.body, /value="wijkcoach"/, 'the form comes back with what was typed');

    const bad = await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm({ text: '', responseMode: 'text', pollOptions: 'Alleen één', reminderAfterHours: '48', scheduleKind: 'once', date: '2000-01-01', time: '09:00' }));
    assert.equal(bad.statusCode, 422);
    for (const field of ['text']) assert.match(bad.body, new RegExp(`href="#field-${field}"`));
    const semantic = await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm({ responseMode: 'text', reminderAfterHours: '48', scheduleKind: 'once', date: '2000-01-01', time: '09:00', organisationIds: w.outsider.organisation_id }));
    assert.equal(semantic.statusCode, 422);
    for (const field of ['responseMode', 'reminderAfterHours', 'date', 'organisationIds']) assert.match(semantic.body, new RegExp(`href="#field-${field}"`), field);
    const fewOptions = await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm({ pollOptions: 'Alleen één' }));
    assert.equal(fewOptions.statusCode, 422);
    assert.match(fewOptions.body, /href="#field-pollOptions"/);
    assert.equal(await countPrompts(t, w.community.id), 0, 'nothing stored');

    const sent = await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm({ jobTitle: 'wijkcoach' }));
    assert.equal(sent.statusCode, 303, sent.body);
    const promptId = promptIdFrom(sent.headers.location as string);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'prompt.scheduled' && e.payload.promptId === promptId && e.payload.occurrences === 1));

    await deliverDue(t, clock.now());
    const deliveries = await t.deps.db.selectFrom('prompt_deliveries').select(['user_id', 'status']).where('prompt_id', '=', promptId).execute();
    assert.deepEqual(deliveries.map((d) => d.user_id).sort(), [w.anna.id, w.piet.id].sort(), 'the count said 2: exactly those 2 got it');
    const occurrenceId = await occurrenceOf(t, promptId);

    // Anna answers, then changes her mind; Piet answers too.
    const anna = await w.client(w.anna.id);
    const inbox = await anna.get('/prikkels');
    assert.equal(inbox.statusCode, 200);
    assert.ok(inbox.body.includes(promptAnswerPath(occurrenceId)));
    assert.match(inbox.body, /Nog niet gereageerd/);
    const home = await anna.get('/');
    assert.match(home.body, /Prikkels voor jou/, 'the start page lists the open prompt');
    assert.ok(home.body.includes(`href="${promptAnswerPath(occurrenceId)}"`));
    assert.match(home.body, /<a class="utrecht-link" href="\/prikkels"[^>]*>Prikkels<\/a>/, 'a Prikkels link in the navigation');
    const page = await anna.get(promptAnswerPath(occurrenceId));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Je antwoord zien alleen de facilitatoren/);
    assert.equal((await anna.post(promptAnswerPath(occurrenceId), { body: 'geen keuze' })).statusCode, 422);
    assert.equal((await anna.post(promptAnswerPath(occurrenceId), { choice: '7' })).statusCode, 422, 'no such option');
    assert.equal((await anna.post(promptAnswerPath(occurrenceId), { choice: '0' })).statusCode, 303);
    const edited = await anna.post(promptAnswerPath(occurrenceId), { choice: '1', body: 'Meestal binnen een week.', mayReuse: 'on' });
    assert.equal(edited.statusCode, 303);
    assert.match((await anna.get(promptAnswerPath(occurrenceId))).body, /Je reactie aanpassen/);
    const piet = await w.client(w.piet.id);
    assert.equal((await piet.post(promptAnswerPath(occurrenceId), { choice: '1' })).statusCode, 303);
    assert.ok(!(await anna.get('/')).body.includes('Prikkels voor jou'), 'answered: no longer waiting on the start page');
    assert.ok(t.deps.dispatched.some((e) => e.name === 'prompt.responded' && e.payload.occurrenceId === occurrenceId && e.payload.actorId === w.anna.id));

    // Bram was not in the audience: not found.
    const bram = await w.client(w.bram.id);
    assert.equal((await bram.get(promptAnswerPath(occurrenceId))).statusCode, 404);
    assert.equal((await bram.post(promptAnswerPath(occurrenceId), { choice: '0' })).statusCode, 404);

    const results = await sender.get(`/prikkels/verzonden/${promptId}`);
    assert.equal(results.statusCode, 200);
    assert.match(results.body, /100% reageerde \(2 van 2\)/);
    assert.match(results.body, /<svg[^>]*role="img"/);
    assert.match(results.body, /<caption class="utrecht-table__caption">Uitslag per antwoord<\/caption>/);
    assert.match(results.body, /<th class="utrecht-table__header-cell" scope="row">Binnen een week<\/th><td[^>]*>2<\/td><td[^>]*>100%<\/td>/);
    assert.match(results.body, /<th class="utrecht-table__header-cell" scope="row">Dezelfde dag<\/th><td[^>]*>0<\/td><td[^>]*>0%<\/td>/);
    assert.ok(results.body.includes('Anna Antwoord') && results.body.includes('Meestal binnen een week.'), 'facilitators see names');
    assert.ok(!/\sstyle=/.test(results.body), 'no inline style attributes (CSP)');
    assert.match(results.headers['content-security-policy'] as string, /style-src 'self'/);
    assert.match(results.body, /Maak er een vraag van/, 'Anna allowed reuse');

    assert.ok((await sender.get(`/gemeenschappen/${w.community.slug}`)).body.includes(`href="/gemeenschappen/${w.community.slug}/prikkels"`), 'the community page links facilitators to its prompts');
    assert.ok(!(await anna.get(`/gemeenschappen/${w.community.slug}`)).body.includes(`/gemeenschappen/${w.community.slug}/prikkels"`), 'but not members');
    const list = await sender.get(`/gemeenschappen/${w.community.slug}/prikkels`);
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(`/prikkels/verzonden/${promptId}`));
    assert.match(list.body, /Verstuurd/);

    // After the window: read-only, and changes are refused.
    const closesAt = (await t.deps.db.selectFrom('prompt_deliveries').select('closes_at').where('occurrence_id', '=', occurrenceId).where('user_id', '=', w.anna.id).executeTakeFirstOrThrow()).closes_at!;
    clock.set(new Date(closesAt.getTime() + 1000));
    const closed = await anna.get(promptAnswerPath(occurrenceId));
    assert.equal(closed.statusCode, 200);
    assert.ok(!closed.body.includes(`action="${promptAnswerPath(occurrenceId)}"`), 'no answer form after closing');
    assert.match(closed.body, /Binnen een week/);
    assert.equal((await anna.post(promptAnswerPath(occurrenceId), { choice: '2' })).statusCode, 409);
    const stored = await t.deps.db.selectFrom('prompt_responses').select(['choice', 'may_reuse']).where('occurrence_id', '=', occurrenceId).where('user_id', '=', w.anna.id).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { choice: 1, may_reuse: true });
  });

  it('only facilitators and managers compose, list and read results; others get 403 or 404', async () => {
    // Scheduled far ahead of every other test's scheduler runs, so only cancelling decides its fate.
    const clock = freshClock(t);
    clock.set(new Date('2095-01-03T09:00:00Z'));
    const w = await world();
    const sender = await w.client(w.sender.id);
    const later = new Date(clock.now().getTime() + 14 * 86_400_000);
    const sent = await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm({ scheduleKind: 'once', date: later.toISOString().slice(0, 10), time: '09:00' }));
    assert.equal(sent.statusCode, 303, sent.body);
    const promptId = promptIdFrom(sent.headers.location as string);
    const admin = await createTestUser(t.deps, w.org.id, { role: 'admin' });
    const paths = [`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, `/gemeenschappen/${w.community.slug}/prikkels`, `/prikkels/verzonden/${promptId}`];
    for (const [userId, status] of [[w.anna.id, 403], [w.outsider.id, 404], [admin.id, 200]] as const) {
      const client = await w.client(userId);
      for (const path of paths) assert.equal((await client.get(path)).statusCode, status, `${path} for ${userId}`);
    }
    const anna = await w.client(w.anna.id);
    assert.equal((await anna.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm())).statusCode, 403);
    assert.equal((await anna.post(`/prikkels/verzonden/${promptId}/annuleren`, { confirmed: 'yes' })).statusCode, 403);
    assert.equal(await countPrompts(t, w.community.id), 1);
    const anonymous = clientWithOwnAddress(t.app);
    assert.equal((await anonymous.get(paths[0]!)).statusCode, 401);

    // Cancelling: a confirmation page without JavaScript, then the moment is off.
    const asked = await sender.post(`/prikkels/verzonden/${promptId}/annuleren`);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Weet je zeker/);
    assert.equal((await sender.post(`/prikkels/verzonden/${promptId}/annuleren`, { confirmed: 'yes' })).statusCode, 303);
    const results = await sender.get(`/prikkels/verzonden/${promptId}`);
    assert.match(results.body, /Geannuleerd/);
    assert.ok(!results.body.includes('/annuleren'), 'nothing left to cancel');
    const row = await t.deps.db.selectFrom('prompts').select('cancelled_at').where('id', '=', promptId).executeTakeFirstOrThrow();
    assert.ok(row.cancelled_at, 'the engine never claims a cancelled prompt (delivery.ts)');
  });

  it('the link in the mail asks an anonymous visitor to log in and then returns to the answer form', async () => {
    const clock = freshClock(t);
    const w = await world();
    const sender = await w.client(w.sender.id);
    const sent = await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm({ kind: 'reflection', responseMode: 'text', pollOptions: '', organisationIds: w.partner.id }));
    const promptId = promptIdFrom(sent.headers.location as string);
    await deliverDue(t, clock.now());
    const occurrenceId = await occurrenceOf(t, promptId);
    // The mail's link: promptEmail as the engine renders it (the engine's SMTP test sends it for real).
    const mail = promptEmail({
      t: t.deps.i18n.translator('nl'), locale: 'nl', isReminder: false, link: `${t.deps.config.baseUrl}${promptAnswerPath(occurrenceId)}`, settingsLink: `${t.deps.config.baseUrl}/prikkels/instellingen`,
      item: { occurrenceId, userId: w.piet.id, email: w.piet.email, name: w.piet.name, locale: 'nl', communityName: w.community.name, kind: 'reflection', text: 'Wat leerde je?', responseMode: 'text', visibility: 'facilitators', pollOptions: [], closesAt: new Date() },
    });
    const link = linkIn(mail.text, '/prikkels/');
    assert.equal(link, promptAnswerPath(occurrenceId));

    const visitor = clientWithOwnAddress(t.app);
    const challenge = await visitor.get(link);
    assert.equal(challenge.statusCode, 401);
    assert.ok(challenge.body.includes(`name="volgende" value="${link}"`));
    const logIn = await visitor.get(`/inloggen?volgende=${encodeURIComponent(link)}`);
    assert.equal(logIn.statusCode, 200);
    const loggedIn = await visitor.post('/inloggen', { email: w.piet.email, password: TEST_PASSWORD, next: link });
    assert.equal(loggedIn.statusCode, 303);
    assert.equal(loggedIn.headers.location, link);
    const form = await visitor.get(link);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes(`action="${link}"`), 'straight to the answer form');
  });

  it('turns an answer into a question or a practice story only with its author’s consent, crediting them', async () => {
    const clock = freshClock(t);
    const w = await world();
    const sender = await w.client(w.sender.id);
    const promptId = promptIdFrom((await sender.post(`/gemeenschappen/${w.community.slug}/prikkels/nieuw`, composeForm({ kind: 'reflection', responseMode: 'text', pollOptions: '', text: 'Wat doe je als een cliënt niet komt opdagen?' }))).headers.location);
    await deliverDue(t, clock.now());
    const occurrenceId = await occurrenceOf(t, promptId);
    await (await w.client(w.anna.id)).post(promptAnswerPath(occurrenceId), { body: 'Ik stuur dezelfde dag een kaartje.', mayReuse: 'on' });
    await (await w.client(w.bram.id)).post(promptAnswerPath(occurrenceId), { body: 'Ik bel de huisarts.' });
    const responses = await t.deps.db.selectFrom('prompt_responses').select(['id', 'user_id']).where('prompt_id', '=', promptId).execute();
    const annas = responses.find((r) => r.user_id === w.anna.id)!.id;
    const brams = responses.find((r) => r.user_id === w.bram.id)!.id;

    const results = await sender.get(`/prikkels/verzonden/${promptId}`);
    assert.equal((results.body.match(/Maak er een vraag van/g) ?? []).length, 1, 'only for the answer with consent');
    assert.equal((await sender.post(`/prikkels/verzonden/${promptId}/hergebruiken`, { responseId: brams, as: 'question' })).statusCode, 422);
    const anna = await w.client(w.anna.id);
    assert.equal((await anna.post(`/prikkels/verzonden/${promptId}/hergebruiken`, { responseId: annas, as: 'question' })).statusCode, 403, 'only the sender');

    const asQuestion = await sender.post(`/prikkels/verzonden/${promptId}/hergebruiken`, { responseId: annas, as: 'question' });
    assert.equal(asQuestion.statusCode, 303);
    const questionId = /^\/vragen\/([0-9a-f-]{36})\/bewerken$/.exec(String(asQuestion.headers.location))?.[1];
    assert.ok(questionId, String(asQuestion.headers.location));
    const question = await t.deps.db.selectFrom('questions').select(['author_id', 'title', 'body', 'community_id']).where('id', '=', questionId).executeTakeFirstOrThrow();
    assert.deepEqual([question.author_id, question.community_id, question.title], [w.sender.id, w.community.id, 'Wat doe je als een cliënt niet komt opdagen?']);
    assert.ok(question.body.includes('Ik stuur dezelfde dag een kaartje.') && question.body.includes('Naar een antwoord van Anna Antwoord'));

    const asPractice = await sender.post(`/prikkels/verzonden/${promptId}/hergebruiken`, { responseId: annas, as: 'practice' });
    assert.equal(asPractice.statusCode, 303);
    assert.match(String(asPractice.headers.location), /^\/praktijk\/[0-9a-f-]{36}\/bewerken$/);
  });
});
