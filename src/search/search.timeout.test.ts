import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { actorOf, bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient, testDatabaseUrl } from '../../test/harness.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { isAppError } from '../platform/errors.ts';
import { indexTestDocument, searchFilter } from './search.test-support.ts';
import { findSimilarQuestions, searchContent } from './search.usecases.ts';

/**
 * A search is bounded: PostgreSQL cancels it after SEARCH_TIMEOUT_MS. To make a search slow for
 * real, another connection holds an exclusive lock on search_documents, so the search waits (a
 * lock wait counts towards statement_timeout). The answer is a clear message (page) or a 503
 * (API), the process stays up and every pooled connection is clean afterwards.
 */
describe('search: bounded by a statement timeout', () => {
  const TIMEOUT_MS = 250;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let actor: Actor;
  let token: string;
  let communityId: string;
  const word = `tijdslimiet${Date.now().toString(36).replace(/\d/g, '')}`;

  before(async () => {
    t = await createTestApp({ config: { searchTimeoutMs: TIMEOUT_MS } });
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id);
    actor = actorOf(user);
    token = await createTestPersonalAccessToken(t.deps, user.id, 'read');
    const community = await createTestCommunity(t.deps, org.id, { visibility: 'secret', members: [{ userId: user.id }] });
    communityId = community.id;
    await indexTestDocument(t.deps, { communityId, title: `Vraag over ${word}`, body: `De ${word} geldt voor iedereen.` });
  });
  after(() => t.close());

  /** Runs `work` while another session holds search_documents exclusively; releases it afterwards. */
  async function whileLocked<T>(work: () => Promise<T>): Promise<T> {
    const locker = new pg.Client({ connectionString: testDatabaseUrl() });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE search_documents IN ACCESS EXCLUSIVE MODE');
      return await work();
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  }

  it('cancels a search that takes too long, with search.timeout (503), in about the configured time', async () => {
    let elapsed = 0;
    const error = await whileLocked(async () => {
      const started = Date.now();
      const outcome = await searchContent(t.deps, actor, searchFilter(word)).then(() => undefined, (e: unknown) => e);
      elapsed = Date.now() - started;
      return outcome;
    });
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, 'search.timeout');
    assert.equal(error.status, 503);
    assert.equal((error.cause as { code?: string }).code, '57014', 'PostgreSQL cancelled the statement');
    assert.ok(elapsed >= TIMEOUT_MS && elapsed < TIMEOUT_MS + 3000, `took ${elapsed} ms`);
  });

  it('answers the API with 503 problem+json and the page with a clear message, and similar questions with none', async () => {
    const client = await sessionClient(t.deps, t.app, actor.userId);
    const [api, page, similar] = await whileLocked(() =>
      Promise.all([
        bearerRequest(t.app, token, 'GET', `/api/v1/search?q=${word}`),
        client.get(`/zoeken?q=${word}`),
        findSimilarQuestions(t.deps, actor, { communityId, title: `Vraag over ${word}` }),
      ]),
    );
    assert.equal(api.statusCode, 503);
    assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
    assert.equal(api.json().code, 'search.timeout');
    assert.match(api.json().title, /duurde te lang/);
    assert.equal(page.statusCode, 503);
    assert.match(page.body, /Het zoeken duurde te lang en is gestopt\. Maak je zoekvraag preciezer/);
    assert.match(page.body, /name="q"[^>]*value="tijdslimiet/, 'the form keeps the words, to narrow them down');
    assert.deepEqual(similar, []);
  });

  it('leaves the process and every pooled connection healthy afterwards', async () => {
    await whileLocked(() => Promise.all(Array.from({ length: 4 }, () => searchContent(t.deps, actor, searchFilter(word)).catch(() => undefined))));
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => searchContent(t.deps, actor, searchFilter(word))));
    for (const outcome of outcomes) assert.equal(outcome.total, 1);
    // Hold all four connections of the pool at once: none is left in a transaction or with the search's settings.
    const settings = await Promise.all(
      Array.from({ length: 4 }, () =>
        sql<{ timeout: string; plans: string }>`SELECT s.timeout, s.plans FROM (SELECT current_setting('statement_timeout') AS timeout, current_setting('plan_cache_mode') AS plans, pg_sleep(0.05)) s`.execute(t.deps.db),
      ),
    );
    for (const { rows } of settings) assert.deepEqual(rows[0], { timeout: '0', plans: 'auto' });
    const api = await bearerRequest(t.app, token, 'GET', `/api/v1/search?q=${word}`);
    assert.equal(api.statusCode, 200);
    assert.equal(api.json().total, 1);
  });
});
