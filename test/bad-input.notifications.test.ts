/** The bad-input sweep (see bad-input.test.ts) over the notification centre, its preferences and API. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestAppWithRoutes } from './route-inventory.ts';
import { sweepEntry, type TestApp } from './bad-input.support.ts';
import { NOTIFICATION_ENTRIES } from './bad-input.notifications.ts';

describe('bad input: notifications survive malformed, oversized and wrong-typed input', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestAppWithRoutes();
  });
  after(() => t.close());

  for (const entry of NOTIFICATION_ENTRIES) {
    it(`${entry.method} ${entry.route} (as ${entry.as})`, async (ctx) => {
      const { count, failures } = await sweepEntry(t, entry);
      ctx.diagnostic(`${count} cases`);
      assert.deepEqual(failures, [], `${entry.method} ${entry.route}\n  ${failures.join('\n  ')}`);
    });
  }
});
