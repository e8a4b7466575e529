import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import { useOwnDatabase } from '../prompts/engine.test-support.ts';
import { addDays } from '../platform/local-time.ts';
import type { UserRow } from '../platform/db/schema.ts';
import { K, type Figure } from './privacy.ts';
import { rollupSignals } from './rollup.ts';
import { getCommunitySignals, type CommunitySignals } from './signals.usecases.ts';
import { weeksBetween } from './signals.models.ts';
import { insertAnswer, insertFramework, insertPractice, insertQuestion, insertTry, insertUnclearFlag, local } from './signals.test-support.ts';

/**
 * Random organisations and activity, then every allowed query over six weeks (each range of whole
 * weeks, with its previous period): no figure shown covers fewer than K people — checked against
 * the people who really did it, not only the rollup's own count — no equation between shown
 * figures has exactly one suppressed member, and no two allowed queries differ by fewer than K
 * people. Own database: the rollup works over all of it.
 */
const WEEKS = weeksBetween('2026-04-20', '2026-05-25');
const NOW = local('2026-06-01 12:00');
const LEARNING_QUESTIONS = 3;

const activity = fc.record({
  organisations: fc.integer({ min: 1, max: 3 }),
  members: fc.integer({ min: 2, max: 16 }),
  weeks: fc.array(
    fc.record({
      questions: fc.array(fc.record({ asker: fc.nat(), day: fc.integer({ min: 0, max: 6 }), hour: fc.integer({ min: 7, max: 20 }), lq: fc.option(fc.nat(LEARNING_QUESTIONS - 1)), answer: fc.option(fc.record({ answerer: fc.nat(), delayHours: fc.integer({ min: 1, max: 160 }) })) }), { maxLength: 12 }),
      tries: fc.array(fc.record({ author: fc.nat(), story: fc.nat(1) }), { maxLength: 8 }),
      // Mostly on the first learning question, so one small row beside a shown one happens often.
      flags: fc.array(fc.record({ author: fc.nat(), lq: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.nat(LEARNING_QUESTIONS - 1), weight: 1 }) }), { maxLength: 12 }),
    }),
    { minLength: WEEKS.length, maxLength: WEEKS.length },
  ),
});

type Activity = typeof activity extends fc.Arbitrary<infer T> ? T : never;
const quiet = { questions: [], tries: [], flags: [] };
/**
 * Always tried first: one week where a shown part sits beside a small one in every equation —
 * six people flag the first learning question and two the second; ten ask, six of them get an
 * answer within a day and four none; six try in their own organisation and two across.
 */
const KNOWN_HARD_CASE: Activity = {
  organisations: 2,
  members: 12,
  weeks: [quiet, quiet, {
    questions: Array.from({ length: 10 }, (_, i) => ({ asker: i * 2, day: 0, hour: 9, lq: null, answer: i < 6 ? { answerer: i * 2 + 1, delayHours: 3 } : null })),
    tries: [0, 2, 4, 6, 8, 10, 1, 3].map((author) => ({ author, story: 0 })),
    flags: [...[0, 1, 2, 3, 4, 5].map((author) => ({ author, lq: 0 })), { author: 6, lq: 1 }, { author: 7, lq: 1 }],
  }, quiet, quiet, quiet],
};

/** Who really did what, per week: the ground truth the checks compare with. */
type Truth = Map<string, Map<string, Set<string>>>; // metric → week → people
const record = (truth: Truth, metric: string, week: string, person: string) => {
  if (!truth.has(metric)) truth.set(metric, new Map());
  const weeks = truth.get(metric)!;
  if (!weeks.has(week)) weeks.set(week, new Set());
  weeks.get(week)!.add(person);
};
const peopleIn = (truth: Truth, metric: string, weeks: readonly string[]) => new Set(weeks.flatMap((w) => [...(truth.get(metric)?.get(w) ?? [])])).size;

describe('signals privacy over random activity', () => {
  let database: Awaited<ReturnType<typeof useOwnDatabase>>;
  let deps: TestDeps;

  before(async () => {
    database = await useOwnDatabase();
    deps = await createTestDeps();
  });
  after(async () => {
    await deps?.close();
    await database?.drop();
  });

  it('never shows a figure about fewer than five people, directly or by subtraction', async () => {
    await fc.assert(fc.asyncProperty(activity, async (input) => {
      const orgs = await Promise.all(Array.from({ length: input.organisations }, (_, i) => createTestOrganisation(deps, { kind: i === 0 ? 'municipality' : 'partner' })));
      const members: UserRow[] = [];
      for (let i = 0; i < input.members; i++) members.push(await createTestUser(deps, orgs[i % orgs.length]!.id));
      const facilitator = await createTestUser(deps, orgs[0]!.id);
      const community = await createTestCommunity(deps, orgs[0]!.id, { visibility: 'closed', partners: orgs.slice(1).map((o) => o.id), members: [{ userId: facilitator.id, role: 'facilitator' }, ...members.map((m) => ({ userId: m.id }))] });
      const framework = await insertFramework(deps, { communityId: community.id, count: LEARNING_QUESTIONS, at: local('2026-01-05 09:00') });
      const stories = [await insertPractice(deps, { communityId: community.id, authorId: members[0]!.id, at: local(`${WEEKS[0]} 08:00`) }), await insertPractice(deps, { communityId: community.id, authorId: members[1]!.id, at: local(`${WEEKS[0]} 08:00`) })];
      const member = (n: number) => members[n % members.length]!;
      const truth: Truth = new Map();
      for (const [index, week] of input.weeks.entries()) {
        const monday = WEEKS[index]!;
        for (const q of week.questions) {
          const asker = member(q.asker);
          const askedAt = local(`${addDays(monday, q.day)} ${String(q.hour).padStart(2, '0')}:00`);
          const questionId = await insertQuestion(deps, { communityId: community.id, authorId: asker.id, at: askedAt, learningQuestionId: q.lq === null ? null : framework.learningQuestionIds[q.lq]! });
          record(truth, 'questions_asked', monday, asker.id);
          const answeredAt = q.answer ? new Date(askedAt.getTime() + q.answer.delayHours * 3_600_000) : null;
          if (q.answer && answeredAt! < NOW) await insertAnswer(deps, { questionId, authorId: member(q.answer.answerer).id, at: answeredAt! });
        }
        for (const t of week.tries) {
          const author = member(t.author);
          await insertTry(deps, { practiceId: stories[t.story]!, communityId: community.id, authorId: author.id, organisationId: author.organisation_id, at: local(`${addDays(monday, 2)} 10:00`) });
          record(truth, 'practice_tries', monday, author.id);
        }
        for (const f of week.flags) {
          const author = member(f.author);
          await insertUnclearFlag(deps, { frameworkId: framework.frameworkId, versionId: framework.versionId, learningQuestionId: framework.learningQuestionIds[f.lq]!, authorId: author.id, at: local(`${addDays(monday, 3)} 11:00`) });
          record(truth, 'unclear_flags', monday, author.id);
          record(truth, `lq:${framework.learningQuestionIds[f.lq]}`, monday, author.id);
        }
      }
      await rollupSignals(deps, NOW, { weeks: WEEKS.length + 2 });

      const actor = actorOf(facilitator);
      const ranges: { weeks: string[]; signals: CommunitySignals }[] = [];
      for (let i = 0; i < WEEKS.length; i++) {
        for (let j = i; j < WEEKS.length; j++) {
          ranges.push({ weeks: WEEKS.slice(i, j + 1), signals: await getCommunitySignals(deps, actor, { id: community.id }, { kind: 'weeks', from: WEEKS[i]!, to: WEEKS[j]! }, NOW) });
        }
      }

      for (const { weeks, signals } of ranges) {
        // 1. Every figure shown covers nobody or at least K people.
        const all: Figure[] = [
          ...Object.values(signals.figures).flatMap((p) => [p.current, p.previous]),
          ...Object.values(signals.shares).flatMap((p) => [p.current, p.previous]),
          signals.medianHoursToFirstAnswer.current, signals.medianHoursToFirstAnswer.previous,
          ...signals.series.flatMap((w) => Object.values(w.figures)),
          ...signals.sharpening.flatMap((r) => [r.unclearFlags, r.unansweredQuestions, r.questionsAsked]),
        ];
        for (const figure of all) {
          if (figure.isSuppressed) assert.equal(figure.value, null);
          else if (figure.value) assert.ok((figure.covers ?? 0) >= K, JSON.stringify(figure));
        }
        // … and the people who really did it agree.
        for (const metric of ['questions_asked', 'practice_tries', 'unclear_flags'] as const) {
          const figure = signals.figures[metric].current;
          if (!figure.isSuppressed && figure.value) assert.ok(peopleIn(truth, metric, weeks) >= K, `${metric} over ${weeks.join(',')}`);
          for (const week of signals.series) {
            const cell = week.figures[metric];
            if (!cell.isSuppressed && cell.value) assert.ok(peopleIn(truth, metric, [week.weekStart]) >= K, `${metric} in ${week.weekStart}`);
          }
          // A period is shown only when all its weeks are, so differences are whole shown weeks.
          if (!figure.isSuppressed) for (const week of signals.series) assert.equal(week.figures[metric].isSuppressed, false);
        }
        for (const row of signals.sharpening) {
          if (!row.unclearFlags.isSuppressed && row.unclearFlags.value) assert.ok(peopleIn(truth, `lq:${row.learningQuestionId}`, weeks) >= K);
        }
        // 2. No equation between shown figures has exactly one unknown.
        const f = (metric: keyof CommunitySignals['figures']) => signals.figures[metric].current;
        const equations: Figure[][] = [
          [f('questions_asked'), f('questions_answered'), f('questions_unanswered')],
          [f('questions_answered'), f('answered_within_two_working_days'), f('answered_later')],
          [f('practice_tries'), f('practice_tries_cross_org'), f('practice_tries_same_org')],
          [f('unclear_flags'), ...signals.sharpening.map((r) => r.unclearFlags)],
          [f('active_members'), f('contributors')], // with the non-contributors, which are never shown
        ];
        for (const [index, equation] of equations.entries()) {
          const hidden = equation.filter((x) => x.isSuppressed).length;
          if (index < 4) assert.notEqual(hidden, 1, `equation ${index} over ${weeks.join(',')}: ${JSON.stringify(equation)}`);
          if (index < 4 && hidden === 0) assert.equal(equation[0]!.value, equation.slice(1).reduce((s, x) => s + (x.value ?? 0), 0));
        }
        for (const week of signals.series) {
          const w = week.figures;
          for (const equation of [[w.questions_asked, w.questions_answered, w.questions_unanswered], [w.practice_tries, w.practice_tries_cross_org, w.practice_tries_same_org]]) {
            assert.notEqual(equation.filter((x) => x.isSuppressed).length, 1);
          }
        }
      }

      // 3. Two allowed queries, one range inside the other: a difference covers nobody or K people.
      for (const outer of ranges) {
        for (const inner of ranges) {
          if (inner === outer || !inner.weeks.every((w) => outer.weeks.includes(w))) continue;
          const rest = outer.weeks.filter((w) => !inner.weeks.includes(w));
          for (const metric of ['questions_asked', 'practice_tries', 'unclear_flags'] as const) {
            const a = outer.signals.figures[metric].current;
            const b = inner.signals.figures[metric].current;
            if (a.isSuppressed || b.isSuppressed || a.value === b.value) continue;
            assert.ok(peopleIn(truth, metric, rest) >= K, `${metric}: ${outer.weeks.join(',')} minus ${inner.weeks.join(',')}`);
          }
        }
      }
    }), { numRuns: 30, examples: [[KNOWN_HARD_CASE]] });
  });
});
