import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createCapturingMailer, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type CapturingMailer, type TestDeps } from '../../test/harness.ts';
import { runPromptScheduler } from './delivery.ts';
import { insertBulkMembers, scheduleTestPrompt, useOwnDatabase } from './engine.test-support.ts';

/**
 * Two workers (each with its own connection pool, mailer and event bus, as two app instances
 * have) run the scheduler at the same moments against one database: each occurrence goes out
 * once, each member gets one row and at most one mail per occurrence; a restart changes nothing.
 */
describe('prompt delivery with two workers on one database', () => {
  let database: Awaited<ReturnType<typeof useOwnDatabase>>;
  before(async () => {
    database = await useOwnDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  it('delivers every occurrence once and mails every member once, however the runs interleave; a restart adds nothing', async () => {
    const workers: { deps: TestDeps; mailer: CapturingMailer }[] = [];
    const start = async () => {
      const mailer = createCapturingMailer();
      const worker = { deps: await createTestDeps({ mailer }), mailer };
      workers.push(worker);
      return worker;
    };
    const a = await start();
    const b = await start();
    try {
      const org = await createTestOrganisation(a.deps);
      await a.deps.db.updateTable('organisations').set({ prompt_budget_per_week: 14 }).where('id', '=', org.id).execute();
      const sender = await createTestUser(a.deps, org.id);
      const community = await createTestCommunity(a.deps, org.id, { members: [{ userId: sender.id, role: 'facilitator' }] });
      // 200 members; every tenth does not want prompt mail.
      await insertBulkMembers(a.deps, { organisationId: org.id, communityId: community.id, count: 200, tag: `w-${community.slug}`, promptEmailEvery: 10 });

      const t0 = new Date('2027-05-03T07:00:00Z'); // a Monday, 09:00 in Amsterdam
      const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
      const prompts = [
        await scheduleTestPrompt(a.deps, { communityId: community.id, authorId: sender.id, now: t0, text: 'Nu meteen' }),
        ...(await Promise.all(
          [3, 6, 6, 11].map((m) => {
            const local = new Date(minutes(m).getTime() + 2 * 3_600_000).toISOString(); // CEST
            return scheduleTestPrompt(a.deps, { communityId: community.id, authorId: sender.id, now: t0, scheduleKind: 'once', schedule: { date: local.slice(0, 10), time: local.slice(11, 16) } });
          }),
        )),
      ];
      const occurrenceIds = prompts.flatMap((p) => p.occurrences.map((o) => o.id));
      assert.equal(occurrenceIds.length, 5);

      // 20 rounds, a minute apart; in each both workers run at once, with small mail batches so
      // that their mail claims interleave too.
      for (let round = 0; round < 20; round++) {
        const now = minutes(round);
        await Promise.all([runPromptScheduler(a.deps, now, { mailBatches: 3 }), runPromptScheduler(b.deps, now, { mailBatches: 3 }), runPromptScheduler(b.deps, now, { mailBatches: 2 })]);
      }

      const rows = await a.deps.db
        .selectFrom('prompt_deliveries')
        .select(['occurrence_id', 'user_id', 'status', 'mail_wanted', 'mailed_at'])
        .where('occurrence_id', 'in', occurrenceIds)
        .execute();
      assert.equal(rows.length, 5 * 200, 'one row per occurrence and member');
      assert.equal(new Set(rows.map((r) => `${r.occurrence_id}/${r.user_id}`)).size, 5 * 200);
      assert.ok(rows.every((r) => r.status === 'delivered'));
      const wanted = rows.filter((r) => r.mail_wanted);
      assert.equal(wanted.length, 5 * 180, 'mail for the members who want it');
      assert.ok(wanted.every((r) => r.mailed_at !== null), 'every wanted mail was sent');

      const mails = [...a.mailer.sent, ...b.mailer.sent];
      assert.equal(mails.length, wanted.length, 'mails sent = deliveries with mail wanted');
      const keys = mails.map((m) => `${m.to}${m.text.match(/\/prikkels\/([0-9a-f-]{36})/)?.[1]}`);
      assert.equal(new Set(keys).size, mails.length, 'no one got the same occurrence twice');

      const delivered = [...a.deps.dispatched, ...b.deps.dispatched].filter((e) => e.name === 'prompt.delivered' && e.payload.occurrenceId);
      assert.equal(delivered.length, 5, 'one prompt.delivered per occurrence, over both workers');
      assert.deepEqual(new Set(delivered.map((e) => e.payload.occurrenceId)), new Set(occurrenceIds));
      const occurrences = await a.deps.db.selectFrom('prompt_occurrences').select(['scheduled_for', 'delivered_at']).where('id', 'in', occurrenceIds).execute();
      assert.ok(occurrences.every((o) => o.delivered_at?.getTime() === o.scheduled_for.getTime()), 'each occurrence went out in the round of its minute');

      // A restart: both workers stop, a new one starts and runs later; nothing new happens.
      const before = await countRows(a.deps, occurrenceIds);
      for (const worker of workers.splice(0)) await worker.deps.close();
      const c = await start();
      for (const later of [20, 21, 60 * 24]) {
        const run = await runPromptScheduler(c.deps, minutes(later));
        assert.deepEqual(run, { occurrences: [], released: 0, reminded: 0, mailed: 0 });
      }
      assert.deepEqual(await countRows(c.deps, occurrenceIds), before);
      assert.equal(c.mailer.sent.length, 0);
    } finally {
      for (const worker of workers) await worker.deps.close();
    }
  });

  it('a mail that failed is sent on a later run, once', async () => {
    const failing = { ...createCapturingMailer(), failuresLeft: 1 };
    const mailer: CapturingMailer = {
      ...failing,
      send: async (message) => {
        if (failing.failuresLeft-- > 0) throw new Error('SMTP down');
        failing.sent.push(message);
      },
    };
    const deps = await createTestDeps({ mailer });
    try {
      const org = await createTestOrganisation(deps);
      const sender = await createTestUser(deps, org.id);
      const member = await createTestUser(deps, org.id);
      const community = await createTestCommunity(deps, org.id, { members: [{ userId: sender.id, role: 'facilitator' }, { userId: member.id }] });
      const now = new Date('2027-06-07T08:00:00Z');
      await scheduleTestPrompt(deps, { communityId: community.id, authorId: sender.id, now });
      const first = await runPromptScheduler(deps, now);
      assert.equal(first.occurrences.length, 1);
      assert.equal(first.mailed, 0);
      assert.equal(mailer.sent.length, 0);
      const second = await runPromptScheduler(deps, new Date(now.getTime() + 60_000));
      assert.equal(second.mailed, 1);
      const third = await runPromptScheduler(deps, new Date(now.getTime() + 120_000));
      assert.equal(third.mailed, 0);
      assert.equal(mailer.to(member.email).length, 1);
    } finally {
      await deps.close();
    }
  });
});

async function countRows(deps: TestDeps, occurrenceIds: string[]) {
  const row = await sql<{ deliveries: number; mailed: number; delivered: number }>`
    SELECT (SELECT count(*)::int FROM prompt_deliveries WHERE occurrence_id = ANY(${occurrenceIds}::uuid[])) AS deliveries,
      (SELECT count(*)::int FROM prompt_deliveries WHERE occurrence_id = ANY(${occurrenceIds}::uuid[]) AND mailed_at IS NOT NULL) AS mailed,
      (SELECT count(*)::int FROM prompt_occurrences WHERE id = ANY(${occurrenceIds}::uuid[]) AND delivered_at IS NOT NULL) AS delivered`.execute(deps.db);
  return row.rows[0];
}
