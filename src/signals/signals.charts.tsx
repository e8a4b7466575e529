import type { PageContext } from '../ui/context.ts';
import type { Figure } from './privacy.ts';
import { FigureCell, formatDay } from './signals.format.tsx';
import type { CommunityMetric } from './signals.models.ts';

/**
 * Weekly series as SVG bar charts (presentation attributes only: the CSP forbids inline styles),
 * side by side, with one data table below holding the same numbers: a week per row, a figure per
 * column. Each chart's description points to that table. A suppressed week is a gap with a dashed
 * outline, never a bar whose height would give its value away.
 */

const WIDTH = 640;
const HEIGHT = 160;
const BASELINE = HEIGHT - 20;
export const SERIES_TABLE_ID = 'signals-series-table';

export interface SeriesWeek {
  /** Monday, YYYY-MM-DD. */
  weekStart: string;
  figures: Record<CommunityMetric, Figure>;
}

function SeriesChart({ ctx, metric, series }: { ctx: PageContext; metric: CommunityMetric; series: readonly SeriesWeek[] }) {
  const { t } = ctx;
  const label = t(`signals.metric.${metric}`);
  const id = `series-${metric}`;
  const max = Math.max(1, ...series.map((w) => w.figures[metric].value ?? 0));
  const slot = WIDTH / Math.max(1, series.length);
  const barWidth = Math.max(2, slot * 0.7);
  return (
    <figure class="lk-signals-series">
      <svg class="lk-signals-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>{t('signals.series.chart_title', { metric: label })}</title>
        <desc id={`${id}-desc`}>{t('signals.series.chart_summary')}</desc>
        <line x1={0} y1={BASELINE} x2={WIDTH} y2={BASELINE} stroke="#5c5c5c" stroke-width={1} />
        {series.map((week, index) => {
          const figure = week.figures[metric];
          const x = index * slot + (slot - barWidth) / 2;
          if (figure.isSuppressed) return <rect key={week.weekStart} x={x} y={BASELINE - 24} width={barWidth} height={24} fill="none" stroke="#5c5c5c" stroke-dasharray="3 3" />;
          const height = Math.round(((figure.value ?? 0) / max) * (BASELINE - 10));
          return <rect key={week.weekStart} x={x} y={BASELINE - height} width={barWidth} height={height} fill="#1a6fb0" />;
        })}
      </svg>
      <figcaption class="lk-meta">{t('signals.series.caption', { metric: label })}</figcaption>
    </figure>
  );
}

export function WeeklySeries({ ctx, metrics, series, k }: { ctx: PageContext; metrics: readonly CommunityMetric[]; series: readonly SeriesWeek[]; k: number }) {
  const { t } = ctx;
  return (
    <>
      <div class="lk-signals-charts">
        {metrics.map((metric) => <SeriesChart key={metric} ctx={ctx} metric={metric} series={series} />)}
      </div>
      <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={ctx.t('table.scroll_region')}>
        <table class="utrecht-table" id={SERIES_TABLE_ID}>
          <caption class="utrecht-table__caption">{t('signals.series.table_caption')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">{t('signals.column.week')}</th>
              {metrics.map((metric) => <th key={metric} class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{t(`signals.metric.${metric}`)}</th>)}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {series.map((week) => (
              <tr class="utrecht-table__row" key={week.weekStart}>
                <th class="utrecht-table__header-cell" scope="row">{formatDay(week.weekStart, ctx.locale)}</th>
                {metrics.map((metric) => <FigureCell key={metric} ctx={ctx} figure={week.figures[metric]} k={k} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
