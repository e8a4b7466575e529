import type { Figure, SummedFigure } from './privacy.ts';
import { ROW_METRICS, type ScopeSignals } from './scope.usecases.ts';
import { COMMUNITY_METRICS } from './signals.models.ts';
import type { CommunitySignals, FigurePair } from './signals.usecases.ts';

/**
 * A community's signals as CSV (RFC 4180): the period figures, the previous period's, the shares,
 * the weekly series, the sharpening list and the searches. A suppressed figure is an empty value
 * with `suppressed` set, never a number. Text from users (search queries, learning questions)
 * could start a spreadsheet formula, so such a cell gets a leading apostrophe (OWASP: CSV injection).
 */

type Cell = string | number | null;
const HEADER = ['section', 'metric', 'subject', 'from', 'to', 'value', 'suppressed'];

/** Text cells only: a number is written as it is (a negative number is no formula). */
export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const guarded = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const line = (cells: Cell[]) => cells.map(csvCell).join(',');
const figureCells = (figure: Figure): Cell[] => [figure.isSuppressed ? null : figure.value, figure.isSuppressed ? 'yes' : 'no'];

export function signalsCsv(s: CommunitySignals): string {
  const { period: p, previousPeriod: q } = s;
  const rows: Cell[][] = [HEADER];
  const pair = (section: string, metric: string, figures: FigurePair) => {
    rows.push([section, metric, '', p.from, p.to, ...figureCells(figures.current)]);
    rows.push([`${section}_previous`, metric, '', q.from, q.to, ...figureCells(figures.previous)]);
  };
  for (const metric of COMMUNITY_METRICS) pair('period', metric, s.figures[metric]);
  for (const [name, figures] of Object.entries(s.shares)) pair('share', name, figures);
  pair('median_hours', 'first_answer', s.medianHoursToFirstAnswer);
  for (const week of s.series) for (const metric of COMMUNITY_METRICS) rows.push(['week', metric, '', week.weekStart, week.weekStart, ...figureCells(week.figures[metric])]);
  for (const row of s.sharpening) {
    rows.push(['sharpening', 'unclear_flags', row.text, p.from, p.to, ...figureCells(row.unclearFlags)]);
    rows.push(['sharpening', 'questions_unanswered', row.text, p.from, p.to, ...figureCells(row.unansweredQuestions)]);
    rows.push(['sharpening', 'questions_asked', row.text, p.from, p.to, ...figureCells(row.questionsAsked)]);
  }
  for (const miss of s.searchMisses) rows.push(['search_miss', 'searches', miss.query, p.from, p.to, ...figureCells(miss.count)]);
  return `${rows.map(line).join('\r\n')}\r\n`;
}

/** A file name of safe characters only, whatever the slug holds. */
export const csvFileName = (s: CommunitySignals) => `signalen-${s.community.slug.replace(/[^a-z0-9-]/gi, '-').slice(0, 60)}-${s.period.from}-${s.period.to}.csv`;

/**
 * An organisation's or chain's signals as CSV, like a community's plus `left_out`: how many
 * communities a sum leaves out because their own figure is suppressed (empty where that does not apply).
 */
export function scopeSignalsCsv(s: ScopeSignals): string {
  const { period: p, previousPeriod: q } = s;
  const rows: Cell[][] = [[...HEADER, 'left_out']];
  const summed = (figure: Figure | SummedFigure): Cell[] => [...figureCells(figure), 'leftOut' in figure ? figure.leftOut : null];
  const pair = (section: string, metric: string, figures: { current: Figure; previous: Figure }) => {
    rows.push([section, metric, '', p.from, p.to, ...summed(figures.current)]);
    rows.push([`${section}_previous`, metric, '', q.from, q.to, ...summed(figures.previous)]);
  };
  for (const metric of COMMUNITY_METRICS) pair('period', metric, s.figures[metric]);
  for (const [name, figures] of Object.entries(s.shares)) pair('share', name, figures);
  pair('median_hours', 'first_answer', s.medianHoursToFirstAnswer);
  for (const week of s.series) for (const metric of COMMUNITY_METRICS) rows.push(['week', metric, '', week.weekStart, week.weekStart, ...summed(week.figures[metric])]);
  for (const community of s.communities.items) {
    for (const metric of ROW_METRICS) rows.push(['community', metric, community.name, p.from, p.to, ...summed(community.figures[metric])]);
    rows.push(['community', 'answered_share', community.name, p.from, p.to, ...summed(community.answeredShare)]);
  }
  for (const row of s.sharpening) {
    const subject = `${row.community.name}: ${row.text}`;
    rows.push(['sharpening', 'unclear_flags', subject, p.from, p.to, ...summed(row.unclearFlags)]);
    rows.push(['sharpening', 'questions_unanswered', subject, p.from, p.to, ...summed(row.unansweredQuestions)]);
    rows.push(['sharpening', 'questions_asked', subject, p.from, p.to, ...summed(row.questionsAsked)]);
  }
  for (const miss of s.searchMisses) rows.push(['search_miss', 'searches', miss.query, p.from, p.to, ...summed(miss.count)]);
  return `${rows.map(line).join('\r\n')}\r\n`;
}

export const scopeCsvFileName = (s: ScopeSignals) => `signalen-${s.scope === 'organisation' ? 'organisatie' : 'keten'}-${s.period.from}-${s.period.to}.csv`;
