import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, testDatabaseUrl, type TestDeps } from '../../test/harness.ts';
import { useOwnDatabase } from '../prompts/engine.test-support.ts';
import type { Database, UserRow } from '../platform/db/schema.ts';
import { rollupSignals } from './rollup.ts';
import { createFigureCache } from './figures.cache.ts';
import { getCommunitySignals } from './signals.usecases.ts';
import { insertAnswer, insertDeliveredPrompt, insertFramework, insertPractice, insertQuestion, insertTry, insertUnclearFlag, local } from './signals.test-support.ts';

/**
 * A hand-built community with known answers: 12 members over two organisations, two weeks of
 * questions with answers at chosen delays (Friday and Saturday questions for the working days),
 * a story tried in and across organisations, a prompt, unclear flags and searches. The rollup
 * works over the whole database, so this file has a database of its own.
 */
describe('community signals on a known dataset', () => {
  let database: Awaited<ReturnType<typeof useOwnDatabase>>;
  let deps: TestDeps;
  let a: UserRow[];
  let b: UserRow[];
  let facilitator: UserRow;
  let manager: UserRow;
  let communityId: string;
  let learningQuestionIds: string[];
  const now = local('2026-03-02 10:00'); // a Monday: last4 is 2 Feb to 1 Mar

  before(async () => {
    database = await useOwnDatabase();
    deps = await createTestDeps();
    const orgA = await createTestOrganisation(deps);
    const orgB = await createTestOrganisation(deps, { kind: 'partner' });
    a = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => createTestUser(deps, orgA.id, { name: `A${i}` })));
    b = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => createTestUser(deps, orgB.id, { name: `B${i}` })));
    facilitator = await createTestUser(deps, orgA.id);
    manager = await createTestUser(deps, orgA.id, { role: 'manager' });
    const community = await createTestCommunity(deps, orgA.id, {
      visibility: 'closed', partners: [orgB.id],
      members: [{ userId: facilitator.id, role: 'facilitator' }, ...[...a, ...b].map((m) => ({ userId: m.id }))],
    });
    communityId = community.id;
    const framework = await insertFramework(deps, { communityId, count: 3, at: local('2026-01-05 09:00') });
    learningQuestionIds = framework.learningQuestionIds;
    const [lq1, lq2, lq3] = learningQuestionIds as [string, string, string];
    const ask = (author: UserRow, at: string, learningQuestionId: string | null = null) => insertQuestion(deps, { communityId, authorId: author.id, at: local(at), learningQuestionId });
    const answer = (questionId: string, author: UserRow, at: string) => insertAnswer(deps, { questionId, authorId: author.id, at: local(at) });

    // Week of 16 February: ten askers; five answered within two working days, five not at all.
    await answer(await ask(a[0]!, '2026-02-16 09:00'), b[0]!, '2026-02-16 10:00'); // 1 h
    await answer(await ask(a[1]!, '2026-02-16 09:00'), b[1]!, '2026-02-16 11:00'); // 2 h
    await answer(await ask(a[2]!, '2026-02-16 09:00'), b[2]!, '2026-02-17 09:00'); // 24 h
    await answer(await ask(a[3]!, '2026-02-21 10:00'), b[3]!, '2026-02-24 23:00'); // Saturday: 85 h, 47 working hours
    await answer(await ask(a[4]!, '2026-02-20 15:00'), b[4]!, '2026-02-24 10:00'); // Friday 15:00: 91 h, 43 working hours
    for (const asker of [a[5]!, b[0]!, b[1]!, b[2]!, b[3]!]) await ask(asker, '2026-02-16 13:00', lq2);
    // Week of 23 February: five askers, all answered after more than two working days.
    await answer(await ask(b[0]!, '2026-02-23 09:00', lq1), a[0]!, '2026-02-25 10:00'); // 49 h
    await answer(await ask(b[1]!, '2026-02-23 09:00', lq1), a[1]!, '2026-02-25 11:00'); // 50 h
    await answer(await ask(b[2]!, '2026-02-23 09:00', lq1), a[2]!, '2026-02-26 09:00'); // 72 h
    await answer(await ask(b[3]!, '2026-02-23 09:00', lq1), a[3]!, '2026-02-27 09:00'); // 96 h
    await answer(await ask(b[4]!, '2026-02-23 09:00', lq1), a[4]!, '2026-02-28 09:00'); // 120 h

    // One story by A1, tried by five colleagues in B (across) and five in A (a2..a6; same organisation).
    const practiceId = await insertPractice(deps, { communityId, authorId: a[0]!.id, at: local('2026-02-23 08:00') });
    for (const tryer of b.slice(0, 5)) await insertTry(deps, { practiceId, communityId, authorId: tryer.id, organisationId: orgB.id, at: local('2026-02-24 14:00') });
    for (const tryer of a.slice(1, 6)) await insertTry(deps, { practiceId, communityId, authorId: tryer.id, organisationId: orgA.id, at: local('2026-02-24 15:00') });

    await insertDeliveredPrompt(deps, {
      communityId, authorId: facilitator.id, recipients: [...a, ...b].map((m) => m.id), respondents: [a[0]!, a[1]!, a[2]!, b[0]!, b[1]!, b[2]!].map((m) => m.id),
      at: local('2026-02-24 09:00'), answeredAt: local('2026-02-24 12:00'),
    });

    // Unclear: six people on the first learning question, five on the second, one on the third.
    const flag = (author: UserRow, learningQuestionId: string) => insertUnclearFlag(deps, { frameworkId: framework.frameworkId, versionId: framework.versionId, learningQuestionId, authorId: author.id, at: local('2026-02-25 12:00') });
    for (const member of a) await flag(member, lq1);
    for (const member of b.slice(0, 5)) await flag(member, lq2);
    await flag(b[5]!, lq3);

    await deps.db.insertInto('search_misses').values([
      { community_id: communityId, day: '2026-02-24', query: 'wmo indicatie', count: 4 },
      { community_id: communityId, day: '2026-02-26', query: 'wmo indicatie', count: 3 },
      { community_id: communityId, day: '2026-02-24', query: 'jan de vries', count: 2 },
    ] as never).execute();

    await rollupSignals(deps, now);
  });
  after(async () => {
    await deps?.close();
    await database?.drop();
  });

  it('counts people, questions, answers and the working-day rule', async () => {
    const signals = await getCommunitySignals(deps, actorOf(manager), { id: communityId }, { kind: 'last4' }, now);
    assert.deepEqual(signals.period.weeks, ['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23']);
    assert.deepEqual(signals.previousPeriod.weeks, ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
    const value = (metric: keyof typeof signals.figures) => signals.figures[metric].current.value;
    // Active: 10 in the week of 16 Feb, 11 in the week of 23 Feb (b6 did nothing countable) → 21 / 4.
    assert.equal(value('active_members'), 5.3);
    assert.equal(value('contributors'), 5.3);
    assert.equal(signals.figures.active_members.current.covers, 11);
    assert.equal(value('questions_asked'), 15);
    assert.equal(value('questions_answered'), 10);
    assert.equal(value('questions_unanswered'), 5);
    assert.equal(value('answered_within_two_working_days'), 5);
    assert.equal(value('answered_later'), 5);
    assert.equal(signals.shares.answered.current.value, 10 / 15);
    assert.equal(signals.shares.answeredWithinTwoWorkingDays.current.value, 5 / 15);
    // Delays 1, 2, 24, 49, 50, 72, 85, 91, 96, 120 hours: the median is between 50 and 72.
    assert.equal(signals.medianHoursToFirstAnswer.current.value, 61);
    assert.equal(value('practice_tries'), 10);
    assert.equal(value('practice_tries_cross_org'), 5);
    assert.equal(value('practice_tries_same_org'), 5);
    assert.equal(value('prompts_delivered'), 12);
    assert.equal(value('prompt_responses'), 6);
    assert.equal(value('prompts_held'), 0);
    assert.equal(signals.shares.responseRate.current.value, 0.5);
    assert.equal(value('unclear_flags'), 12);
  });

  it('suppresses what covers fewer than five people, and its complement', async () => {
    const signals = await getCommunitySignals(deps, actorOf(facilitator), { id: communityId }, { kind: 'last4' }, now);
    // One story by one person.
    assert.deepEqual(signals.figures.practices_shared.current, { value: null, isSuppressed: true, covers: null, reason: 'fewer_than_k' });
    const week = signals.series.find((w) => w.weekStart === '2026-02-23')!;
    assert.equal(week.figures.practices_shared.isSuppressed, true);
    assert.equal(week.figures.questions_asked.value, 5);
    // Learning question 3 has one flag; the second-smallest part (question 2, five flags) goes too,
    // so 12 − 6 cannot give question 3's flag. Suppressed rows are not ranked.
    const [lq1, lq2, lq3] = learningQuestionIds as [string, string, string];
    assert.deepEqual(signals.sharpening.map((row) => [row.learningQuestionId, row.score]), [[lq1, 6], [lq2, null], [lq3, null]]);
    assert.equal(signals.sharpening[1]!.unclearFlags.reason, 'complementary');
    assert.equal(signals.sharpening[2]!.unclearFlags.reason, 'fewer_than_k');
    assert.equal(signals.sharpening[1]!.unansweredQuestions.value, 5);
    // Searches: 7 times "wmo indicatie"; the name searched twice never leaves the database.
    assert.deepEqual(signals.searchMisses, [{ query: 'wmo indicatie', count: { value: 7, isSuppressed: false, covers: 7, reason: null } }]);
    // The previous period had nothing: zeros, shown.
    assert.equal(signals.figures.questions_asked.previous.value, 0);
    assert.equal(signals.figures.questions_asked.previous.isSuppressed, false);
  });

  it('reads only the rollup, never the activity tables', async () => {
    const statements: string[] = [];
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    const recording = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (event) => void statements.push(event.query.sql) });
    try {
      await getCommunitySignals({ db: recording, clock: deps.clock }, actorOf(manager), { id: communityId }, { kind: 'year' }, now);
    } finally {
      await recording.destroy();
    }
    const source = /(?<!\w)(questions|answers|comments|practices|practice_tries|practice_reactions|practice_comments|practice_shares|prompts|prompt_deliveries|prompt_responses|framework_responses|search_misses)(?!\w)/;
    assert.ok(statements.length > 0);
    assert.deepEqual(statements.filter((statement) => source.test(statement)), []);
  });

  it('refuses members (403) and those who may not see the community (404)', async () => {
    const outsiderOrg = await createTestOrganisation(deps);
    const outsider = await createTestUser(deps, outsiderOrg.id, { role: 'manager' });
    const partnerAdmin = await createTestUser(deps, b[0]!.organisation_id, { role: 'admin' });
    const read = (user: UserRow) => getCommunitySignals(deps, actorOf(user), { id: communityId }, { kind: 'last4' }, now);
    await assert.rejects(read(a[0]!), { code: 'signals.forbidden', status: 403 });
    await assert.rejects(read(partnerAdmin), { code: 'signals.forbidden', status: 403 });
    await assert.rejects(read(outsider), { code: 'communities.not_found', status: 404 });
    // A secret community: the owning organisation's manager does not see it at all.
    const secret = await createTestCommunity(deps, a[0]!.organisation_id, { visibility: 'secret', members: [{ userId: facilitator.id, role: 'facilitator' }, { userId: a[1]!.id }] });
    await assert.rejects(getCommunitySignals(deps, actorOf(manager), { id: secret.id }, { kind: 'last4' }, now), { code: 'communities.not_found', status: 404 });
    await assert.rejects(getCommunitySignals(deps, actorOf(a[1]!), { id: secret.id }, { kind: 'last4' }, now), { code: 'signals.forbidden', status: 403 });
    assert.equal((await getCommunitySignals(deps, actorOf(facilitator), { id: secret.id }, { kind: 'last4' }, now)).figures.questions_asked.current.value, 0);
  });

  it('answers 422 for a period that is not whole, completed weeks', async () => {
    const read = (period: Parameters<typeof getCommunitySignals>[3]) => getCommunitySignals(deps, actorOf(manager), { id: communityId }, period, now);
    await assert.rejects(read({ kind: 'weeks', from: '2026-02-17', to: '2026-02-23' }), (e: { status: number; fields: { field: string; code: string }[] }) => e.status === 422 && e.fields[0]!.code === 'signals.period.not_monday');
    await assert.rejects(read({ kind: 'weeks', from: '2026-02-16', to: '2026-03-02' }), (e: { fields: { code: string }[] }) => e.fields[0]!.code === 'signals.period.future');
    await assert.rejects(read({ kind: 'weeks', from: '2026-02-23', to: '2026-02-16' }), (e: { fields: { code: string }[] }) => e.fields[0]!.code === 'signals.period.order');
    const custom = await read({ kind: 'weeks', from: '2026-02-16', to: '2026-02-16' });
    assert.equal(custom.figures.questions_asked.current.value, 10);
    assert.deepEqual(custom.previousPeriod.weeks, ['2026-02-09']);
  });

  it('serves computed figures from the cache until the rollup runs again, never stale ones', async () => {
    const cached = { ...deps, figureCache: createFigureCache() };
    const read = (at: Date) => getCommunitySignals(cached, actorOf(manager), { id: communityId }, { kind: 'weeks', from: '2026-02-16', to: '2026-02-23' }, at);
    const first = await read(now);
    // Rows changed behind the rollup's back are not seen while its run stays the same: the cache answers.
    await deps.db.updateTable('signal_weekly').set({ value: 999 }).where('community_id', '=', communityId).where('metric', '=', 'questions_asked').where('week_start', '=', '2026-02-16').execute();
    assert.deepEqual(await read(now), first);
    // A new run is a new generation: the figures are read and computed again.
    await rollupSignals(deps, local('2026-03-02 11:00'));
    const after = await read(now);
    assert.equal(after.figures.questions_asked.current.value, 15, 'the rollup rewrote the tampered week, and the cache did not hide it');
    assert.deepEqual(after.figures, first.figures);
  });

  it('is idempotent, and picks up new activity and late answers on the next run', async () => {
    const snapshot = async () => ({
      weekly: await deps.db.selectFrom('signal_weekly').selectAll().orderBy('community_id').orderBy('week_start').orderBy('metric').orderBy('subject').execute(),
      questions: await deps.db.selectFrom('signal_questions').selectAll().orderBy('question_id').execute(),
    });
    const first = await snapshot();
    await rollupSignals(deps, now);
    assert.deepEqual(await snapshot(), first);

    // A week later: five new questions in the week of 2 March, and an answer to an old one.
    const later = local('2026-03-09 10:00');
    for (const asker of a.slice(0, 5)) await insertQuestion(deps, { communityId, authorId: asker.id, at: local('2026-03-03 09:00') });
    const old = await deps.db.selectFrom('questions').select('id').where('author_id', '=', a[5]!.id).where('community_id', '=', communityId).executeTakeFirstOrThrow();
    await insertAnswer(deps, { questionId: old.id, authorId: b[5]!.id, at: local('2026-03-03 10:00') });
    await rollupSignals(deps, later);
    const read = (from: string, to: string) => getCommunitySignals(deps, actorOf(manager), { id: communityId }, { kind: 'weeks', from, to }, later);
    assert.equal((await read('2026-03-02', '2026-03-02')).figures.questions_asked.current.value, 5);
    const stored = await deps.db.selectFrom('signal_weekly').select(['value', 'people']).where('community_id', '=', communityId).where('week_start', '=', '2026-02-16').where('metric', '=', 'questions_answered').executeTakeFirstOrThrow();
    assert.deepEqual(stored, { value: 6, people: 6 }, 'the late answer moved the cohort of 16 February');
    // Now four questions by four people are unanswered: suppressed, and so is its complement.
    const cohort = await read('2026-02-16', '2026-02-16');
    assert.equal(cohort.figures.questions_asked.current.value, 10);
    assert.equal(cohort.figures.questions_unanswered.current.reason, 'fewer_than_k');
    assert.equal(cohort.figures.questions_answered.current.reason, 'complementary');
    assert.equal(cohort.shares.answered.current.isSuppressed, true);
    assert.equal(cohort.medianHoursToFirstAnswer.current.isSuppressed, true);
  });
});
