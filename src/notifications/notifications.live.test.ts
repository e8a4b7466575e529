import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { actorOf, createTestApp, createTestCommunity, createTestOrganisation, createTestUser, sessionClient, testDatabaseUrl } from '../../test/harness.ts';
import { askQuestion } from '../questions/questions.usecases.ts';
import { createLiveCounts } from './notifications.live.ts';
import { processEventsSoFar } from './notifications.test-support.ts';
import { countUnread } from './notifications.usecases.ts';

type App = Awaited<ReturnType<typeof createTestApp>>;

/** An open /meldingen/live response, read as a browser's EventSource would. */
function openStream(baseUrl: string, cookie: string) {
  const counts: { value: number; at: number }[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  let headers: http.IncomingHttpHeaders = {};
  let request!: http.ClientRequest;
  const opened = new Promise<void>((resolve, reject) => {
    request = http.get(`${baseUrl}/meldingen/live`, { headers: { cookie, accept: 'text/event-stream', 'accept-encoding': 'gzip, br' } }, (response) => {
      headers = response.headers;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: count$/m.test(block)) counts.push({ value: Number(block.match(/^data: (\d+)$/m)?.[1]), at: Date.now() });
          waiters.splice(0).forEach((wake) => wake());
        }
      });
      resolve();
    });
    request.on('error', reject);
  });
  return {
    opened,
    counts,
    headers: () => headers,
    /** Waits for a count event with this value, after `since` events. */
    async waitFor(value: number, since: number, timeoutMs = 3000): Promise<{ value: number; at: number }> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = counts.slice(since).find((c) => c.value === value);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no count ${value} within ${timeoutMs} ms; got ${JSON.stringify(counts.map((c) => c.value))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => request.destroy(),
  };
}

describe('the live unread count between instances', () => {
  let one: App;
  let two: App;
  let baseUrl: string;
  before(async () => {
    one = await createTestApp();
    two = await createTestApp();
    await one.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(one.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await one.close();
    await two.close();
  });

  it('sends the count on connect, and a new one within a second of an answer posted through another instance', async () => {
    const org = await createTestOrganisation(one.deps);
    const asker = await createTestUser(one.deps, org.id);
    const answerer = await createTestUser(one.deps, org.id);
    const community = await createTestCommunity(one.deps, org.id, { members: [{ userId: asker.id }, { userId: answerer.id }] });
    const question = await askQuestion(one.deps, actorOf(asker), { id: community.id }, { kind: 'how', title: 'Live?', body: '' });
    await processEventsSoFar(one.deps);

    const askerClient = await sessionClient(one.deps, one.app, asker.id);
    const stream = openStream(baseUrl, [...askerClient.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    await stream.opened;
    assert.match(String(stream.headers()['content-type']), /^text\/event-stream/);
    assert.equal(stream.headers()['content-encoding'], undefined, 'never compressed');
    await stream.waitFor(0, 0);
    // Let the listener of instance one be listening before the answer (it starts with the first stream).
    await new Promise((resolve) => setTimeout(resolve, 300));

    const answererClient = await sessionClient(two.deps, two.app, answerer.id);
    const posted = await answererClient.post(`/vragen/${question.id}/antwoorden`, { body: 'Via de andere instantie.' });
    assert.equal(posted.statusCode, 303);
    const seen = stream.counts.length;
    await processEventsSoFar(two.deps);
    const processedAt = Date.now();
    const event = await stream.waitFor(1, seen, 1000);
    assert.ok(event.at - processedAt < 1000, `arrived after ${event.at - processedAt} ms`);

    // Marking it read in another tab, on the other instance, brings the count back to 0 here.
    const askerOnTwo = await sessionClient(two.deps, two.app, asker.id);
    const before = stream.counts.length;
    assert.equal((await askerOnTwo.post('/meldingen/alles-gelezen')).statusCode, 303);
    await stream.waitFor(0, before, 1000);
    // The stream stays open: closing the server ends it (after() would hang otherwise).
  });
});

describe('the live count hub', () => {
  it('sends keep-alive comments, coalesces bursts per user, and ends its streams when stopped', async (t) => {
    const app = await createTestApp();
    t.after(() => app.close());
    const org = await createTestOrganisation(app.deps);
    const user = await createTestUser(app.deps, org.id);
    let queries = 0;
    const hub = createLiveCounts({
      databaseUrl: testDatabaseUrl(),
      logger: app.deps.logger,
      keepAliveMs: 50,
      countFor: async (userId) => {
        queries++;
        return countUnread(app.deps, { userId });
      },
    });
    const written: string[] = [];
    let ended = false;
    hub.open(user.id, { write: (chunk: string) => written.push(chunk), end: () => (ended = true) });
    await hub.ready();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(written.includes('event: count\ndata: 0\n\n'));
    assert.ok(written.includes(': keep-alive\n\n'));
    const before = queries;
    // A burst of 20 notifications for this user: far fewer count queries than that.
    for (let i = 0; i < 20; i++) await sql`SELECT pg_notify('lk_notifications', ${user.id})`.execute(app.deps.db);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(queries - before >= 1 && queries - before < 20, `${queries - before} count queries for 20 notifications`);
    assert.equal(written.filter((w) => w.startsWith('event: count')).length, 1, 'an unchanged count is not sent again');
    await hub.stop();
    assert.ok(ended);
    assert.equal(hub.openStreams(), 0);
  });
});
