import { loadVisibleCommunity } from '../communities/communities.usecases.ts';
import type { CommunityRef } from '../communities/communities.repository.ts';
import { listCurrentLearningQuestions, type LearningQuestionRef } from '../frameworks/frameworks.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createPeriodInvalidError, createSignalsForbiddenError } from './signals.errors.ts';
import { buildPeriodFigures, learningQuestionSubjects, type FigureSet, type PeriodFigures, type WeeklyRow } from './signals.figures.ts';
import type { CachedFigures, FigureCache } from './figures.cache.ts';
import { canReadCommunitySignals } from './signals.policies.ts';
import { countFigure, gatedFigure, K, shareFigure, type Figure } from './privacy.ts';
import * as repo from './signals.repository.ts';
import { COMMUNITY_METRICS, learningQuestionKey, previousPeriod, resolvePeriod, type CommunityMetric, type Period, type ResolvedPeriod } from './signals.models.ts';

/**
 * A community's signals for a period, every figure through the privacy rules (privacy.ts).
 * Reads only the rollup (signal_weekly, signal_questions), never the source tables.
 */

export type { Figure, Period, ResolvedPeriod };

/** A figure now and in the previous period of the same length. */
export interface FigurePair {
  current: Figure;
  previous: Figure;
}

export interface WeekSignals {
  /** Monday, YYYY-MM-DD. */
  weekStart: string;
  figures: Record<CommunityMetric, Figure>;
}

/** A learning question of the current framework version, with what says it needs sharpening. */
export interface SharpeningRow {
  learningQuestionId: string;
  kind: 'what' | 'how';
  text: string;
  /** "Unclear in practice" flags in the period. */
  unclearFlags: Figure;
  /** Questions linked to it, asked in the period and still without an answer. */
  unansweredQuestions: Figure;
  questionsAsked: Figure;
  /** unclearFlags + unansweredQuestions; null when either is suppressed (such rows are not ranked). */
  score: number | null;
}

export interface CommunitySignals {
  community: { id: string; slug: string; name: string };
  /** The suppression threshold: figures about fewer people are not shown. */
  k: number;
  period: ResolvedPeriod;
  previousPeriod: ResolvedPeriod;
  /** Period figures: counts are sums over the weeks; active_members and contributors are averages per week. */
  figures: Record<CommunityMetric, FigurePair>;
  /** Shares between 0 and 1. */
  shares: {
    /** Contributors of active members (weekly averages). */
    contributed: FigurePair;
    /** Questions asked in the period that have an answer. */
    answered: FigurePair;
    answeredWithinTwoWorkingDays: FigurePair;
    /** Prompt answers of prompts delivered. */
    responseRate: FigurePair;
  };
  medianHoursToFirstAnswer: FigurePair;
  /** One entry per week of the current period, oldest first, for charts and their tables. */
  series: WeekSignals[];
  /** Ranked: shown rows by score, highest first; suppressed rows after, in framework order. */
  sharpening: SharpeningRow[];
  /** Query texts searched at least K times in the period without results, most first. */
  searchMisses: { query: string; count: Figure }[];
}

/** `figureCache`: computed figures per rollup run (figures.cache.ts); without it every read computes. */
export type SignalsReadDeps = Pick<Deps, 'db' | 'clock'> & { figureCache?: FigureCache };
type ReadDeps = SignalsReadDeps;

/** At most this many query texts are listed. */
export const MAX_SEARCH_MISSES = 50;

/**
 * The figures of several communities for a period and the one before it: from the cache when
 * this rollup run's figures were computed before, else from one query for all the others.
 */
export async function loadCommunityFigures(deps: ReadDeps, communities: readonly { id: string; learningQuestionIds: readonly string[] }[], period: ResolvedPeriod, previous: ResolvedPeriod): Promise<Map<string, CachedFigures>> {
  const result = new Map<string, CachedFigures>();
  const cache = deps.figureCache;
  const stamp = cache ? await repo.rollupStamp(deps.db) : '';
  const keyOf = (c: (typeof communities)[number]) => `${c.id}|${period.from}|${period.to}|${stamp}|${c.learningQuestionIds.join(',')}`;
  const missing = communities.filter((c) => {
    const found = cache?.get(keyOf(c));
    if (found) result.set(c.id, found);
    return !found;
  });
  if (missing.length === 0) return result;
  const rows = await repo.listWeeklyRowsFor(deps.db, missing.map((c) => c.id), [...previous.weeks, ...period.weeks]);
  const byCommunity = new Map(missing.map((c) => [c.id, [] as typeof rows]));
  for (const row of rows) byCommunity.get(row.communityId)!.push(row);
  for (const community of missing) {
    const computed = communityPeriodFigures(byCommunity.get(community.id)!, community.learningQuestionIds, period, previous);
    const figures: CachedFigures = { current: { period: computed.current.period, weekly: computed.current.weekly }, previous: { period: computed.previous.period } };
    cache?.set(keyOf(community), figures);
    result.set(community.id, figures);
  }
  return result;
}

/** One community's figures for a period and the one before it, from its stored weekly rows. Pure. */
export function communityPeriodFigures(rows: readonly WeeklyRow[], learningQuestionIds: readonly string[], period: ResolvedPeriod, previous: ResolvedPeriod): { current: PeriodFigures; previous: PeriodFigures } {
  const subjects = learningQuestionSubjects(rows, learningQuestionIds);
  return {
    current: buildPeriodFigures(period.weeks, rows.filter((r) => r.weekStart >= period.from && r.weekStart <= period.to), subjects),
    previous: buildPeriodFigures(previous.weeks, rows.filter((r) => r.weekStart >= previous.from && r.weekStart <= previous.to), subjects),
  };
}

/**
 * "Where the framework needs sharpening": the current learning questions, shown rows by score
 * (unclear flags + unanswered questions), highest first; suppressed rows after, in framework
 * order and without a rank, since their place would hint at their value. Pure.
 */
export function rankSharpening(learningQuestions: readonly LearningQuestionRef[], period: FigureSet): SharpeningRow[] {
  const rows = learningQuestions.map((lq, position) => {
    const unclearFlags = period[learningQuestionKey('lq_unclear_flags', lq.id)]!;
    const unansweredQuestions = period[learningQuestionKey('lq_questions_unanswered', lq.id)]!;
    const isShown = !unclearFlags.isSuppressed && !unansweredQuestions.isSuppressed;
    return {
      position,
      row: {
        learningQuestionId: lq.id, kind: lq.kind, text: lq.text, unclearFlags, unansweredQuestions,
        questionsAsked: period[learningQuestionKey('lq_questions_asked', lq.id)]!,
        score: isShown ? (unclearFlags.value ?? 0) + (unansweredQuestions.value ?? 0) : null,
      } satisfies SharpeningRow,
    };
  });
  rows.sort((a, b) => (a.row.score === null) !== (b.row.score === null) ? (a.row.score === null ? 1 : -1) : (b.row.score ?? 0) - (a.row.score ?? 0) || a.position - b.position);
  return rows.map((r) => r.row);
}

/**
 * 404 (communities.not_found) when the actor may not see the community; 403 (signals.forbidden)
 * when they see it but neither facilitate nor manage it; 422 for a period that is not whole,
 * completed weeks. `now` defaults to the clock.
 */
export async function getCommunitySignals(deps: ReadDeps, actor: Actor, communityRef: CommunityRef, period: Period, now: Date = deps.clock.now()): Promise<CommunitySignals> {
  const community = await loadVisibleCommunity(deps.db, actor, communityRef);
  if (!canReadCommunitySignals(actor, community)) throw createSignalsForbiddenError();
  const resolved = resolvePeriod(period, now);
  if ('problem' in resolved) throw createPeriodInvalidError(resolved.problem);
  const previous = previousPeriod(resolved);

  const learningQuestions = await listCurrentLearningQuestions(deps.db, community.id);
  const [figures, medianNow, medianBefore, misses] = await Promise.all([
    loadCommunityFigures(deps, [{ id: community.id, learningQuestionIds: learningQuestions.map((lq) => lq.id) }], resolved, previous),
    repo.medianHoursToFirstAnswer(deps.db, community.id, resolved.from, resolved.to),
    repo.medianHoursToFirstAnswer(deps.db, community.id, previous.from, previous.to),
    repo.listSearchMisses(deps.db, community.id, resolved.from, resolved.to, MAX_SEARCH_MISSES),
  ]);
  const { current: now_, previous: before } = figures.get(community.id)!;

  const pair = (pick: (set: FigureSet) => Figure): FigurePair => ({ current: pick(now_.period), previous: pick(before.period) });
  const figure = (key: string) => (set: FigureSet) => set[key]!;
  const share = (numerator: string, denominator: string) => pair((set) => shareFigure(set[numerator]!, set[denominator]!));

  return {
    community: { id: community.id, slug: community.slug, name: community.name },
    k: K,
    period: resolved,
    previousPeriod: previous,
    figures: Object.fromEntries(COMMUNITY_METRICS.map((metric) => [metric, pair(figure(metric))])) as Record<CommunityMetric, FigurePair>,
    shares: {
      contributed: share('contributors', 'active_members'),
      answered: share('questions_answered', 'questions_asked'),
      answeredWithinTwoWorkingDays: share('answered_within_two_working_days', 'questions_asked'),
      responseRate: share('prompt_responses', 'prompts_delivered'),
    },
    medianHoursToFirstAnswer: { current: gatedFigure(medianNow, now_.period.questions_answered!), previous: gatedFigure(medianBefore, before.period.questions_answered!) },
    series: resolved.weeks.map((weekStart) => {
      const set = now_.weekly.get(weekStart)!;
      return { weekStart, figures: Object.fromEntries(COMMUNITY_METRICS.map((metric) => [metric, set[metric]!])) as Record<CommunityMetric, Figure> };
    }),
    sharpening: rankSharpening(learningQuestions, now_.period),
    searchMisses: misses.map((m) => ({ query: m.query, count: countFigure(m.count) })),
  };
}
