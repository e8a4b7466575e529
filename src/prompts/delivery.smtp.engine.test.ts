import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startSmtpServer, type InProcessSmtp, type ReceivedMail } from '../../test/smtp.ts';
import { createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, eventually, mimeLeaves, parseMime, type MimePart, type TestDeps } from '../../test/harness.ts';
import { runPromptScheduler } from './delivery.ts';
import { scheduleTestPrompt, useOwnDatabase } from './engine.test-support.ts';


/** Prompt mails over a real SMTP connection: nodemailer → smtp-server on 127.0.0.1, in this process. */
describe('prompt mails over SMTP', () => {
  let received: ReceivedMail[] = [];
  let smtp: InProcessSmtp;
  let database: Awaited<ReturnType<typeof useOwnDatabase>>;
  let deps: TestDeps;

  before(async () => {
    smtp = await startSmtpServer();
    received = smtp.received;
    database = await useOwnDatabase();
    deps = await createTestDeps({ config: { smtpUrl: smtp.url } });
  });
  after(async () => {
    await deps?.close();
    await database?.drop();
    await smtp.close();
  });

  const mailsTo = (address: string) => received.filter((m) => m.to.includes(address.toLowerCase())).map((m) => readMail(m.raw));

  it('mails each member who wants it in their language with the answer link, and reminds only those who have not responded', async () => {
    const org = await createTestOrganisation(deps);
    const sender = await createTestUser(deps, org.id);
    const nl = await createTestUser(deps, org.id, { name: 'Noor Nederlands', locale: 'nl' });
    const en = await createTestUser(deps, org.id, { name: 'Emma English', locale: 'en' });
    const responder = await createTestUser(deps, org.id, { name: 'Ruben Reageert', locale: 'nl' });
    const noMail = await createTestUser(deps, org.id, { name: 'Geen Mail' });
    await deps.db.updateTable('users').set({ prompt_email: false }).where('id', '=', noMail.id).execute();
    const community = await createTestCommunity(deps, org.id, {
      name: 'Wijkteams Oost',
      members: [{ userId: sender.id, role: 'facilitator' }, ...[nl, en, responder, noMail].map((m) => ({ userId: m.id }))],
    });
    const t0 = new Date('2027-02-01T09:00:00Z');
    const { promptId, occurrences } = await scheduleTestPrompt(deps, {
      communityId: community.id, authorId: sender.id, now: t0, text: 'Welk gesprek liep deze week anders dan je verwachtte?', responseWindowHours: 48, reminderAfterHours: 24,
    });
    const occurrenceId = occurrences[0]?.id ?? '';

    const run = await runPromptScheduler(deps, t0);
    assert.equal(run.mailed, 3);
    const dutch = await eventually(() => mailsTo(nl.email)[0]);
    assert.equal(dutch.subject, 'Reflectievraag uit Wijkteams Oost');
    assert.match(dutch.text, /Beste Noor Nederlands,/);
    assert.match(dutch.text, /Welk gesprek liep deze week anders dan je verwachtte\?/);
    assert.match(dutch.text, new RegExp(`https?://[^/\\s]+/prikkels/${occurrenceId}(\\s|$)`), 'the one-click link to the answer form');
    assert.match(dutch.html, new RegExp(`href="https?://[^/"]+/prikkels/${occurrenceId}"`));
    assert.match(dutch.html, /<html lang="nl">/);
    const english = await eventually(() => mailsTo(en.email)[0]);
    assert.equal(english.subject, 'Reflection question from Wijkteams Oost');
    assert.match(english.text, /Dear Emma English,/);
    assert.match(english.text, new RegExp(`/prikkels/${occurrenceId}`));
    assert.match(english.html, /<html lang="en">/);
    await eventually(() => mailsTo(responder.email)[0]);
    assert.equal(mailsTo(noMail.email).length, 0, 'prompt mail switched off: in the inbox only');
    assert.equal(received.length, 3);

    // The responder answers before the reminder is due.
    const now = new Date(t0.getTime() + 3_600_000);
    await deps.db.insertInto('prompt_responses').values({ id: randomUUID(), occurrence_id: occurrenceId, user_id: responder.id, prompt_id: promptId, body: 'Het huisbezoek.', created_at: now, updated_at: now }).execute();
    assert.equal((await runPromptScheduler(deps, new Date(t0.getTime() + 23 * 3_600_000))).reminded, 0, 'not before the reminder moment');
    const reminding = await runPromptScheduler(deps, new Date(t0.getTime() + 24 * 3_600_000 + 60_000));
    // Three non-responders are reminded; the one without prompt mail sees it only in Leerkring.
    assert.equal(reminding.reminded, 3);
    const reminder = await eventually(() => mailsTo(nl.email)[1]);
    assert.equal(reminder.subject, 'Herinnering: Reflectievraag uit Wijkteams Oost');
    assert.match(reminder.text, new RegExp(`/prikkels/${occurrenceId}`));
    assert.equal((await eventually(() => mailsTo(en.email)[1])).subject, 'Reminder: Reflection question from Wijkteams Oost');
    assert.equal((await runPromptScheduler(deps, new Date(t0.getTime() + 30 * 3_600_000))).reminded, 0, 'one reminder only');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(mailsTo(responder.email).length, 1, 'who responded is not reminded');
    assert.equal(mailsTo(noMail.email).length, 0);
    assert.equal(received.length, 5);
  });

  it('sends no reminder once the response window has closed', async () => {
    const org = await createTestOrganisation(deps);
    const sender = await createTestUser(deps, org.id);
    const member = await createTestUser(deps, org.id);
    const community = await createTestCommunity(deps, org.id, { members: [{ userId: sender.id, role: 'facilitator' }, { userId: member.id }] });
    const t0 = new Date('2027-02-08T09:00:00Z');
    await scheduleTestPrompt(deps, { communityId: community.id, authorId: sender.id, now: t0, responseWindowHours: 2, reminderAfterHours: 1 });
    await runPromptScheduler(deps, t0);
    await eventually(() => mailsTo(member.email)[0]);
    // The scheduler did not run between the reminder moment (1 h) and the close (2 h).
    const late = await runPromptScheduler(deps, new Date(t0.getTime() + 3 * 3_600_000));
    assert.equal(late.reminded, 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(mailsTo(member.email).length, 1);
  });
});

function readMail(raw: string) {
  const message = parseMime(raw);
  const leaves = mimeLeaves(message);
  const part = (type: string): MimePart => {
    const found = leaves.find((leaf) => (leaf.headers['content-type'] ?? '').startsWith(type));
    assert.ok(found, `the mail has a ${type} part`);
    return found;
  };
  return { headers: message.headers, subject: message.headers.subject ?? '', text: part('text/plain').body, html: part('text/html').body };
}
