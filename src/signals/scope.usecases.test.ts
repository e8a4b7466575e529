import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import { useOwnDatabase } from '../prompts/engine.test-support.ts';
import type { UserRow } from '../platform/db/schema.ts';
import { rollupSignals } from './rollup.ts';
import { getScopeSignals } from './scope.usecases.ts';
import { getCommunitySignals } from './signals.usecases.ts';
import { insertAnswer, insertFramework, insertQuestion, insertUnclearFlag, local } from './signals.test-support.ts';

/**
 * The organisation and chain views on a hand-built dataset with known answers. A municipality (A)
 * with a partner (B) and an unrelated organisation (C):
 *   X  owned by A, closed, partner B: six A-askers, every question answered by B (five answerers)
 *   Y  owned by A, open, no partner:  three A-askers (fewer than five: suppressed)
 *   Z  owned by B, closed, partner A: five B-askers, answered by five A-people
 *   S  owned by A, secret, partner B: seven askers, never in a manager's view
 *   W  owned by C:                    eight askers, none of A's business
 * All in the week of 16 February 2026; "last4" on 2 March covers it.
 */
describe('organisation and chain signals on a known dataset', () => {
  let database: Awaited<ReturnType<typeof useOwnDatabase>>;
  let deps: TestDeps;
  let managerA: UserRow;
  let managerB: UserRow;
  let memberA: UserRow;
  const ids: Record<'X' | 'Y' | 'Z' | 'S' | 'W', string> = { X: '', Y: '', Z: '', S: '', W: '' };
  let orgAId: string;
  let orgBId: string;
  const now = local('2026-03-02 10:00');

  before(async () => {
    database = await useOwnDatabase();
    deps = await createTestDeps();
    const orgA = await createTestOrganisation(deps, { name: 'Gemeente A' });
    const orgB = await createTestOrganisation(deps, { name: 'Zorgpartner B', kind: 'partner' });
    const orgC = await createTestOrganisation(deps, { name: 'Gemeente C' });
    orgAId = orgA.id;
    orgBId = orgB.id;
    const people = async (orgId: string, n: number) => Promise.all(Array.from({ length: n }, () => createTestUser(deps, orgId)));
    const a = await people(orgA.id, 8);
    const b = await people(orgB.id, 8);
    const c = await people(orgC.id, 8);
    managerA = await createTestUser(deps, orgA.id, { role: 'manager' });
    managerB = await createTestUser(deps, orgB.id, { role: 'manager' });
    memberA = a[7]!;
    const community = async (name: string, orgId: string, visibility: 'open' | 'closed' | 'secret', partners: string[]) =>
      (await createTestCommunity(deps, orgId, { name, visibility, partners, members: [...a, ...b, ...c].map((m) => ({ userId: m.id })) })).id;
    ids.X = await community('Kring X', orgA.id, 'closed', [orgB.id]);
    ids.Y = await community('Kring Y', orgA.id, 'open', []);
    ids.Z = await community('Kring Z', orgB.id, 'closed', [orgA.id]);
    ids.S = await community('Kring S', orgA.id, 'secret', [orgB.id]);
    ids.W = await community('Kring W', orgC.id, 'open', []);

    const ask = (communityId: string, author: UserRow, learningQuestionId: string | null = null) => insertQuestion(deps, { communityId, authorId: author.id, at: local('2026-02-16 09:00'), learningQuestionId });
    const answer = (questionId: string, author: UserRow) => insertAnswer(deps, { questionId, authorId: author.id, at: local('2026-02-16 11:00') });
    const framework = await insertFramework(deps, { communityId: ids.X, count: 2, at: local('2026-01-05 09:00') });
    for (const [i, asker] of a.slice(0, 6).entries()) await answer(await ask(ids.X, asker, framework.learningQuestionIds[0]!), b[i % 5]!);
    for (const asker of a.slice(0, 3)) await ask(ids.Y, asker);
    for (const [i, asker] of b.slice(0, 5).entries()) await answer(await ask(ids.Z, asker), a[i]!);
    for (const asker of [...a.slice(0, 4), ...b.slice(0, 3)]) await ask(ids.S, asker);
    for (const asker of c) await ask(ids.W, asker);
    // Six people find the first learning question of X unclear.
    for (const member of a.slice(0, 6)) await insertUnclearFlag(deps, { frameworkId: framework.frameworkId, versionId: framework.versionId, learningQuestionId: framework.learningQuestionIds[0]!, authorId: member.id, at: local('2026-02-17 12:00') });
    await deps.db.insertInto('search_misses').values([
      { community_id: ids.X, day: '2026-02-17', query: 'wmo indicatie', count: 5 },
      { community_id: ids.Y, day: '2026-02-17', query: 'wmo indicatie', count: 3 },
      { community_id: ids.X, day: '2026-02-17', query: 'jeugd', count: 3 },
      { community_id: ids.Y, day: '2026-02-17', query: 'jeugd', count: 3 },
    ] as never).execute();
    await rollupSignals(deps, now);
  });
  after(async () => {
    await deps?.close();
    await database?.drop();
  });

  it("sums the organisation's own communities, leaving out what a community hides, never secret ones", async () => {
    const signals = await getScopeSignals(deps, actorOf(managerA), 'organisation', orgAId, { kind: 'last4' }, 1, now);
    assert.equal(signals.organisation.name, 'Gemeente A');
    assert.equal(signals.communityCount, 2, 'X and Y; S is secret, Z belongs to B');
    assert.deepEqual(signals.communities.items.map((c) => c.name), ['Kring X', 'Kring Y']);
    // X shows 6; Y's 3 (three people) is suppressed there and left out here.
    assert.deepEqual(signals.figures.questions_asked.current, { value: 6, isSuppressed: false, covers: 6, reason: null, leftOut: 1 });
    assert.equal(signals.figures.answers.current.value, 6);
    assert.equal(signals.figures.answers_cross_org.current.value, 6);
    assert.equal(signals.figures.answers_same_org.current.value, 0);
    // The answered share only over communities that show both: X, 6 of 6.
    assert.equal(signals.shares.answered.current.value, 1);
    assert.equal(signals.shares.answered.current.leftOut, 1);
    assert.equal(signals.medianHoursToFirstAnswer.current.value, 2);
    const week = signals.series.find((w) => w.weekStart === '2026-02-16')!;
    assert.equal(week.figures.questions_asked.value, 6);
    assert.equal(week.figures.questions_asked.leftOut, 1);
    // The sharpening list across frameworks: X's first learning question, six flags and none unanswered.
    assert.deepEqual(signals.sharpening.map((r) => [r.community.name, r.text, r.score]), [['Kring X', 'Leervraag 1', 6]]);
    // Searches: only counts a community shows itself (X's five), summed; "jeugd" (3 + 3) never.
    assert.deepEqual(signals.searchMisses.map((m) => [m.query, m.count.value]), [['wmo indicatie', 5]]);
    // The line per community is exactly the community's own page.
    const own = await getCommunitySignals(deps, actorOf(managerA), { id: ids.Y }, { kind: 'last4' }, now);
    const line = signals.communities.items.find((c) => c.id === ids.Y)!;
    assert.deepEqual(line.figures.questions_asked, own.figures.questions_asked.current);
    assert.equal(line.figures.questions_asked.isSuppressed, true);
    assert.equal(line.hasOwnSignals, true);
  });

  it('covers the communities shared between organisations, from either side', async () => {
    const forA = await getScopeSignals(deps, actorOf(managerA), 'chain', orgAId, { kind: 'last4' }, 1, now);
    assert.deepEqual(forA.communities.items.map((c) => [c.name, c.organisationName, c.hasOwnSignals]), [['Kring X', 'Gemeente A', true], ['Kring Z', 'Zorgpartner B', false]]);
    assert.equal(forA.figures.questions_asked.current.value, 11);
    assert.equal(forA.figures.answers_cross_org.current.value, 11);
    assert.equal(forA.shares.answersCrossOrg.current.value, 1);
    const forB = await getScopeSignals(deps, actorOf(managerB), 'chain', orgBId, { kind: 'last4' }, 1, now);
    assert.deepEqual(forB.communities.items.map((c) => c.name), ['Kring X', 'Kring Z']);
    assert.equal(forB.figures.answers_cross_org.current.value, 11);
    // B's own organisation view: only Z.
    const orgB = await getScopeSignals(deps, actorOf(managerB), 'organisation', orgBId, { kind: 'last4' }, 1, now);
    assert.deepEqual(orgB.communities.items.map((c) => c.name), ['Kring Z']);
  });

  it('is for managers of their own organisation: 404 for another, 403 for a member', async () => {
    await assert.rejects(getScopeSignals(deps, actorOf(managerA), 'organisation', orgBId, { kind: 'last4' }, 1, now), { code: 'organisations.not_found', status: 404 });
    await assert.rejects(getScopeSignals(deps, actorOf(managerB), 'chain', orgAId, { kind: 'last4' }, 1, now), { code: 'organisations.not_found', status: 404 });
    await assert.rejects(getScopeSignals(deps, actorOf(memberA), 'organisation', orgAId, { kind: 'last4' }, 1, now), { code: 'signals.scope_forbidden', status: 403 });
    await assert.rejects(
      getScopeSignals(deps, actorOf(managerA), 'chain', orgAId, { kind: 'weeks', from: '2026-02-17', to: '2026-02-23' }, 1, now),
      (e: { status: number; fields: { code: string }[] }) => e.status === 422 && e.fields[0]!.code === 'signals.period.not_monday',
    );
  });

  it('pages the communities and keeps the totals over all of them', async () => {
    const page2 = await getScopeSignals(deps, actorOf(managerA), 'organisation', orgAId, { kind: 'last4' }, 2, now);
    assert.deepEqual(page2.communities.items, []);
    assert.equal(page2.communities.total, 2);
    assert.equal(page2.figures.questions_asked.current.value, 6);
    const all = await getScopeSignals(deps, actorOf(managerA), 'organisation', orgAId, { kind: 'last4' }, 'all', now);
    assert.equal(all.communities.items.length, 2);
    assert.equal(all.communities.hasNext, false);
  });
});
