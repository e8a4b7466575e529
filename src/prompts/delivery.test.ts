import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, createCapturingMailer } from '../../test/harness.ts';
import { runPromptScheduler } from './delivery.ts';
import { insertPrompt, type NewPrompt } from './prompts.repository.ts';
import { planOccurrences } from './prompts.models.ts';

test('a prompt goes out once per member, within the weekly budget, and held ones follow the next week', async (t) => {
  const mailer = createCapturingMailer();
  const deps = await createTestDeps({ mailer });
  t.after(() => deps.close());
  const org = await createTestOrganisation(deps);
  const sender = await createTestUser(deps, org.id);
  const members = await Promise.all([1, 2, 3].map(() => createTestUser(deps, org.id)));
  const community = await createTestCommunity(deps, org.id, { members: [{ userId: sender.id, role: 'facilitator' }, ...members.map((m) => ({ userId: m.id }))] });
  const start = new Date('2026-11-30T08:00:00Z'); // a Monday
  const prompt = (n: number): NewPrompt => ({
    id: deps.ids.uuid(), communityId: community.id, authorId: sender.id, kind: 'reflection', text: `Prikkel ${n}`, learningQuestionId: null, responseMode: 'text',
    visibility: 'facilitators', pollOptions: [], audience: {}, scheduleKind: 'now', schedule: {}, responseWindowHours: 48, reminderAfterHours: 24, now: start,
  });
  for (const n of [1, 2, 3]) {
    const planned = planOccurrences('now', {}, start);
    assert.ok('occurrences' in planned);
    await insertPrompt(deps.db, prompt(n), planned.occurrences, () => deps.ids.uuid());
  }
  const first = await runPromptScheduler(deps, start);
  assert.equal(first.occurrences.length, 3);
  assert.deepEqual(first.occurrences.map((o) => o.counts.delivered + o.counts.held), [3, 3, 3]);
  // Budget 2 per week: the third prompt is held for every member.
  assert.deepEqual(first.occurrences.map((o) => o.counts.held), [0, 0, 3]);
  assert.equal(mailer.sent.length, 6);
  const again = await runPromptScheduler(deps, new Date(start.getTime() + 60_000));
  assert.equal(again.occurrences.length, 0);
  assert.equal(mailer.sent.length, 6, 'nothing is sent twice');
  const nextWeek = await runPromptScheduler(deps, new Date('2026-12-07T08:00:00Z'));
  assert.equal(nextWeek.released, 3);
  assert.equal(mailer.sent.length, 9);
});
