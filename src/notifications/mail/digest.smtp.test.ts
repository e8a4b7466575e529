import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../../test/harness.ts';
import { runPromptScheduler } from '../../prompts/delivery.ts';
import { scheduleTestPrompt, useOwnDatabase } from '../../prompts/engine.test-support.ts';
import { askQuestion } from '../../questions/questions.usecases.ts';
import { postAnswer } from '../../questions/answers/answers.usecases.ts';
import { processOutbox } from '../outbox.ts';
import { sendDigests } from './digest.ts';
import { startTestSmtp, wholeMail, type TestSmtp } from './mail.test-support.ts';

/** Digests over a real SMTP connection, built at send time with the reader's permissions. */
describe('digests', () => {
  let smtp: TestSmtp;
  let database: Awaited<ReturnType<typeof useOwnDatabase>>;
  let deps: TestDeps;

  before(async () => {
    smtp = await startTestSmtp();
    database = await useOwnDatabase();
    deps = await createTestDeps({ config: { smtpUrl: smtp.url } });
  });
  after(async () => {
    await deps?.close();
    await database?.drop();
    await smtp?.close();
  });

  const digestsTo = (address: string) => smtp.to(address).filter((m) => /overzicht|digest/i.test(m.subject));
  const backdate = (questionId: string, at: Date) => deps.db.updateTable('questions').set({ created_at: at }).where('id', '=', questionId).execute();

  it('tells what is new, what I could answer, prompts waiting and new framework versions; nothing from a community I left; once per period; then starts where it ended', async () => {
    const org = await createTestOrganisation(deps);
    const reader = await createTestUser(deps, org.id, { name: 'Daan Digest', expertise: ['jeugdzorg'] });
    const asker = await createTestUser(deps, org.id);
    const answerer = await createTestUser(deps, org.id);
    const members = [reader, asker, answerer].map((u) => ({ userId: u.id }));
    const open = await createTestCommunity(deps, org.id, { name: 'Wijkteams Noord', visibility: 'open', members });
    const secret = await createTestCommunity(deps, org.id, { name: 'Geheime Kring', visibility: 'secret', members });
    const canary = `Kanarie-${randomUUID().slice(0, 8)}`;
    const t = new Date('2027-03-02T05:00:00Z'); // Tuesday 06:00 in Amsterdam
    const hidden = await askQuestion(deps, actorOf(asker), { id: secret.id }, { kind: 'how', title: `${canary} geheime vraag`, body: 'x', tags: ['jeugdzorg'] });
    const followed = await askQuestion(deps, actorOf(asker), { id: open.id }, { kind: 'how', title: 'Hoe betrek ik de school erbij?', body: 'x', tags: ['jeugdzorg'] });
    for (const q of [hidden, followed]) {
      await backdate(q.id, t);
      await deps.db.insertInto('question_follows').values({ question_id: q.id, user_id: reader.id, created_at: t }).execute();
      await postAnswer(deps, actorOf(answerer), q.id, { body: 'Zo doe ik het.' });
    }
    await processOutbox(deps, t);
    const framework = randomUUID();
    await deps.db.insertInto('frameworks').values({ id: framework, community_id: open.id, created_at: t }).execute();
    await deps.db.insertInto('framework_versions').values({ id: randomUUID(), framework_id: framework, number: 2, status: 'published', created_at: t, published_at: t }).execute();
    await scheduleTestPrompt(deps, { communityId: open.id, authorId: asker.id, now: t, text: 'Wat leerde je deze week?', responseWindowHours: 48 });
    await runPromptScheduler(deps, t);
    // The reader leaves the secret community before the digest is made.
    await deps.db.deleteFrom('community_members').where('community_id', '=', secret.id).where('user_id', '=', reader.id).execute();

    const at = new Date('2027-03-02T06:05:00Z'); // 07:05
    await sendDigests(deps, at);
    const [digest, ...more] = digestsTo(reader.email);
    assert.ok(digest);
    assert.equal(more.length, 0);
    assert.equal(digest.subject, 'Je dagoverzicht van Leerkring');
    assert.match(digest.text, /Beste Daan Digest,/);
    assert.match(digest.text, /Een nieuw antwoord op “Hoe betrek ik de school erbij\?”/);
    assert.match(digest.text, /Vragen die jij misschien kunt beantwoorden/);
    assert.match(digest.text, new RegExp(`/vragen/${followed.id}`));
    assert.match(digest.text, /Wijkteams Noord: “Wat leerde je deze week\?”/);
    assert.match(digest.text, /Versie 2 van het kader van Wijkteams Noord/);
    assert.match(digest.html, /<html lang="nl">/);
    assert.equal(digest.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
    assert.match(digest.headers['list-unsubscribe'] ?? '', /\/afmelden\//);
    assert.ok(!wholeMail(digest).includes(canary), 'nothing from the community the reader left');
    const run = await deps.db.selectFrom('digest_runs').selectAll().where('user_id', '=', reader.id).execute();
    assert.deepEqual(run.map((r) => [r.period, r.covers_until.toISOString(), Boolean(r.sent_at)]), [['d:2027-03-02', at.toISOString(), true]]);

    await sendDigests(deps, new Date('2027-03-02T10:00:00Z'));
    assert.equal(digestsTo(reader.email).length, 1, 'once per period');

    // The next day: only what is new since, and the prompt that still waits.
    await sendDigests(deps, new Date('2027-03-03T06:05:00Z'));
    const second = digestsTo(reader.email)[1];
    assert.ok(second);
    assert.match(second.text, /Wat leerde je deze week\?/);
    assert.doesNotMatch(second.text, /Een nieuw antwoord op/);
    assert.doesNotMatch(second.text, /Vragen die jij misschien kunt beantwoorden/);
    assert.doesNotMatch(second.text, /Versie 2/);
    assert.ok(smtp.received.every((m) => !wholeMail(m).includes(canary)), 'the canary is in no mail at all');
  });

  it('never sends an empty digest, keeps the run so it is not built again, and sends weekly digests from Monday 07:00', async () => {
    const org = await createTestOrganisation(deps);
    const quiet = await createTestUser(deps, org.id);
    const weekly = await createTestUser(deps, org.id, { locale: 'en', expertise: ['wonen'] });
    await deps.db.updateTable('users').set({ digest_frequency: 'weekly' }).where('id', '=', weekly.id).execute();
    const asker = await createTestUser(deps, org.id);
    const community = await createTestCommunity(deps, org.id, { members: [quiet, weekly, asker].map((u) => ({ userId: u.id })) });
    const q = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'what', title: 'Wat kost een woningaanpassing?', body: 'x', tags: ['wonen'] });
    await backdate(q.id, new Date('2027-03-06T10:00:00Z'));

    await sendDigests(deps, new Date('2027-03-08T05:30:00Z')); // Monday 06:30: last week's period
    await sendDigests(deps, new Date('2027-03-08T06:01:00Z')); // Monday 07:01
    assert.equal(digestsTo(quiet.email).length, 0);
    const runs = await deps.db.selectFrom('digest_runs').select(['period', 'sent_at']).where('user_id', '=', quiet.id).orderBy('period').execute();
    assert.deepEqual(runs.map((r) => [r.period, r.sent_at]), [['d:2027-03-07', null], ['d:2027-03-08', null]]);
    const weeklies = digestsTo(weekly.email);
    assert.equal(weeklies.length, 1, 'the question was asked after last week’s period began: one weekly digest');
    assert.equal(weeklies[0]?.subject, 'Your weekly Leerkring digest');
    assert.match(weeklies[0]?.text ?? '', /“Wat kost een woningaanpassing\?” in/);
    await sendDigests(deps, new Date('2027-03-09T06:01:00Z'));
    assert.equal(digestsTo(weekly.email).length, 1, 'weekly: not again on Tuesday');
  });

  it('a temporary SMTP failure gives the period back for a later run; a 550 bounces the address', async () => {
    const org = await createTestOrganisation(deps);
    const asker = await createTestUser(deps, org.id);
    const [later, bounced] = [await createTestUser(deps, org.id, { expertise: ['schulden'] }), await createTestUser(deps, org.id, { expertise: ['schulden'] })];
    const community = await createTestCommunity(deps, org.id, { members: [asker, later, bounced].map((u) => ({ userId: u.id })) });
    const q = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'how', title: 'Hoe begin ik over geldzorgen?', body: 'x', tags: ['schulden'] });
    await backdate(q.id, new Date('2027-05-03T12:00:00Z'));
    smtp.mode = 'temporary';
    smtp.rejected.add(bounced.email.toLowerCase());
    try {
      const failed = await sendDigests(deps, new Date('2027-05-04T05:01:00Z'));
      assert.equal(failed.failed, 2);
    } finally {
      smtp.mode = 'accept';
    }
    assert.equal(await deps.db.selectFrom('digest_runs').select('period').where('user_id', '=', later.id).executeTakeFirst(), undefined, 'given back');
    const user = await deps.db.selectFrom('users').select('email_bounced_at').where('id', '=', bounced.id).executeTakeFirstOrThrow();
    assert.ok(user.email_bounced_at);
    assert.equal((await deps.db.selectFrom('notifications').select('kind').where('user_id', '=', bounced.id).execute()).map((n) => n.kind).join(), 'email_bounced');
    smtp.rejected.delete(bounced.email.toLowerCase());
    await sendDigests(deps, new Date('2027-05-04T06:01:00Z'));
    assert.equal(digestsTo(later.email).length, 1, 'sent by the next run');
    assert.equal(digestsTo(bounced.email).length, 0, 'no more mail to a bounced address');
  });

  it('two workers at once send each digest once per person and period', async () => {
    const org = await createTestOrganisation(deps);
    const asker = await createTestUser(deps, org.id);
    const readers = await Promise.all(Array.from({ length: 12 }, () => createTestUser(deps, org.id, { expertise: ['armoede'] })));
    const community = await createTestCommunity(deps, org.id, { members: [asker, ...readers].map((u) => ({ userId: u.id })) });
    const q = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'how', title: 'Hoe herken ik verborgen armoede?', body: 'x', tags: ['armoede'] });
    await backdate(q.id, new Date('2027-04-01T12:00:00Z'));
    const other = await createTestDeps({ config: { smtpUrl: smtp.url } });
    try {
      for (const at of ['2027-04-02T05:01:00Z', '2027-04-02T05:01:30Z', '2027-04-02T08:00:00Z']) {
        await Promise.all([sendDigests(deps, new Date(at)), sendDigests(other, new Date(at)), sendDigests(deps, new Date(at)), sendDigests(other, new Date(at))]);
      }
      for (const reader of readers) assert.equal(digestsTo(reader.email).length, 1);
      const runs = await deps.db.selectFrom('digest_runs').select(['user_id', 'sent_at']).where('user_id', 'in', readers.map((r) => r.id)).execute();
      assert.equal(runs.length, 12);
      assert.ok(runs.every((r) => r.sent_at));
    } finally {
      await other.close();
    }
  });
});
