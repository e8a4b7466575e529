import type { Figure, SummedFigure } from './privacy.ts';
import { ROW_METRICS, type ScopeSignals } from './scope.usecases.ts';
import { COMMUNITY_METRICS } from './signals.models.ts';
import type { CommunitySignals } from './signals.usecases.ts';

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

/**
 * An organisation's or chain's signals are written the same way, plus `left_out` (how many
 * communities a sum leaves out because their own figure is suppressed; empty where that does not
 * apply) and a line per community.
 */
export function signalsCsv(s: CommunitySignals | ScopeSignals): string {
  const { period: p, previousPeriod: q } = s;
  const isScope = 'scope' in s;
  const cells = (figure: Figure | SummedFigure): Cell[] => [...figureCells(figure), ...(isScope ? ['leftOut' in figure ? figure.leftOut : null] : [])];
  const rows: Cell[][] = [isScope ? [...HEADER, 'left_out'] : HEADER];
  const pair = (section: string, metric: string, figures: { current: Figure; previous: Figure }) => {
    rows.push([section, metric, '', p.from, p.to, ...cells(figures.current)]);
    rows.push([`${section}_previous`, metric, '', q.from, q.to, ...cells(figures.previous)]);
  };
  for (const metric of COMMUNITY_METRICS) pair('period', metric, s.figures[metric]);
  for (const [name, figures] of Object.entries(s.shares)) pair('share', name, figures);
  pair('median_hours', 'first_answer', s.medianHoursToFirstAnswer);
  for (const week of s.series) for (const metric of COMMUNITY_METRICS) rows.push(['week', metric, '', week.weekStart, week.weekStart, ...cells(week.figures[metric])]);
  if (isScope) {
    for (const community of s.communities.items) {
      for (const metric of ROW_METRICS) rows.push(['community', metric, community.name, p.from, p.to, ...cells(community.figures[metric])]);
      rows.push(['community', 'answered_share', community.name, p.from, p.to, ...cells(community.answeredShare)]);
    }
  }
  for (const row of s.sharpening) {
    const subject = 'community' in row ? `${row.community.name}: ${row.text}` : row.text;
    rows.push(['sharpening', 'unclear_flags', subject, p.from, p.to, ...cells(row.unclearFlags)]);
    rows.push(['sharpening', 'questions_unanswered', subject, p.from, p.to, ...cells(row.unansweredQuestions)]);
    rows.push(['sharpening', 'questions_asked', subject, p.from, p.to, ...cells(row.questionsAsked)]);
  }
  for (const miss of s.searchMisses) rows.push(['search_miss', 'searches', miss.query, p.from, p.to, ...cells(miss.count)]);
  return `${rows.map(line).join('\r\n')}\r\n`;
}

/** A file name of safe characters only, whatever the slug holds. */
export const csvFileName = (s: CommunitySignals) => `signalen-${s.community.slug.replace(/[^a-z0-9-]/gi, '-').slice(0, 60)}-${s.period.from}-${s.period.to}.csv`;

export const scopeCsvFileName = (s: ScopeSignals) => `signalen-${s.scope === 'organisation' ? 'organisatie' : 'keten'}-${s.period.from}-${s.period.to}.csv`;
