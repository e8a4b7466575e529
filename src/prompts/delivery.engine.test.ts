import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createCapturingMailer, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import { runPromptScheduler } from './delivery.ts';
import { scheduleTestPrompt, useOwnDatabase } from './engine.test-support.ts';

/**
 * The scheduler under an injected clock, across the 2027 daylight-saving changes in
 * Europe/Amsterdam (28 March: 02:00 → 03:00; 31 October: 03:00 → 02:00): every member gets every
 * occurrence exactly once, never before its moment and never lost.
 */
describe('prompt delivery across daylight-saving changes', () => {
  let database: Awaited<ReturnType<typeof useOwnDatabase>>;
  let deps: TestDeps;
  const mailer = createCapturingMailer();

  before(async () => {
    database = await useOwnDatabase();
    deps = await createTestDeps({ mailer });
  });
  after(async () => {
    await deps?.close();
    await database?.drop();
  });

  it('delivers each weekly occurrence once, at its moment, from March to November', async () => {
    const org = await createTestOrganisation(deps);
    // Two weekly prompts and nothing else: the budget is not what this test is about.
    await deps.db.updateTable('organisations').set({ prompt_budget_per_week: 14 }).where('id', '=', org.id).execute();
    const sender = await createTestUser(deps, org.id);
    const members = await Promise.all([1, 2, 3, 4, 5].map(() => createTestUser(deps, org.id)));
    const community = await createTestCommunity(deps, org.id, { members: [{ userId: sender.id, role: 'facilitator' }, ...members.map((m) => ({ userId: m.id }))] });
    const scheduledAt = new Date('2027-03-01T10:00:00Z');
    const sunday = await scheduleTestPrompt(deps, {
      communityId: community.id, authorId: sender.id, now: scheduledAt, scheduleKind: 'weekly', schedule: { date: '2027-03-14', time: '02:30', weekday: 7, until: '2027-11-14' }, responseWindowHours: 24,
    });
    const tuesday = await scheduleTestPrompt(deps, {
      communityId: community.id, authorId: sender.id, now: scheduledAt, scheduleKind: 'weekly', schedule: { date: '2027-03-14', time: '09:00', weekday: 2, until: '2027-11-14' }, responseWindowHours: 24,
    });
    const occurrences = [...sunday.occurrences, ...tuesday.occurrences];
    assert.equal(sunday.occurrences.length, 36);
    assert.equal(tuesday.occurrences.length, 35);
    const at = (iso: string) => occurrences.find((o) => o.scheduledFor.toISOString() === iso);
    assert.ok(at('2027-03-28T01:00:00.000Z'), 'the skipped 02:30 moves to 03:00 CEST');
    assert.ok(at('2027-10-31T00:30:00.000Z'), 'the doubled 02:30 is the first one');
    assert.ok(at('2027-03-23T08:00:00.000Z') && at('2027-03-30T07:00:00.000Z'), 'Tuesday 09:00 on both sides of March');
    assert.ok(at('2027-10-26T07:00:00.000Z') && at('2027-11-02T08:00:00.000Z'), 'Tuesday 09:00 on both sides of October');

    // The clock: around every moment (a few minutes before, a millisecond before, exactly, just
    // after) and at random moments in between, always forward, as the minute job would.
    const random = seeded(20270328);
    const moments = new Set<number>();
    for (const o of occurrences) for (const offset of [-180_000, -60_000, -1, 0, 1, 60_000, 240_000]) moments.add(o.scheduledFor.getTime() + offset);
    const from = new Date('2027-03-10T00:00:00Z').getTime();
    const to = new Date('2027-11-20T00:00:00Z').getTime();
    for (let i = 0; i < 150; i++) moments.add(Math.floor(from + random() * (to - from)));
    // The hours around each change, minute by minute.
    for (const change of ['2027-03-28T00:30:00Z', '2027-10-31T00:00:00Z']) {
      for (let minute = 0; minute <= 120; minute++) moments.add(new Date(change).getTime() + minute * 60_000);
    }
    const clock = [...moments].sort((a, b) => a - b);

    for (const ms of clock) {
      const now = new Date(ms);
      const run = await runPromptScheduler(deps, now);
      for (const delivered of run.occurrences) {
        const occurrence = occurrences.find((o) => o.id === delivered.occurrenceId);
        assert.ok(occurrence, 'only our occurrences exist in this database');
        assert.ok(occurrence.scheduledFor.getTime() <= ms, `occurrence ${occurrence.scheduledFor.toISOString()} went out early, at ${now.toISOString()}`);
        assert.equal(occurrence.scheduledFor.getTime(), ms, 'the run at its very moment delivers it, not a later one');
        assert.deepEqual(delivered.counts, { delivered: 5, held: 0, snoozed: 0, opted_out: 0 });
      }
      assert.equal(run.released, 0);
    }

    const ids = occurrences.map((o) => o.id);
    const perOccurrence = await deps.db
      .selectFrom('prompt_occurrences as o')
      .leftJoin('prompt_deliveries as d', 'd.occurrence_id', 'o.id')
      .select(['o.id', 'o.scheduled_for', 'o.delivered_at', sql<number>`count(d.user_id)::int`.as('deliveries'), sql<number>`count(DISTINCT d.user_id)::int`.as('people')])
      .where('o.id', 'in', ids)
      .groupBy(['o.id', 'o.scheduled_for', 'o.delivered_at'])
      .execute();
    assert.equal(perOccurrence.length, 71);
    for (const row of perOccurrence) {
      assert.equal(row.delivered_at?.getTime(), row.scheduled_for.getTime(), `occurrence at ${row.scheduled_for.toISOString()} delivered at its moment`);
      assert.equal(row.deliveries, 5, `occurrence at ${row.scheduled_for.toISOString()}: one row per member`);
      assert.equal(row.people, 5);
    }
    const rows = await deps.db.selectFrom('prompt_deliveries').select(['user_id', 'status', 'delivered_at', 'mailed_at']).where('occurrence_id', 'in', ids).execute();
    assert.equal(rows.length, 71 * 5);
    assert.ok(rows.every((r) => r.status === 'delivered' && r.mailed_at !== null));
    assert.ok(!rows.some((r) => r.user_id === sender.id), 'the sender is not in the audience');
    for (const member of members) assert.equal(mailer.to(member.email).length, 71, 'one mail per occurrence per member');
    assert.equal(mailer.sent.length, 71 * 5);
    const delivered = deps.dispatched.filter((e) => e.name === 'prompt.delivered' && e.payload.occurrenceId);
    assert.equal(delivered.length, 71);
    assert.equal(new Set(delivered.map((e) => e.payload.occurrenceId)).size, 71);
  });
});

/** A small deterministic generator (mulberry32), so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
