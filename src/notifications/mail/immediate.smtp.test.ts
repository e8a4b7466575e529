import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDeps, type TestDeps } from '../../../test/harness.ts';
import { useOwnDatabase } from '../../prompts/engine.test-support.ts';
import { processOutbox } from '../outbox.ts';
import { sendImmediateMails } from './immediate.ts';
import { createAskerWorld, minutes, startTestSmtp, wholeMail, type TestSmtp } from './mail.test-support.ts';

/** E-mail at once over a real SMTP connection: nodemailer → smtp-server in this process. */
describe('notification mail at once', () => {
  let smtp: TestSmtp;
  let database: Awaited<ReturnType<typeof useOwnDatabase>>;
  let deps: TestDeps;
  // Each test runs on its own stretch of the injected clock, a day after the previous one.
  let day = 0;
  const nextDay = () => new Date(Date.UTC(2027, 2, 1 + day++, 9, 0));

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

  it('batches: three answers within the window make one mail, sent once the oldest is two minutes old', async () => {
    const w = await createAskerWorld(deps, { askerName: 'Anna Asker' });
    const question = await w.ask('Hoe houd ik een goed keukentafelgesprek?');
    for (const body of ['Eerste antwoord', 'Tweede antwoord', 'Derde antwoord']) await w.answer(question.id, body);
    const t = nextDay();
    await processOutbox(deps, t);
    assert.equal((await sendImmediateMails(deps, new Date(t.getTime() + minutes(1)))).mailed, 0, 'not before the batching window');
    assert.equal(smtp.to(w.asker.email).length, 0);
    const run = await sendImmediateMails(deps, new Date(t.getTime() + minutes(2)));
    assert.equal(run.mailed, 1);
    const [mail] = smtp.to(w.asker.email);
    assert.ok(mail);
    assert.equal(mail.subject, '3 nieuwe antwoorden op je vraag “Hoe houd ik een goed keukentafelgesprek?”');
    assert.match(mail.text, /Beste Anna Asker,/);
    assert.match(mail.text, new RegExp(`/vragen/${question.id}`));
    assert.match(mail.headers['list-unsubscribe'] ?? '', /^<https?:\/\/[^>]+\/afmelden\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$/);
    assert.equal(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
    assert.match(mail.text, /Afmelden: https?:\/\/\S+\/afmelden\//);
    await sendImmediateMails(deps, new Date(t.getTime() + minutes(60)));
    assert.equal(smtp.to(w.asker.email).length, 1, 'mailed once');
    const rows = await deps.db.selectFrom('notifications').select(['mailed_at']).where('user_id', '=', w.asker.id).execute();
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.mailed_at !== null));
  });

  it('during an SMTP outage (451, then a refused connection) nothing is lost; afterwards every mail arrives exactly once', async () => {
    const worlds = [await createAskerWorld(deps), await createAskerWorld(deps)];
    for (const w of worlds) await w.answer((await w.ask('Wie heeft ervaring met schuldhulp?')).id);
    const t = nextDay();
    await processOutbox(deps, t);
    smtp.mode = 'temporary';
    const first = await sendImmediateMails(deps, new Date(t.getTime() + minutes(3)));
    assert.equal(first.retried, 2);
    assert.equal(first.mailed, 0);
    assert.equal((await sendImmediateMails(deps, new Date(t.getTime() + minutes(3) + 30_000))).retried, 0, 'backoff: not again within a minute');
    assert.equal((await sendImmediateMails(deps, new Date(t.getTime() + minutes(4)))).retried, 2, 'second attempt after a minute');
    // No SMTP server at all: a refused connection is temporary too.
    const offline = await createTestDeps({ config: { smtpUrl: 'smtp://127.0.0.1:1' } });
    try {
      assert.equal((await sendImmediateMails(offline, new Date(t.getTime() + minutes(9)))).retried, 2);
    } finally {
      await offline.close();
    }
    smtp.mode = 'accept';
    assert.equal((await sendImmediateMails(deps, new Date(t.getTime() + minutes(20)))).mailed, 0, 'third backoff step (15 minutes) not over yet');
    const recovered = await sendImmediateMails(deps, new Date(t.getTime() + minutes(25)));
    assert.equal(recovered.mailed, 2);
    await sendImmediateMails(deps, new Date(t.getTime() + minutes(120)));
    for (const w of worlds) assert.equal(smtp.to(w.asker.email).length, 1, 'exactly once per person');
    const row = await deps.db.selectFrom('notifications').select(['mail_attempts', 'mailed_at']).where('user_id', '=', worlds[0]!.asker.id).executeTakeFirstOrThrow();
    assert.equal(row.mail_attempts, 3);
    assert.ok(row.mailed_at);
  });

  it('a 550 on RCPT TO marks the address bounced, tells the person in the app, and stops their mail', async () => {
    const w = await createAskerWorld(deps);
    const question = await w.ask('Hoe meld ik een zorg over een gezin?');
    await w.answer(question.id);
    const t = nextDay();
    await processOutbox(deps, t);
    smtp.rejected.add(w.asker.email.toLowerCase());
    const run = await sendImmediateMails(deps, new Date(t.getTime() + minutes(3)));
    assert.equal(run.bounced, 1);
    const user = await deps.db.selectFrom('users').select('email_bounced_at').where('id', '=', w.asker.id).executeTakeFirstOrThrow();
    assert.ok(user.email_bounced_at);
    const told = await deps.db.selectFrom('notifications').select(['channel', 'subject_kind', 'subject_id']).where('user_id', '=', w.asker.id).where('kind', '=', 'email_bounced').execute();
    assert.deepEqual(told, [{ channel: 'in_app', subject_kind: 'account', subject_id: w.asker.id }]);
    // Even once the address accepts again, nothing more goes to it until it changes.
    smtp.rejected.delete(w.asker.email.toLowerCase());
    await w.answer(question.id, 'Nog een antwoord');
    await processOutbox(deps, new Date(t.getTime() + minutes(5)));
    await sendImmediateMails(deps, new Date(t.getTime() + minutes(30)));
    assert.equal(smtp.to(w.asker.email).length, 0);
    const pending = await deps.db.selectFrom('notifications').select(['mail_next_attempt_at', 'mailed_at']).where('user_id', '=', w.asker.id).where('channel', '=', 'immediate').execute();
    assert.equal(pending.length, 2);
    assert.ok(pending.every((n) => n.mailed_at === null && n.mail_next_attempt_at === null), 'given up, never marked as mailed');
  });

  it('keeps headers and HTML safe: a title with CR/LF stays one subject line, a name with HTML is escaped', async () => {
    const w = await createAskerWorld(deps, { askerName: '<script>alert(1)</script> Piet' });
    const question = await w.ask('Een gewone titel voor nu');
    await deps.db.updateTable('questions').set({ title: 'Eerste regel\r\nBcc: evil@example.test\r\nX-Injected: ja' }).where('id', '=', question.id).execute();
    await w.answer(question.id);
    const t = nextDay();
    await processOutbox(deps, t);
    await sendImmediateMails(deps, new Date(t.getTime() + minutes(3)));
    const [mail] = smtp.to(w.asker.email);
    assert.ok(mail);
    assert.deepEqual(mail.to, [w.asker.email.toLowerCase()], 'no extra recipient');
    assert.equal(mail.headers['x-injected'], undefined);
    assert.equal(mail.headers.bcc, undefined);
    assert.equal(mail.subject, 'Een nieuw antwoord op je vraag “Eerste regel Bcc: evil@example.test X-Injected: ja”');
    assert.doesNotMatch(mail.html, /<script>alert\(1\)<\/script>/);
    assert.match(mail.html, /&lt;script>alert\(1\)&lt;\/script> Piet|&lt;script&gt;alert\(1\)&lt;\/script&gt; Piet/);
    assert.equal(smtp.received.filter((m) => m.to.includes('evil@example.test')).length, 0);
  });

  it('reads titles at send time: nothing from a secret community the person was removed from, and no mail when nothing is left', async () => {
    const w = await createAskerWorld(deps, { visibility: 'open' });
    const secret = await createAskerWorld(deps, { visibility: 'secret' });
    // The same asker in both: add w.asker to the secret community.
    await deps.db.insertInto('community_members').values({ community_id: secret.community.id, user_id: w.asker.id, role: 'member', status: 'active', message: '', decided_at: new Date() }).execute();
    const canary = `Kanarie-${Date.now()} geheim onderwerp`;
    const hidden = await w.ask(canary, secret.community.id);
    const visible = await w.ask('Open vraag over wijkteams');
    await secret.answer(hidden.id);
    await w.answer(visible.id);
    const t = nextDay();
    await processOutbox(deps, t);
    await deps.db.deleteFrom('community_members').where('community_id', '=', secret.community.id).where('user_id', '=', w.asker.id).execute();
    await sendImmediateMails(deps, new Date(t.getTime() + minutes(3)));
    const [mail] = smtp.to(w.asker.email);
    assert.ok(mail);
    assert.match(mail.subject, /Open vraag over wijkteams/);
    assert.ok(!wholeMail(mail).includes('Kanarie'));

    // Someone whose only pending notification is from the secret community they were removed from: no mail.
    const own = await secret.ask(`${canary} (2)`);
    await secret.answer(own.id);
    await processOutbox(deps, new Date(t.getTime() + minutes(10)));
    await deps.db.deleteFrom('community_members').where('community_id', '=', secret.community.id).where('user_id', '=', secret.asker.id).execute();
    const run = await sendImmediateMails(deps, new Date(t.getTime() + minutes(13)));
    assert.equal(run.skipped, 1);
    assert.equal(run.mailed, 0);
    assert.equal(smtp.to(secret.asker.email).length, 0);
    const row = await deps.db.selectFrom('notifications').select(['mailed_at', 'mail_next_attempt_at']).where('user_id', '=', secret.asker.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { mailed_at: null, mail_next_attempt_at: null }, 'given up, not tried again');
    assert.ok(smtp.received.every((m) => !wholeMail(m).includes('Kanarie')), 'the canary is in no mail at all');
  });

  it('two workers running at once mail each notification once', async () => {
    const worlds = await Promise.all(Array.from({ length: 6 }, () => createAskerWorld(deps)));
    for (const w of worlds) {
      const q = await w.ask('Wat werkt bij een eerste huisbezoek?');
      await w.answer(q.id);
      await w.answer(q.id, 'Nog een antwoord');
    }
    const t = nextDay();
    await processOutbox(deps, t);
    const other = await createTestDeps({ config: { smtpUrl: smtp.url } });
    try {
      let mailed = 0;
      for (let round = 0; round < 3; round++) {
        const at = new Date(t.getTime() + minutes(3 + round));
        const runs = await Promise.all([sendImmediateMails(deps, at), sendImmediateMails(other, at), sendImmediateMails(deps, at), sendImmediateMails(other, at)]);
        mailed += runs.reduce((sum, r) => sum + r.mailed, 0);
      }
      assert.equal(mailed, 6);
      for (const w of worlds) assert.equal(smtp.to(w.asker.email).length, 1);
    } finally {
      await other.close();
    }
  });
});
