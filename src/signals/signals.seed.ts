import type { CommunityRef } from '../communities/communities.repository.ts';
import { respondToFramework } from '../frameworks/responses/responses.usecases.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Clock } from '../platform/clock.ts';
import type { Deps } from '../platform/deps.ts';
import { addDays, localToInstant, weekStartOf } from '../platform/local-time.ts';
import { reportTried } from '../practices/contributions.usecases.ts';
import { listPractices } from '../practices/practices.usecases.ts';
import { postAnswer } from '../questions/answers/answers.usecases.ts';
import { askQuestion } from '../questions/questions.usecases.ts';
import { searchContent } from '../search/search.usecases.ts';
import { rollupSignals } from './rollup.ts';

/**
 * A few months of history for the demo, so the signals pages show figures instead of "fewer than
 * 5" everywhere: colleagues ask, answer (often across organisations in the chain community), try
 * the demo stories, flag a learning question as unclear and search for what is not there. It all
 * goes through the features' own use cases with a clock set back to when it "happened", then the
 * rollup fills the weeks. Deterministic (a fixed pseudo-random sequence), and runs once: when the
 * colleagues already asked anything it does nothing.
 */

export interface DemoSignalPeople {
  /** The open Wmo community (with a framework and the demo stories) and the chain community shared with partners. */
  wmo: CommunityRef;
  chain: CommunityRef;
  learningQuestionIds: string[];
  /** Members of both communities, from the municipality and its partners. */
  colleagues: Actor[];
}

/** Weeks of history before the current one. */
export const DEMO_WEEKS = 30;

const TOPICS = [
  ['Hoe bespreek je een eigen bijdrage zonder dat het gesprek kantelt?', 'wmo'],
  ['Wat doe je als een inwoner de keukentafel weigert?', 'keukentafelgesprek'],
  ['Welke signalen van geldzorgen zie je het eerst bij een huisbezoek?', 'schuldhulp'],
  ['Hoe maak je een warme overdracht naar de woningcorporatie?', 'ketensamenwerking'],
  ['Wie belt de huisarts als er zorgen zijn over valgevaar?', 'wmo'],
  ['Hoe leg je maatwerk uit aan een mantelzorger?', 'maatwerk'],
  ['Welke vragen stel je bij een eerste melding van huurachterstand?', 'vroegsignalering'],
] as const;

/** A small, fixed pseudo-random sequence (mulberry32): the same demo on every machine. */
function sequence(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

export async function seedDemoSignals(deps: Deps, p: DemoSignalPeople): Promise<number> {
  const { colleagues } = p;
  if (colleagues.length < 10) return 0;
  const already = await deps.db.selectFrom('questions').select('id').where('author_id', '=', colleagues[0]!.userId).limit(1).executeTakeFirst();
  if (already) return 0;

  const random = sequence(20261129);
  const at = (instant: Date) => ({ ...deps, clock: { now: () => instant } satisfies Clock });
  const thisWeek = weekStartOf(deps.clock.now());
  const moment = (week: string, day: number, hour: number) => localToInstant(addDays(week, day), `${String(hour).padStart(2, '0')}:${String(random(60)).padStart(2, '0')}`)!.instant;
  const municipal = colleagues.filter((c) => c.organisationId === colleagues[0]!.organisationId);
  const partners = colleagues.filter((c) => c.organisationId !== colleagues[0]!.organisationId);
  /** `count` different people of `from`: in a week, a handful of people each do one thing. */
  const distinct = (count: number, from: readonly Actor[] = colleagues) => {
    const pool = [...from];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = random(i + 1);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, count);
  };
  const stories = (await listPractices(deps, colleagues[0]!, p.wmo, { sort: 'newest', tag: '', learningQuestionId: null, page: 1, pageSize: 10 })).page.items;
  let actions = 0;

  for (let back = DEMO_WEEKS; back >= 1; back--) {
    const week = addDays(thisWeek, -7 * back);
    // The chain community grows: its partners joined later.
    const isSlowWeek = back % 4 === 0;
    for (const [community, usual] of [[p.wmo, 6 + random(4)], [p.chain, back > DEMO_WEEKS / 2 ? 5 : 6 + random(4)]] as const) {
      const questions = community === p.chain ? Math.min(usual, partners.length) : usual + (isSlowWeek ? 5 : 0);
      // Every question gets an answer, a different colleague each; every fourth week five wait more
      // than two working days; in the last week five more are still open.
      const open = back === 1 ? 5 : 0;
      // In the chain community the municipality asks and the partners answer: knowledge crossing the boundary.
      const isChain = community === p.chain;
      const askers = distinct(questions + open, isChain ? municipal : colleagues);
      const answerers = distinct(questions, isChain ? partners : colleagues);
      for (const [i, asker] of askers.entries()) {
        const [title, tag] = TOPICS[random(TOPICS.length)]!;
        const isSlow = isSlowWeek && community === p.wmo && i < 5;
        const askedAt = moment(week, isSlow ? random(2) : random(4), 8 + random(9));
        // Linked to a learning question now and then; the questions still open are not, so each learning question's count of open ones is a clear zero.
        const learningQuestionId = community === p.wmo && i < questions && random(3) === 0 ? (p.learningQuestionIds[random(p.learningQuestionIds.length)] ?? null) : null;
        const question = await askQuestion(at(askedAt), asker, community, { kind: random(2) === 0 ? 'how' : 'what', title: `${title} (${i + 1})`, body: 'Ik loop hier in mijn werk tegenaan en hoor graag hoe anderen het doen.', tags: [tag], learningQuestionId });
        actions++;
        if (i >= questions) continue;
        const answerer = answerers[i % answerers.length] === asker ? answerers[(i + 1) % answerers.length]! : answerers[i % answerers.length]!;
        const hours = isSlow ? 80 + random(30) : 1 + random(30);
        const answeredAt = new Date(askedAt.getTime() + hours * 3_600_000);
        if (answeredAt >= deps.clock.now()) continue;
        await postAnswer(at(answeredAt), answerer, question.id, { body: 'Wat bij ons werkt: eerst luisteren, dan samen de volgende stap kiezen. Ik stuur je ons stappenplan.' });
        actions++;
      }
    }
    // Every third week five or more colleagues try one of the stories; every sixth week partners do too.
    if (stories.length > 0 && back % 3 === 0) {
      const story = stories[random(stories.length)]!;
      for (const tryer of [...distinct(5 + random(3), municipal), ...(back % 6 === 0 ? distinct(5, partners) : [])]) {
        await reportTried(at(moment(week, 1 + random(3), 10 + random(6))), tryer, story.id, { team: 'Wijkteam', result: random(3) === 0 ? 'partly' : 'worked', adapted: 'Korter gemaakt voor ons team.', howItWent: 'Inwoners reageerden positief.' });
        actions++;
      }
    }
    // Searches that find nothing; who searched is not stored.
    for (const searcher of distinct(2 + random(4))) {
      await searchContent(at(moment(week, random(5), 9 + random(8))), searcher, { q: 'bijzondere bijstand formulier', communitySlug: 'slug' in p.wmo ? p.wmo.slug : undefined, page: 1, pageSize: 10 });
    }
  }
  // Two weeks ago six colleagues found the first learning question unclear in practice.
  const flagWeek = addDays(thisWeek, -14);
  for (const colleague of colleagues.slice(0, 6)) {
    if (p.learningQuestionIds[0]) await respondToFramework(at(moment(flagWeek, 2, 11)), colleague, p.wmo, { target: 'learning_question', learningQuestionId: p.learningQuestionIds[0], kind: 'unclear' });
    actions++;
  }
  await rollupSignals(deps, deps.clock.now(), { weeks: DEMO_WEEKS + 2 });
  return actions;
}
