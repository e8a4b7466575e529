import { cellFigure, periodFigure, suppressComplementary, type Cell, type Figure } from './privacy.ts';
import { COMMUNITY_METRICS, LEARNING_QUESTION_METRICS, NON_CONTRIBUTORS, NO_LEARNING_QUESTION, PEOPLE_METRICS, communityPartitions, learningQuestionKey, type CommunityMetric } from './signals.models.ts';

/**
 * From stored weekly cells to the figures a period may show, applying privacy.ts: per week the
 * threshold and complementary suppression, then per period the "any hidden week hides the
 * period" rule and complementary suppression once more. Pure.
 */

export interface WeeklyRow {
  weekStart: string;
  metric: string;
  subject: string;
  value: number;
  people: number;
}

export type FigureSet = Record<string, Figure>;

export interface PeriodFigures {
  /** Per Monday of the period, every figure after suppression. */
  weekly: Map<string, FigureSet>;
  /** The period's figures, keyed by metric (community) or `metric:subject` (learning questions). */
  period: FigureSet;
}

const cellKey = (row: Pick<WeeklyRow, 'metric' | 'subject'>) => (row.subject === '' ? row.metric : `${row.metric}:${row.subject}`);
const aggregateOf = (key: string) => (PEOPLE_METRICS.has(key as CommunityMetric) || key === NON_CONTRIBUTORS ? 'average' : 'sum');

/** Every learning question subject that has a figure, plus the given ones (the current framework's). */
export function learningQuestionSubjects(rows: readonly WeeklyRow[], current: readonly string[]): string[] {
  const subjects = new Set(current);
  for (const row of rows) if (row.metric.startsWith('lq_') && row.subject !== NO_LEARNING_QUESTION) subjects.add(row.subject);
  return [...subjects].sort();
}

export function buildPeriodFigures(weeks: readonly string[], rows: readonly WeeklyRow[], subjects: readonly string[]): PeriodFigures {
  const partitions = communityPartitions(subjects);
  const keys = [
    ...COMMUNITY_METRICS,
    NON_CONTRIBUTORS,
    ...LEARNING_QUESTION_METRICS.flatMap((metric) => [...subjects, ...(metric === 'lq_unclear_flags' ? [] : [NO_LEARNING_QUESTION])].map((s) => learningQuestionKey(metric, s))),
  ];
  const cells = new Map<string, Map<string, Cell>>();
  for (const row of rows) {
    if (!cells.has(row.weekStart)) cells.set(row.weekStart, new Map());
    cells.get(row.weekStart)!.set(cellKey(row), { value: row.value, people: row.people });
  }
  const weekly = new Map<string, FigureSet>();
  for (const week of weeks) {
    const weekCells = cells.get(week) ?? new Map<string, Cell>();
    const zero: Cell = { value: 0, people: 0 };
    const active = weekCells.get('active_members') ?? zero;
    const contributors = weekCells.get('contributors') ?? zero;
    // People who were active without posting anything: a difference, protected like any part.
    const others = Math.max(0, active.people - contributors.people);
    weekCells.set(NON_CONTRIBUTORS, { value: others, people: others });
    const raw: FigureSet = {};
    for (const key of keys) raw[key] = cellFigure(weekCells.get(key) ?? zero);
    weekly.set(week, suppressComplementary(raw, partitions));
  }
  const period: FigureSet = {};
  for (const key of keys) period[key] = periodFigure(weeks.map((week) => weekly.get(week)![key]!), aggregateOf(key));
  return { weekly, period: suppressComplementary(period, partitions) };
}
