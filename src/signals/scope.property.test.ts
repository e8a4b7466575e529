import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import { useOwnDatabase } from '../prompts/engine.test-support.ts';
import { addDays } from '../platform/local-time.ts';
import type { UserRow } from '../platform/db/schema.ts';
import { K } from './privacy.ts';
import { rollupSignals } from './rollup.ts';
import { getScopeSignals, type ScopeSignals } from './scope.usecases.ts';
import { getCommunitySignals, type CommunitySignals } from './signals.usecases.ts';
import { weeksBetween } from './signals.models.ts';
import { insertAnswer, insertPractice, insertQuestion, insertTry, local } from './signals.test-support.ts';

/**
 * Random organisations with several communities, then every allowed query over five weeks: the
 * organisation view and each community's own view, for each range of whole weeks. Checked: every
 * figure the organisation view shows is the sum of the figures its communities show (a hidden one
 * left out and counted as such); every figure shown covers nobody or at least K people who really
 * did it; and an organisation figure differs from a community's figure, or from the organisation
 * figure of a range inside it, only by people numbering at least K. Own database: the rollup works
 * over all of it.
 */
const WEEKS = weeksBetween('2026-04-27', '2026-05-25');
const NOW = local('2026-06-01 12:00');
const METRICS = ['questions_asked', 'answers', 'answers_cross_org', 'practice_tries'] as const;
type Metric = (typeof METRICS)[number];

const week = fc.record({
  questions: fc.array(fc.record({ asker: fc.nat(), answerer: fc.option(fc.nat()) }), { maxLength: 9 }),
  tries: fc.array(fc.nat(), { maxLength: 7 }),
});
const activity = fc.record({
  partners: fc.integer({ min: 0, max: 2 }),
  members: fc.integer({ min: 3, max: 14 }),
  communities: fc.array(fc.array(week, { minLength: WEEKS.length, maxLength: WEEKS.length }), { minLength: 2, maxLength: 3 }),
});

/** metric → community → week → people */
type Truth = Map<string, Set<string>>;
const key = (metric: Metric, community: number, week: string) => `${metric}|${community}|${week}`;
const people = (truth: Truth, metric: Metric, communities: readonly number[], weeks: readonly string[]) =>
  new Set(communities.flatMap((c) => weeks.flatMap((w) => [...(truth.get(key(metric, c, w)) ?? [])]))).size;

describe('organisation signals privacy over random activity', () => {
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

  it('sums only what communities show, and no two allowed queries differ by fewer than five people', async () => {
    await fc.assert(fc.asyncProperty(activity, async (input) => {
      const owner = await createTestOrganisation(deps);
      const partners = await Promise.all(Array.from({ length: input.partners }, () => createTestOrganisation(deps, { kind: 'partner' })));
      const orgs = [owner, ...partners];
      const members: UserRow[] = [];
      for (let i = 0; i < input.members; i++) members.push(await createTestUser(deps, orgs[i % orgs.length]!.id));
      const manager = await createTestUser(deps, owner.id, { role: 'manager' });
      const member = (n: number) => members[n % members.length]!;
      const truth: Truth = new Map();
      const record = (metric: Metric, community: number, w: string, person: string) => {
        const k = key(metric, community, w);
        if (!truth.has(k)) truth.set(k, new Set());
        truth.get(k)!.add(person);
      };
      const communityIds: string[] = [];
      for (const [c, weeks] of input.communities.entries()) {
        const community = await createTestCommunity(deps, owner.id, { visibility: 'closed', partners: partners.map((p) => p.id), members: members.map((m) => ({ userId: m.id })) });
        communityIds.push(community.id);
        const story = await insertPractice(deps, { communityId: community.id, authorId: member(c).id, at: local(`${WEEKS[0]} 08:00`) });
        for (const [index, activityOfWeek] of weeks.entries()) {
          const monday = WEEKS[index]!;
          for (const q of activityOfWeek.questions) {
            const asker = member(q.asker);
            const questionId = await insertQuestion(deps, { communityId: community.id, authorId: asker.id, at: local(`${monday} 09:00`) });
            record('questions_asked', c, monday, asker.id);
            if (q.answerer === null) continue;
            const answerer = member(q.answerer);
            await insertAnswer(deps, { questionId, authorId: answerer.id, at: local(`${monday} 11:00`) });
            record('answers', c, monday, answerer.id);
            if (answerer.organisation_id !== asker.organisation_id) record('answers_cross_org', c, monday, answerer.id);
          }
          for (const tryer of activityOfWeek.tries) {
            const author = member(tryer);
            await insertTry(deps, { practiceId: story, communityId: community.id, authorId: author.id, organisationId: author.organisation_id, at: local(`${addDays(monday, 2)} 10:00`) });
            record('practice_tries', c, monday, author.id);
          }
        }
      }
      await rollupSignals(deps, NOW, { weeks: WEEKS.length + 2 });

      const actor = actorOf(manager);
      const ranges: { weeks: string[]; organisation: ScopeSignals; communities: CommunitySignals[] }[] = [];
      for (let i = 0; i < WEEKS.length; i++) {
        for (let j = i; j < WEEKS.length; j++) {
          const period = { kind: 'weeks' as const, from: WEEKS[i]!, to: WEEKS[j]! };
          ranges.push({
            weeks: WEEKS.slice(i, j + 1),
            organisation: await getScopeSignals(deps, actor, 'organisation', owner.id, period, 'all', NOW),
            communities: await Promise.all(communityIds.map((id) => getCommunitySignals(deps, actor, { id }, period, NOW))),
          });
        }
      }

      const shownIn = (range: (typeof ranges)[number], metric: Metric) => range.communities.map((s, c) => (s.figures[metric].current.isSuppressed ? -1 : c)).filter((c) => c >= 0);
      for (const range of ranges) {
        for (const metric of METRICS) {
          const total = range.organisation.figures[metric].current;
          const parts = range.communities.map((s) => s.figures[metric].current);
          // 1. The sum of what the communities show, and how many it leaves out.
          assert.equal(total.leftOut, parts.filter((p) => p.isSuppressed).length);
          const included = shownIn(range, metric);
          const sum = parts.reduce((s, p) => s + (p.value ?? 0), 0);
          if (total.isSuppressed) assert.ok(sum === 0 && total.leftOut > 0, 'hidden only when the shown parts are all zero');
          else assert.equal(total.value, sum, `${metric} over ${range.weeks.join(',')}`);
          // 2. Nobody or at least K people who really did it.
          if (!total.isSuppressed && total.value) assert.ok(people(truth, metric, included, range.weeks) >= K, `${metric}: ${JSON.stringify(total)}`);
          // 3a. The organisation minus one community: the other shown communities, K people or none.
          for (const c of total.isSuppressed ? [] : included) {
            const rest = included.filter((other) => other !== c);
            if (total.value !== parts[c]!.value) assert.ok(people(truth, metric, rest, range.weeks) >= K, `${metric}: organisation minus community ${c}`);
          }
        }
        // The community lines are the communities' own figures.
        for (const line of range.organisation.communities.items) {
          const own = range.communities[communityIds.indexOf(line.id)]!;
          assert.deepEqual(line.figures.questions_asked, own.figures.questions_asked.current);
        }
      }
      // 3b. Two organisation queries, one range inside the other, over the same communities.
      for (const outer of ranges) {
        for (const inner of ranges) {
          if (inner === outer || !inner.weeks.every((w) => outer.weeks.includes(w))) continue;
          const rest = outer.weeks.filter((w) => !inner.weeks.includes(w));
          for (const metric of METRICS) {
            const a = outer.organisation.figures[metric].current;
            const b = inner.organisation.figures[metric].current;
            const included = shownIn(outer, metric);
            if (a.isSuppressed || b.isSuppressed || a.value === b.value || included.join() !== shownIn(inner, metric).join()) continue;
            assert.ok(people(truth, metric, included, rest) >= K, `${metric}: ${outer.weeks.join(',')} minus ${inner.weeks.join(',')}`);
          }
        }
      }
    }), { numRuns: 15 });
  });
});
