import { listCurrentLearningQuestionsFor } from '../frameworks/frameworks.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createOrganisationNotFoundError } from '../organisations/organisations.errors.ts';
import { countFigure, gatedFigure, K, pooledShare, shareFigure, sumFigures, type Figure, type SummedFigure } from './privacy.ts';
import { createPeriodInvalidError, createScopeForbiddenError } from './signals.errors.ts';
import type { FigureSet } from './signals.figures.ts';
import { COMMUNITY_METRICS, previousPeriod, resolvePeriod, type CommunityMetric, type Period, type ResolvedPeriod } from './signals.models.ts';
import { canReadScopeSignals, type SignalsScope } from './signals.policies.ts';
import * as repo from './signals.repository.ts';
import { loadCommunityFigures, MAX_SEARCH_MISSES, rankSharpening, type SharpeningRow, type SignalsReadDeps } from './signals.usecases.ts';

/**
 * Signals over several communities, for managers (issue 8, "organisation and chain views"):
 *   organisation  every community the actor's organisation owns (not secret ones);
 *   chain         every community shared between organisations that it owns or is a partner in:
 *                 how knowledge flows between the municipality and its partners (answers and
 *                 tried practices crossing organisation boundaries).
 * Every figure is computed per community exactly as that community's own signals page computes
 * it, then summed over the communities that show it (privacy.ts rule 5): nothing here is finer
 * than, or can be subtracted from, what a community's page shows.
 */

export type { SignalsScope };

export interface SummedPair {
  current: SummedFigure;
  previous: SummedFigure;
}

/** One community's line in the table of a scope. */
export interface ScopeCommunityRow {
  id: string;
  slug: string;
  name: string;
  organisationName: string;
  /** Whether the reader may open the community's own signals page (its owning organisation's managers). */
  hasOwnSignals: boolean;
  figures: Record<(typeof ROW_METRICS)[number], Figure>;
  /** Answered questions of asked, over the period. */
  answeredShare: Figure;
}

export interface ScopeSignals {
  scope: SignalsScope;
  organisation: { id: string; name: string };
  k: number;
  period: ResolvedPeriod;
  previousPeriod: ResolvedPeriod;
  /** How many communities the figures are summed over. */
  communityCount: number;
  figures: Record<CommunityMetric, SummedPair>;
  shares: {
    contributed: SummedPair;
    answered: SummedPair;
    answeredWithinTwoWorkingDays: SummedPair;
    responseRate: SummedPair;
    /** Answers given to someone of another organisation, of all answers. */
    answersCrossOrg: SummedPair;
    /** Tries in another organisation than the story's author's, of all tries. */
    triesCrossOrg: SummedPair;
  };
  /** Over the questions of the communities whose answered count is shown. */
  medianHoursToFirstAnswer: { current: Figure; previous: Figure };
  series: { weekStart: string; figures: Record<CommunityMetric, SummedFigure> }[];
  /** One page of the communities, by name. */
  communities: { items: ScopeCommunityRow[]; page: number; pageSize: number; hasNext: boolean; total: number };
  /** The learning questions of all these communities that most need sharpening: shown rows with a score above zero, ranked. */
  sharpening: (SharpeningRow & { community: { slug: string; name: string } })[];
  searchMisses: { query: string; count: Figure }[];
}

/** The figures a community's line in the table shows. */
export const ROW_METRICS = ['active_members', 'questions_asked', 'answers', 'answers_cross_org', 'practices_shared', 'practice_tries', 'practice_tries_cross_org', 'prompt_responses'] as const;
export const SCOPE_PAGE_SIZE = 25;
/** At most this many learning questions in the cross-community sharpening list. */
export const MAX_SHARPENING = 20;

type ReadDeps = SignalsReadDeps;

/**
 * 404 when `organisationId` is not the actor's own organisation (another organisation's figures
 * are not theirs to know exist); 403 for a member of it who is neither manager nor administrator;
 * 422 for a period that is not whole, completed weeks.
 */
export async function getScopeSignals(deps: ReadDeps, actor: Actor, scope: SignalsScope, organisationId: string, period: Period, page: number | 'all' = 1, now: Date = deps.clock.now()): Promise<ScopeSignals> {
  const organisation = await loadScopeOrganisation(deps, actor, organisationId);
  const resolved = resolvePeriod(period, now);
  if ('problem' in resolved) throw createPeriodInvalidError(resolved.problem);
  const previous = previousPeriod(resolved);

  const communities = await repo.listScopeCommunities(deps.db, scope, organisationId);
  const ids = communities.map((c) => c.id);
  const learningQuestions = await listCurrentLearningQuestionsFor(deps.db, ids);
  const figures = await loadCommunityFigures(deps, communities.map((c) => ({ id: c.id, learningQuestionIds: (learningQuestions.get(c.id) ?? []).map((lq) => lq.id) })), resolved, previous);
  const perCommunity = communities.map((community) => ({ community, ...figures.get(community.id)! }));

  // The median only over communities that show their answered count: a hidden one adds nothing.
  const answeredShown = (pick: 'current' | 'previous') => perCommunity.filter((c) => !c[pick].period.questions_answered!.isSuppressed).map((c) => c.community.id);
  const [medianNow, medianBefore, misses] = await Promise.all([
    repo.medianHoursToFirstAnswerIn(deps.db, answeredShown('current'), resolved.from, resolved.to),
    repo.medianHoursToFirstAnswerIn(deps.db, answeredShown('previous'), previous.from, previous.to),
    repo.listSearchMissesIn(deps.db, ids, resolved.from, resolved.to, MAX_SEARCH_MISSES),
  ]);

  const sets = (pick: 'current' | 'previous') => perCommunity.map((c) => c[pick].period);
  const summed = (key: string): SummedPair => ({ current: sumFigures(sets('current').map((s) => s[key]!)), previous: sumFigures(sets('previous').map((s) => s[key]!)) });
  const pooled = (numerator: string, denominator: string): SummedPair => {
    const over = (list: FigureSet[]) => pooledShare(list.map((s) => ({ numerator: s[numerator]!, denominator: s[denominator]! })));
    return { current: over(sets('current')), previous: over(sets('previous')) };
  };
  const answered = summed('questions_answered');

  // 'all' (the CSV): every community on one page.
  const pageSize = page === 'all' ? Math.max(1, perCommunity.length) : SCOPE_PAGE_SIZE;
  const pageNumber = page === 'all' ? 1 : Math.max(1, page);
  const start = (pageNumber - 1) * pageSize;
  const pageItems = perCommunity.slice(start, start + pageSize);

  return {
    scope,
    organisation,
    k: K,
    period: resolved,
    previousPeriod: previous,
    communityCount: communities.length,
    figures: Object.fromEntries(COMMUNITY_METRICS.map((metric) => [metric, summed(metric)])) as Record<CommunityMetric, SummedPair>,
    shares: {
      contributed: pooled('contributors', 'active_members'),
      answered: pooled('questions_answered', 'questions_asked'),
      answeredWithinTwoWorkingDays: pooled('answered_within_two_working_days', 'questions_asked'),
      responseRate: pooled('prompt_responses', 'prompts_delivered'),
      answersCrossOrg: pooled('answers_cross_org', 'answers'),
      triesCrossOrg: pooled('practice_tries_cross_org', 'practice_tries'),
    },
    medianHoursToFirstAnswer: { current: gatedFigure(medianNow, answered.current), previous: gatedFigure(medianBefore, answered.previous) },
    series: resolved.weeks.map((weekStart) => ({
      weekStart,
      figures: Object.fromEntries(COMMUNITY_METRICS.map((metric) => [metric, sumFigures(perCommunity.map((c) => c.current.weekly.get(weekStart)![metric]!))])) as Record<CommunityMetric, SummedFigure>,
    })),
    communities: {
      items: pageItems.map(({ community, current }) => communityRow(actor, community, current)),
      page: pageNumber,
      pageSize,
      hasNext: start + pageSize < perCommunity.length,
      total: perCommunity.length,
    },
    sharpening: perCommunity
      .flatMap(({ community, current }) => rankSharpening(learningQuestions.get(community.id) ?? [], current.period).filter((row) => (row.score ?? 0) > 0).map((row) => ({ ...row, community: { slug: community.slug, name: community.name } })))
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.community.name.localeCompare(b.community.name))
      .slice(0, MAX_SHARPENING),
    searchMisses: misses.map((m) => ({ query: m.query, count: countFigure(m.count) })),
  };
}

/** The organisation whose views these are, after the access check (the page's heading when a period is refused). */
export async function loadScopeOrganisation(deps: Pick<Deps, 'db'>, actor: Actor, organisationId: string): Promise<{ id: string; name: string }> {
  if (organisationId !== actor.organisationId) throw createOrganisationNotFoundError();
  if (!canReadScopeSignals(actor)) throw createScopeForbiddenError();
  return { id: organisationId, name: await repo.findOrganisationName(deps.db, organisationId) };
}

function communityRow(actor: Actor, community: repo.ScopeCommunity, current: { period: FigureSet }): ScopeCommunityRow {
  const set = current.period;
  return {
    id: community.id,
    slug: community.slug,
    name: community.name,
    organisationName: community.organisationName,
    hasOwnSignals: community.organisationId === actor.organisationId,
    figures: Object.fromEntries(ROW_METRICS.map((metric) => [metric, set[metric]!])) as ScopeCommunityRow['figures'],
    answeredShare: shareFigure(set.questions_answered!, set.questions_asked!),
  };
}
