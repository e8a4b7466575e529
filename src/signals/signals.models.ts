import { addDays, weekStartOf } from '../platform/local-time.ts';
import type { Partition } from './privacy.ts';

/**
 * What signals measures, per community and week (see rollup.repository.ts for the SQL), and the
 * periods a figure may be asked for. Pure: no database, no clock.
 */

/** Community figures (subject ''). */
export const COMMUNITY_METRICS = [
  'active_members', // distinct people who asked, answered, commented, shared, tried or reacted to a practice, or answered a prompt
  'contributors', // distinct people who posted content: questions, answers, comments, practice stories, shares, tries, remarks
  'questions_asked',
  'questions_answered', // of the questions asked that week: with at least one answer (as of the last rollup)
  'questions_unanswered',
  'answered_within_two_working_days',
  'answered_later',
  'answers', // answers posted in the week (to questions of any week)
  'answers_cross_org', // the answerer's organisation is not the asker's (both as they are now)
  'answers_same_org',
  'practices_shared', // stories shared in the community, and stories from elsewhere shown in it
  'practice_tries',
  'practice_tries_cross_org', // the try's organisation is not the story's author's organisation
  'practice_tries_same_org',
  'prompts_delivered',
  'prompt_responses',
  'prompts_held', // over the noise budget, not (yet) released
  'unclear_flags', // "unclear in practice" on a learning question of the framework
] as const;
export type CommunityMetric = (typeof COMMUNITY_METRICS)[number];

/** Per learning question (subject: its id, or 'none' for questions linked to none). */
export const LEARNING_QUESTION_METRICS = ['lq_unclear_flags', 'lq_questions_asked', 'lq_questions_unanswered'] as const;
export type LearningQuestionMetric = (typeof LEARNING_QUESTION_METRICS)[number];
export const NO_LEARNING_QUESTION = 'none';

/** Searches that found nothing (subject: the query text; people: the number of searches). */
export const SEARCH_MISS_METRIC = 'search_misses';

/** Figures about people are averaged per week over a period; counts of things are summed. */
export const PEOPLE_METRICS: ReadonlySet<CommunityMetric> = new Set(['active_members', 'contributors']);

/** "Active but posted nothing": not stored, the difference of two people counts. */
export const NON_CONTRIBUTORS = 'non_contributors';

/** The equations between figures that complementary suppression protects (privacy.ts rule 2). */
export function communityPartitions(learningQuestionSubjects: readonly string[]): Partition[] {
  const lqKey = (metric: LearningQuestionMetric, subject: string) => `${metric}:${subject}`;
  const subjects = [...learningQuestionSubjects, NO_LEARNING_QUESTION];
  return [
    { total: 'active_members', parts: ['contributors', NON_CONTRIBUTORS] },
    { total: 'questions_asked', parts: ['questions_answered', 'questions_unanswered'] },
    { total: 'questions_answered', parts: ['answered_within_two_working_days', 'answered_later'] },
    { total: 'answers', parts: ['answers_cross_org', 'answers_same_org'] },
    { total: 'practice_tries', parts: ['practice_tries_cross_org', 'practice_tries_same_org'] },
    { total: 'unclear_flags', parts: learningQuestionSubjects.map((s) => lqKey('lq_unclear_flags', s)) },
    { total: 'questions_asked', parts: subjects.map((s) => lqKey('lq_questions_asked', s)) },
    { total: 'questions_unanswered', parts: subjects.map((s) => lqKey('lq_questions_unanswered', s)) },
  ];
}

export const learningQuestionKey = (metric: LearningQuestionMetric, subject: string) => `${metric}:${subject}`;

/**
 * A period is whole weeks (Mondays, Europe/Amsterdam), never the week still running:
 *   last4   the 4 completed weeks before this one
 *   quarter the 13 completed weeks before this one
 *   year    the 52 completed weeks before this one
 *   weeks   from the week of `from` to the week of `to`, both Mondays, both completed
 */
export type PeriodKind = 'last4' | 'quarter' | 'year' | 'weeks';
export interface Period {
  kind: PeriodKind;
  /** A Monday (YYYY-MM-DD); only for 'weeks'. */
  from?: string;
  to?: string;
}

export interface ResolvedPeriod {
  kind: PeriodKind;
  /** First Monday. */
  from: string;
  /** Last Monday (the period ends the Sunday after). */
  to: string;
  /** Every Monday from `from` to `to`. */
  weeks: string[];
}

const LENGTHS: Record<Exclude<PeriodKind, 'weeks'>, number> = { last4: 4, quarter: 13, year: 52 };
/** A custom range spans at most three years: the rollup is not kept forever. */
export const MAX_WEEKS = 156;

const isMonday = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T12:00:00Z`)) && new Date(`${date}T12:00:00Z`).getUTCDay() === 1 && new Date(`${date}T12:00:00Z`).toISOString().slice(0, 10) === date;

export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = from; week <= to; week = addDays(week, 7)) weeks.push(week);
  return weeks;
}

export type PeriodProblem = { field: 'from' | 'to'; code: 'signals.period.not_monday' | 'signals.period.order' | 'signals.period.future' | 'signals.period.too_long' | 'signals.period.required' };

/** The weeks of a period, against `now`; a problem (for a 422 on the field) when it is no allowed period. */
export function resolvePeriod(period: Period, now: Date): ResolvedPeriod | { problem: PeriodProblem } {
  const lastCompleted = addDays(weekStartOf(now), -7);
  if (period.kind !== 'weeks') {
    const from = addDays(lastCompleted, -7 * (LENGTHS[period.kind] - 1));
    return { kind: period.kind, from, to: lastCompleted, weeks: weeksBetween(from, lastCompleted) };
  }
  if (!period.from) return { problem: { field: 'from', code: 'signals.period.required' } };
  if (!period.to) return { problem: { field: 'to', code: 'signals.period.required' } };
  if (!isMonday(period.from)) return { problem: { field: 'from', code: 'signals.period.not_monday' } };
  if (!isMonday(period.to)) return { problem: { field: 'to', code: 'signals.period.not_monday' } };
  if (period.to < period.from) return { problem: { field: 'to', code: 'signals.period.order' } };
  if (period.to > lastCompleted) return { problem: { field: 'to', code: 'signals.period.future' } };
  const weeks = weeksBetween(period.from, period.to);
  if (weeks.length > MAX_WEEKS) return { problem: { field: 'from', code: 'signals.period.too_long' } };
  return { kind: 'weeks', from: period.from, to: period.to, weeks };
}

/** The same number of weeks right before, for comparison. */
export function previousPeriod(period: ResolvedPeriod): ResolvedPeriod {
  const to = addDays(period.from, -7);
  const from = addDays(to, -7 * (period.weeks.length - 1));
  return { kind: period.kind, from, to, weeks: weeksBetween(from, to) };
}
