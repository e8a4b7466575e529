import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCapturingMailer, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import { runPromptScheduler } from './delivery.ts';
import { scheduleTestPrompt, useOwnDatabase } from './engine.test-support.ts';

/**
 * The weekly noise budget (default 2, over all communities), opt-outs and snoozes, through the
 * scheduler in January 2027 (weeks start on Monday 4, 11, 18 and 25 January, Amsterdam time).
 */
describe('noise budget and opt-outs', () => {
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

  it('holds what is over the budget, releases it oldest first in later weeks, and never what was opted out, cancelled or left', async () => {
    const org = await createTestOrganisation(deps);
    const silentOrg = await createTestOrganisation(deps);
    await deps.db.updateTable('organisations').set({ prompt_budget_per_week: 0 }).where('id', '=', silentOrg.id).execute();
    const sender = await createTestUser(deps, org.id, { name: 'Sanne Sender' });
    const alice = await createTestUser(deps, org.id, { name: 'Alice' });
    const carol = await createTestUser(deps, org.id, { name: 'Carol' }); // opted out of B
    const dave = await createTestUser(deps, org.id, { name: 'Dave' }); // snoozed until Wednesday noon
    const erin = await createTestUser(deps, silentOrg.id, { name: 'Erin' }); // her organisation's budget is 0
    const frank = await createTestUser(deps, org.id, { name: 'Frank' }); // leaves B after the first week
    const people = { alice, carol, dave, erin, frank };
    const members = [{ userId: sender.id, role: 'facilitator' as const }, ...Object.values(people).map((p) => ({ userId: p.id }))];
    const a = await createTestCommunity(deps, org.id, { members });
    const b = await createTestCommunity(deps, org.id, { members });
    await deps.db.insertInto('prompt_opt_outs').values({ user_id: carol.id, community_id: b.id, created_at: new Date('2027-01-01T00:00:00Z') }).execute();
    await deps.db.updateTable('users').set({ prompts_snoozed_until: new Date('2027-01-06T11:00:00Z') }).where('id', '=', dave.id).execute();

    // One prompt a day at 09:00 (08:00Z), alternating between the communities; P7 in week two.
    const scheduledAt = new Date('2027-01-01T12:00:00Z');
    const days = { P1: ['2027-01-04', a], P2: ['2027-01-05', b], P3: ['2027-01-06', a], P4: ['2027-01-07', b], P5: ['2027-01-08', a], P6: ['2027-01-09', b], P7: ['2027-01-12', a] } as const;
    const prompts: Record<string, string> = {};
    for (const [name, [date, community]] of Object.entries(days)) {
      const prompt = await scheduleTestPrompt(deps, { communityId: community.id, authorId: sender.id, now: scheduledAt, scheduleKind: 'once', schedule: { date, time: '09:00' }, text: name });
      prompts[name] = prompt.promptId;
    }
    const statuses = async () => {
      const rows = await deps.db.selectFrom('prompt_deliveries').select(['prompt_id', 'user_id', 'status', 'week_start']).execute();
      const grid: Record<string, Record<string, string>> = {};
      for (const [person, user] of Object.entries(people)) {
        grid[person] = {};
        for (const [name, id] of Object.entries(prompts)) {
          const row = rows.find((r) => r.prompt_id === id && r.user_id === user.id);
          if (row) (grid[person] as Record<string, string>)[name] = row.status;
        }
      }
      return grid;
    };
    const run = (iso: string) => runPromptScheduler(deps, new Date(iso));

    // Week 1: each day's prompt at its moment.
    const week1 = [];
    for (const date of ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-09']) week1.push(await run(`${date}T08:00:00Z`));
    assert.deepEqual(
      week1.map((r) => r.occurrences[0]?.counts),
      [
        { delivered: 3, held: 1, snoozed: 1, opted_out: 0 }, // P1 (A): erin held, dave snoozed
        { delivered: 2, held: 1, snoozed: 1, opted_out: 1 }, // P2 (B): carol opted out
        { delivered: 1, held: 3, snoozed: 1, opted_out: 0 }, // P3 (A): alice and frank over budget — B's prompt counted
        { delivered: 1, held: 3, snoozed: 0, opted_out: 1 }, // P4 (B): dave awake
        { delivered: 1, held: 4, snoozed: 0, opted_out: 0 }, // P5 (A): carol's third
        { delivered: 0, held: 4, snoozed: 0, opted_out: 1 }, // P6 (B)
      ],
    );
    assert.deepEqual(await statuses(), {
      alice: { P1: 'delivered', P2: 'delivered', P3: 'held', P4: 'held', P5: 'held', P6: 'held' },
      carol: { P1: 'delivered', P2: 'opted_out', P3: 'delivered', P4: 'opted_out', P5: 'held', P6: 'opted_out' },
      dave: { P1: 'snoozed', P2: 'snoozed', P3: 'snoozed', P4: 'delivered', P5: 'delivered', P6: 'held' },
      erin: { P1: 'held', P2: 'held', P3: 'held', P4: 'held', P5: 'held', P6: 'held' },
      frank: { P1: 'delivered', P2: 'delivered', P3: 'held', P4: 'held', P5: 'held', P6: 'held' },
    });
    assert.equal(mailer.to(alice.email).length, 2);
    assert.equal(mailer.to(erin.email).length, 0);

    // Sunday 23:30 is still week 1: nothing is released.
    assert.equal((await run('2027-01-10T22:30:00Z')).released, 0);
    // Between the weeks: P6 is cancelled, frank leaves community B.
    await deps.db.updateTable('prompts').set({ cancelled_at: new Date('2027-01-10T22:40:00Z') }).where('id', '=', prompts.P6 as string).execute();
    await deps.db.deleteFrom('community_members').where('community_id', '=', b.id).where('user_id', '=', frank.id).execute();

    // Week 2, Monday 00:05: the held ones go out as far as this week's budget allows, oldest first.
    const monday2 = await run('2027-01-10T23:05:00Z');
    assert.equal(monday2.released, 5); // alice P3+P4, carol P5, frank P3+P5 (P4 is B's, which he left)
    assert.equal((await run('2027-01-11T12:00:00Z')).released, 0, 'a second run in the same week releases nothing more');
    const p7 = await run('2027-01-12T08:00:00Z');
    assert.deepEqual(p7.occurrences[0]?.counts, { delivered: 2, held: 3, snoozed: 0, opted_out: 0 }, 'P7: carol and dave have room; alice and frank used theirs on released prompts');
    assert.deepEqual(await statuses(), {
      alice: { P1: 'delivered', P2: 'delivered', P3: 'delivered', P4: 'delivered', P5: 'held', P6: 'held', P7: 'held' },
      carol: { P1: 'delivered', P2: 'opted_out', P3: 'delivered', P4: 'opted_out', P5: 'delivered', P6: 'opted_out', P7: 'delivered' },
      dave: { P1: 'snoozed', P2: 'snoozed', P3: 'snoozed', P4: 'delivered', P5: 'delivered', P6: 'held', P7: 'delivered' },
      erin: { P1: 'held', P2: 'held', P3: 'held', P4: 'held', P5: 'held', P6: 'held', P7: 'held' },
      frank: { P1: 'delivered', P2: 'delivered', P3: 'delivered', P4: 'held', P5: 'delivered', P6: 'held', P7: 'held' },
    });

    // Week 3: alice's P5 and P7, frank's P7. Week 4: nothing is left that may go out.
    assert.equal((await run('2027-01-17T23:05:00Z')).released, 3);
    assert.equal((await run('2027-01-24T23:05:00Z')).released, 0);
    const final = await statuses();
    assert.deepEqual(final.alice, { P1: 'delivered', P2: 'delivered', P3: 'delivered', P4: 'delivered', P5: 'delivered', P6: 'held', P7: 'delivered' });
    assert.deepEqual(final.frank, { P1: 'delivered', P2: 'delivered', P3: 'delivered', P4: 'held', P5: 'delivered', P6: 'held', P7: 'delivered' });
    assert.ok(Object.values(final.erin ?? {}).every((s) => s === 'held'), 'a budget of 0 holds everything');
    assert.deepEqual(final.carol, { P1: 'delivered', P2: 'opted_out', P3: 'delivered', P4: 'opted_out', P5: 'delivered', P6: 'opted_out', P7: 'delivered' }, 'opted out stays opted out');
    assert.equal(final.dave?.P1, 'snoozed', 'a snoozed prompt is not delivered later');

    // Released prompts are mailed like delivered ones, and count against the week they went out in.
    assert.equal(mailer.to(alice.email).length, 6);
    assert.equal(mailer.to(frank.email).length, 5);
    assert.equal(mailer.to(erin.email).length, 0);
    const weeks = await deps.db.selectFrom('prompt_deliveries').select(['week_start']).where('user_id', '=', alice.id).where('status', '=', 'delivered').execute();
    const perWeek = new Map<string, number>();
    for (const w of weeks) {
      const key = String(w.week_start);
      perWeek.set(key, (perWeek.get(key) ?? 0) + 1);
    }
    assert.ok([...perWeek.values()].every((n) => n <= 2), `never more than 2 a week: ${JSON.stringify([...perWeek])}`);
    assert.equal(perWeek.size, 3);
  });
});
