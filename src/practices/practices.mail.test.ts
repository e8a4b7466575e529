import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startSmtpServer, type InProcessSmtp, type ReceivedMail } from '../../test/smtp.ts';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, mimeLeaves, parseMime, type MimePart, type TestDeps } from '../../test/harness.ts';
import { reportTried } from './contributions.usecases.ts';
import { sharePractice } from './practices.usecases.ts';
import { mailTriedReport } from './practices.subscribers.ts';
import { retryQueuedMails } from '../platform/mail/retry.ts';
import { sql } from 'kysely';


/** An RFC 2047 header (`=?UTF-8?Q?…?=` / `=?UTF-8?B?…?=`) as text; white space between encoded words is dropped. */
function decodeHeader(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

function readMail(raw: string) {
  const message = parseMime(raw);
  const leaves = mimeLeaves(message);
  const part = (type: string): MimePart => {
    const found = leaves.find((leaf) => (leaf.headers['content-type'] ?? '').startsWith(type));
    assert.ok(found, `the mail has a ${type} part`);
    return found;
  };
  return { subject: decodeHeader(message.headers.subject ?? ''), text: part('text/plain').body, html: part('text/html').body };
}

/** "Someone tried your approach", over a real SMTP connection: nodemailer → smtp-server in this process. */
describe('practice stories: the tried mail', () => {
  let received: ReceivedMail[] = [];
  let smtp: InProcessSmtp;
  let deps: TestDeps;

  before(async () => {
    smtp = await startSmtpServer();
    received = smtp.received;
    // The mailer as production builds it (createMailer from SMTP_URL), pointed at the in-process server.
    deps = await createTestDeps({ config: { smtpUrl: smtp.url } });
  });
  after(async () => {
    await deps.close();
    await smtp.close();
  });

  /** Mail that went to an address (sending is awaited, so it has arrived when mailTriedReport returns). */
  const mailsTo = (address: string) => received.filter((m) => m.to.includes(address.toLowerCase())).map((m) => readMail(m.raw));

  it('mails the story’s author in their language, and the author of the report it built on; never the reporter; not deactivated people', async () => {
    const org = await createTestOrganisation(deps, { name: `Gemeente Proefstad ${randomUUID().slice(0, 4)}` });
    const [author, first, second] = await Promise.all([
      createTestUser(deps, org.id, { name: 'Ada Auteur', locale: 'en' }),
      createTestUser(deps, org.id, { name: 'Bram Eerste', locale: 'nl' }),
      createTestUser(deps, org.id, { name: 'Cato Tweede', locale: 'nl' }),
    ]);
    const community = await createTestCommunity(deps, org.id, { members: [author, first, second].map((u) => ({ userId: u.id })) });
    const title = 'Koffie aan de keukentafel';
    const { id } = await sharePractice(deps, actorOf(author), { id: community.id }, { title, situation: 'Schulden.', action: 'Langsgaan.' });
    const report = (who: typeof author, parentId: string | null = null) =>
      reportTried(deps, actorOf(who), id, { team: 'Wijkteam Noord', result: 'partly', adapted: 'Met thee.', howItWent: 'Redelijk.', parentId });

    // From the story: the author hears, in English.
    const fromStory = await report(first);
    assert.equal(await mailTriedReport(deps, { tryId: fromStory.id, actorId: first.id }), 1);
    const [toAuthor] = mailsTo(author.email);
    assert.ok(toAuthor);
    assert.equal(toAuthor.subject, `Bram Eerste tried “${title}”`);
    assert.match(toAuthor.text, /Dear Ada Auteur,/);
    assert.ok(toAuthor.text.includes(`Bram Eerste tried your approach in Wijkteam Noord (${org.name}): partly worked.`), toAuthor.text);
    const link = `${deps.config.baseUrl}/praktijk/${id}#geprobeerd-${fromStory.id}`;
    assert.ok(toAuthor.text.includes(link), 'the link to the report on the trail');
    assert.match(toAuthor.html, /<html lang="en">/);
    assert.ok(toAuthor.html.includes(`href="${link}"`));
    assert.deepEqual(mailsTo(first.email), [], 'the reporter is not mailed');

    // From a report: the story's author and the report's author (in Dutch) both hear.
    const fromReport = await report(second, fromStory.id);
    assert.equal(await mailTriedReport(deps, { tryId: fromReport.id, actorId: second.id }), 2);
    assert.equal(mailsTo(author.email).length, 2);
    const [toFirst] = mailsTo(first.email);
    assert.ok(toFirst);
    assert.equal(toFirst.subject, `Cato Tweede probeerde “${title}”`);
    assert.match(toFirst.text, /Beste Bram Eerste,/);
    assert.ok(toFirst.text.includes(`Cato Tweede bouwde voort op jouw verslag bij “${title}” en probeerde het in Wijkteam Noord (${org.name}): werkte deels.`), toFirst.text);
    assert.ok(toFirst.text.includes(`${deps.config.baseUrl}/praktijk/${id}#geprobeerd-${fromReport.id}`));
    assert.match(toFirst.html, /<html lang="nl">/);
    assert.deepEqual(mailsTo(second.email), []);

    // Building on your own report: only the story's author hears.
    const onOwn = await report(first, fromStory.id);
    assert.equal(await mailTriedReport(deps, { tryId: onOwn.id, actorId: first.id }), 1);
    assert.equal(mailsTo(first.email).length, 1, 'still only the one from Cato');
    assert.equal(mailsTo(author.email).length, 3);

    // A deactivated author gets nothing; the report's author still does.
    await deps.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', author.id).execute();
    const afterLeaving = await report(second, fromStory.id);
    assert.equal(await mailTriedReport(deps, { tryId: afterLeaving.id, actorId: second.id }), 1);
    assert.equal(mailsTo(author.email).length, 3, 'no mail to a deactivated author');
    assert.equal(mailsTo(first.email).length, 2);
    await deps.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', first.id).execute();
    const nobody = await report(second, fromStory.id);
    assert.equal(await mailTriedReport(deps, { tryId: nobody.id, actorId: second.id }), 0);
    assert.equal(mailsTo(first.email).length, 2);
  });

  it('keeps the mail through an SMTP outage and sends it once the server is back', async () => {
    const org = await createTestOrganisation(deps);
    const [author, tryer] = await Promise.all([createTestUser(deps, org.id, { name: 'Dirk Doorzetter' }), createTestUser(deps, org.id)]);
    const community = await createTestCommunity(deps, org.id, { members: [author, tryer].map((u) => ({ userId: u.id })) });
    const { id } = await sharePractice(deps, actorOf(author), { id: community.id }, { title: 'Bellen in plaats van brieven', situation: 'Post kwam niet aan.', action: 'Bellen.' });
    const tried = await reportTried(deps, actorOf(tryer), id, { team: 'Team Zuid', result: 'worked', adapted: 'Niets.', howItWent: 'Goed.' });
    // Nobody listening on the SMTP port: the mail waits in the queue.
    const offline = await createTestDeps({ config: { smtpUrl: 'smtp://127.0.0.1:1' } });
    try {
      assert.equal(await mailTriedReport(offline, { tryId: tried.id, actorId: tryer.id }), 1);
    } finally {
      await offline.close();
    }
    assert.deepEqual(mailsTo(author.email), []);
    const waiting = await deps.db.selectFrom('mail_retries').select(['purpose', 'message']).where(sql<boolean>`message->>'to' = ${author.email}`).execute();
    assert.deepEqual(waiting.map((w) => w.purpose), ['practices.tried']);
    // The retry job, a minute later, with the server up.
    await retryQueuedMails(deps, new Date(Date.now() + 61_000));
    const [mail] = mailsTo(author.email);
    assert.ok(mail, 'delivered after the outage');
    assert.match(mail!.text, /Beste Dirk Doorzetter,/);
    assert.equal((await deps.db.selectFrom('mail_retries').select('id').where(sql<boolean>`message->>'to' = ${author.email}`).execute()).length, 0);
  });

  it('sends nothing for a report that is gone', async () => {
    assert.equal(await mailTriedReport(deps, { tryId: randomUUID(), actorId: randomUUID() }), 0);
  });
});
