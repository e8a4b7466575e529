import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDeps, type TestDeps } from '../../../test/harness.ts';
// The switchable SMTP server of the notification mail tests (accept, 451 for everyone, 550 for some).
import { startTestSmtp, type TestSmtp } from '../../notifications/mail/mail.test-support.ts';
import { useOwnDatabase } from '../../prompts/engine.test-support.ts';
import { backoffMs, MAX_ATTEMPTS, retryQueuedMails, sendOrQueue } from './retry.ts';

/**
 * Mail a feature sends itself survives an SMTP outage: over a real SMTP connection (smtp-server in
 * this process) that answers 451, then refuses connections, then accepts again. Own database:
 * the retry job works over the whole queue.
 */
describe('mail kept through an SMTP outage', () => {
  let smtp: TestSmtp;
  let database: Awaited<ReturnType<typeof useOwnDatabase>>;
  let deps: TestDeps;
  const message = (to: string) => ({ to, subject: 'Iemand probeerde je aanpak', text: 'Tekst', html: '<p>Tekst</p>' });
  const t0 = new Date(Date.UTC(2027, 0, 4, 9, 0));
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const queued = async () => deps.db.selectFrom('mail_retries').select(['purpose', 'attempts', 'next_at', 'last_error', 'message']).execute();

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

  it('sends at once when it can, and queues nothing', async () => {
    assert.equal(await sendOrQueue(deps, 'test.now', message('direct@example.test'), t0), 'sent');
    assert.equal(smtp.to('direct@example.test').length, 1);
    assert.deepEqual(await queued(), []);
  });

  it('queues on a temporary failure and delivers exactly once when the server is back, with backoff', async () => {
    smtp.mode = 'temporary';
    assert.equal(await sendOrQueue(deps, 'practices.tried', message('later@example.test'), t0), 'queued');
    const [row] = await queued();
    assert.deepEqual([row?.purpose, row?.attempts, row?.last_error, row?.next_at.getTime()], ['practices.tried', 1, '451 EENVELOPE', t0.getTime() + backoffMs(1)]);
    assert.equal(row?.message.to, 'later@example.test');
    assert.deepEqual(await retryQueuedMails(deps, at(30_000)), { sent: 0, postponed: 0, dropped: 0 }, 'not due yet');
    assert.deepEqual(await retryQueuedMails(deps, at(60_000)), { sent: 0, postponed: 1, dropped: 0 }, 'still down');
    // Nobody listening at all: a refused connection is temporary too.
    const offline = await createTestDeps({ config: { smtpUrl: 'smtp://127.0.0.1:1' } });
    try {
      assert.deepEqual(await retryQueuedMails(offline, at(60_000 + backoffMs(2))), { sent: 0, postponed: 1, dropped: 0 });
    } finally {
      await offline.close();
    }
    smtp.mode = 'accept';
    const due = at(60_000 + backoffMs(2) + backoffMs(3));
    assert.deepEqual(await retryQueuedMails(deps, new Date(due.getTime() - 1000)), { sent: 0, postponed: 0, dropped: 0 }, 'the third step (15 minutes) is not over');
    assert.deepEqual(await retryQueuedMails(deps, due), { sent: 1, postponed: 0, dropped: 0 });
    assert.equal(smtp.to('later@example.test').length, 1);
    assert.deepEqual(await queued(), []);
    assert.deepEqual(await retryQueuedMails(deps, at(86_400_000)), { sent: 0, postponed: 0, dropped: 0 }, 'sent once');
  });

  it('does not queue an address the server refuses for good, and gives up after a day of trying', async () => {
    smtp.rejected.add('gone@example.test');
    assert.equal(await sendOrQueue(deps, 'test.gone', message('gone@example.test'), t0), 'refused');
    assert.deepEqual(await queued(), []);
    smtp.mode = 'temporary';
    assert.equal(await sendOrQueue(deps, 'test.down', message('down@example.test'), t0), 'queued');
    let now = t0;
    let dropped = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      now = new Date(now.getTime() + backoffMs(attempt));
      dropped += (await retryQueuedMails(deps, now)).dropped;
    }
    assert.equal(dropped, 1);
    assert.deepEqual(await queued(), []);
    assert.ok(now.getTime() - t0.getTime() > 20 * 3_600_000, `gave up after ${(now.getTime() - t0.getTime()) / 3_600_000} hours`);
    smtp.mode = 'accept';
  });

  it('two workers at once send a queued mail once', async () => {
    smtp.mode = 'temporary';
    for (const n of [1, 2, 3]) await sendOrQueue(deps, 'test.race', message(`race${n}@example.test`), t0);
    smtp.mode = 'accept';
    const second = await createTestDeps({ config: { smtpUrl: smtp.url } });
    try {
      const runs = await Promise.all([retryQueuedMails(deps, at(120_000)), retryQueuedMails(second, at(120_000))]);
      assert.equal(runs[0].sent + runs[1].sent, 3);
    } finally {
      await second.close();
    }
    for (const n of [1, 2, 3]) assert.equal(smtp.to(`race${n}@example.test`).length, 1);
  });
});
