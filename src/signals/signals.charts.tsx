import type { PageContext } from '../ui/context.ts';
import { FigureCell, formatDay } from './signals.format.tsx';
import type { CommunityMetric } from './signals.models.ts';
import type { WeekSignals } from './signals.usecases.ts';

/**
 * A weekly series as an SVG bar chart (presentation attributes only: the CSP forbids inline
 * styles) with the same numbers in a table beside it. A suppressed week is a gap with a dashed
 * outline, never a bar whose height would give its value away.
 */

const WIDTH = 640;
const HEIGHT = 160;
const BASELINE = HEIGHT - 20;

export function SeriesChart({ ctx, metric, series, k }: { ctx: PageContext; metric: CommunityMetric; series: WeekSignals[]; k: number }) {
  const { t } = ctx;
  const label = t(`signals.metric.${metric}`);
  const id = `series-${metric}`;
  const max = Math.max(1, ...series.map((w) => w.figures[metric].value ?? 0));
  const slot = WIDTH / Math.max(1, series.length);
  const barWidth = Math.max(2, slot * 0.7);
  return (
    <figure class="lk-signals-series" aria-labelledby={`${id}-caption`}>
      <svg class="lk-signals-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>{t('signals.series.chart_title', { metric: label })}</title>
        <desc id={`${id}-desc`}>{t('signals.series.chart_summary', { metric: label })}</desc>
        <line x1={0} y1={BASELINE} x2={WIDTH} y2={BASELINE} stroke="#5c5c5c" stroke-width={1} />
        {series.map((week, index) => {
          const figure = week.figures[metric];
          const x = index * slot + (slot - barWidth) / 2;
          if (figure.isSuppressed) return <rect key={week.weekStart} x={x} y={BASELINE - 24} width={barWidth} height={24} fill="none" stroke="#5c5c5c" stroke-dasharray="3 3" />;
          const height = Math.round(((figure.value ?? 0) / max) * (BASELINE - 10));
          return <rect key={week.weekStart} x={x} y={BASELINE - height} width={barWidth} height={height} fill="#1a6fb0" />;
        })}
      </svg>
      <figcaption id={`${id}-caption`} class="lk-meta">{t('signals.series.caption', { metric: label })}</figcaption>
      <div class="lk-table-wrap">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">{t('signals.series.caption', { metric: label })}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">{t('signals.column.week')}</th>
              <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{t('signals.column.value')}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {series.map((week) => (
              <tr class="utrecht-table__row" key={week.weekStart}>
                <th class="utrecht-table__header-cell" scope="row">{formatDay(week.weekStart, ctx.locale)}</th>
                <FigureCell ctx={ctx} figure={week.figures[metric]} k={k} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
