import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createDb, type Db } from '../db/database.ts';
import { isAppError } from '../errors.ts';
import { testDatabaseUrl } from '../../../test/harness.ts';
import { createRateLimiter } from './rate-limit.ts';

/** Two pools stand in for two app instances: the limit is shared through PostgreSQL. */
describe('rate limiter', () => {
  let first: Db;
  let second: Db;
  before(() => {
    first = createDb(testDatabaseUrl(), 5).db;
    second = createDb(testDatabaseUrl(), 5).db;
  });
  after(async () => {
    await first.destroy();
    await second.destroy();
  });

  it('holds across two instances, even under concurrent hits', async () => {
    const key = `test:${randomUUID()}`;
    const limiters = [createRateLimiter(first), createRateLimiter(second)];
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (limiters[i % 2] as ReturnType<typeof createRateLimiter>).hit(key, 10, 60)));
    const rejected = results.filter((r) => r.status === 'rejected');
    assert.equal(results.length - rejected.length, 10, 'exactly the limit passes');
    const reason = (rejected[0] as PromiseRejectedResult).reason;
    assert.ok(isAppError(reason));
    assert.equal(reason.status, 429);
    const retryAfter = Number(reason.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60);
  });

  it('starts a new window after the old one ends, and can be reset', async () => {
    const key = `test:${randomUUID()}`;
    const limiter = createRateLimiter(first);
    await limiter.hit(key, 1, 60);
    await assert.rejects(limiter.hit(key, 1, 60));
    await first.updateTable('rate_limits').set({ window_start: new Date(Date.now() - 61_000) }).where('key', '=', key).execute();
    await limiter.hit(key, 1, 60);
    await limiter.reset(key);
    await limiter.hit(key, 1, 60);
  });
});
