import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpServer, type InProcessSmtp, type ReceivedMail } from '../../test/smtp.ts';
import {
  clientWithOwnAddress,
  createTestApp,
  createTestOrganisation,
  createTestUser,
  eventually,
  linkIn,
  mimeLeaves,
  parseMime,
  sessionClient,
  type MimePart,
} from '../../test/harness.ts';


/** Real mail over a real SMTP connection: nodemailer → smtp-server on 127.0.0.1, in this process. */
describe('accounts mail over SMTP', () => {
  let received: ReceivedMail[] = [];
  let smtp: InProcessSmtp;
  let t: Awaited<ReturnType<typeof createTestApp>>;

  before(async () => {
    smtp = await startSmtpServer();
    received = smtp.received;
    t = await createTestApp({ config: { smtpUrl: smtp.url } });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  const mailTo = (address: string, index = 0) =>
    eventually(() => {
      const mail = received.filter((m) => m.to.includes(address.toLowerCase()))[index];
      return mail ? readMail(mail.raw) : undefined;
    });

  it('invites by real mail in the invitee’s language; the link creates an account that can log in', async () => {
    const org = await createTestOrganisation(t.deps, { name: 'Gemeente Smtpstad' });
    const admin = await createTestUser(t.deps, org.id, { role: 'admin', name: 'Bea Beheer' });
    const adminClient = await sessionClient(t.deps, t.app, admin.id);
    await adminClient.get('/beheer/organisatie/uitnodigen');
    const english = `english-${org.slug}@example.test`;
    const dutch = `nederlands-${org.slug}@example.test`;
    assert.equal((await adminClient.post('/beheer/organisatie/uitnodigen', { email: english, role: 'member', locale: 'en' })).statusCode, 303);
    assert.equal((await adminClient.post('/beheer/organisatie/uitnodigen', { email: dutch, role: 'member', locale: 'nl' })).statusCode, 303);

    const mail = await mailTo(english);
    assert.equal(mail.subject, 'Invitation to Leerkring from Gemeente Smtpstad');
    assert.match(mail.headers['auto-submitted'] ?? '', /auto-generated/);
    assert.match(mail.text, /Bea Beheer invites you to Leerkring/);
    assert.match(mail.html, /<html lang="en">/);
    assert.match(mail.html, /href="http:\/\/[^"]+\/uitnodiging\//);
    const nl = await mailTo(dutch);
    assert.equal(nl.subject, 'Uitnodiging voor Leerkring van Gemeente Smtpstad');
    assert.match(nl.text, /nodigt je uit/);
    assert.match(nl.html, /<html lang="nl">/);

    const invitee = clientWithOwnAddress(t.app);
    const link = linkIn(mail.text, '/uitnodiging/');
    assert.equal((await invitee.get(link)).statusCode, 200);
    const accepted = await invitee.post(link, { name: 'Eve English', password: 'a long sentence as password', passwordConfirmation: 'a long sentence as password' });
    assert.equal(accepted.statusCode, 303);
    assert.match((await invitee.get('/')).body, /Eve English/);
    assert.equal((await invitee.post('/uitloggen')).statusCode, 303);
    assert.equal((await clientWithOwnAddress(t.app).get(link)).statusCode, 410);

    const logIn = clientWithOwnAddress(t.app);
    await logIn.get('/inloggen');
    assert.equal((await logIn.post('/inloggen', { email: english, password: 'a long sentence as password' })).statusCode, 303);
    const home = await logIn.get('/');
    assert.match(home.body, /Eve English/);
    assert.match(home.body, /<html lang="en"/, 'the account keeps the invitation’s language');
  });

  it('resets a password by real mail; the link works once', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id, { name: 'Rik Reset', locale: 'en' });
    const client = clientWithOwnAddress(t.app);
    await client.get('/wachtwoord-vergeten');
    assert.equal((await client.post('/wachtwoord-vergeten', { email: user.email })).statusCode, 303);

    const mail = await mailTo(user.email);
    assert.equal(mail.subject, 'Choose a new password for Leerkring');
    assert.match(mail.text, /Hello Rik Reset,/);
    assert.match(mail.html, /<html lang="en">/);
    const link = linkIn(mail.text, '/wachtwoord-herstellen/');

    const visitor = clientWithOwnAddress(t.app);
    assert.equal((await visitor.get(link)).statusCode, 200);
    const done = await visitor.post(link, { password: 'brand new long sentence', passwordConfirmation: 'brand new long sentence' });
    assert.equal(done.statusCode, 303);
    assert.match((await visitor.get('/')).body, /Rik Reset/);

    const second = clientWithOwnAddress(t.app);
    const again = await second.get(link);
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /Deze link werkt niet meer/);
    assert.equal((await second.post(link, { password: 'another long sentence', passwordConfirmation: 'another long sentence' })).statusCode, 410);

    const notice = await mailTo(user.email, 1);
    assert.equal(notice.subject, 'Your Leerkring password has been changed');
    const logIn = clientWithOwnAddress(t.app);
    await logIn.get('/inloggen');
    assert.equal((await logIn.post('/inloggen', { email: user.email, password: 'brand new long sentence' })).statusCode, 303);
  });

  it('shows the form again when the mail server is down, so the admin can retry', async () => {
    const broken = await createTestApp({ config: { smtpUrl: 'smtp://127.0.0.1:1' } });
    try {
      const org = await createTestOrganisation(broken.deps);
      const admin = await createTestUser(broken.deps, org.id, { role: 'admin' });
      const client = await sessionClient(broken.deps, broken.app, admin.id);
      await client.get('/beheer/organisatie/uitnodigen');
      const email = `onbereikbaar-${org.slug}@example.test`;
      const response = await client.post('/beheer/organisatie/uitnodigen', { email, role: 'member', locale: 'nl' });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /We konden de e-mail nu niet versturen/);
      assert.match(response.body, new RegExp(`value="${email}"`));
    } finally {
      await broken.close();
    }
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
