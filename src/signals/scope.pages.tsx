import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { EmptyState, ErrorSummary, Pagination, type FormState } from '../ui/components.tsx';
import type { Figure, SummedFigure } from './privacy.ts';
import { WeeklySeries } from './signals.charts.tsx';
import { FigureCell, SUPPRESSED_EXPLANATION_ID, addDaysTo, figureText, formatDay } from './signals.format.tsx';
import { COMMUNITY_METRICS } from './signals.models.ts';
import { CHARTED, PairTable, PeriodPicker, SearchMisses, SharpeningTable, SHARES } from './signals.pages.tsx';
import { communitySignalsPath, scopeSignalsPath, signalsExplainedPath } from './signals.paths.ts';
import { ROW_METRICS, type ScopeSignals, type SignalsScope, type SummedPair } from './scope.usecases.ts';

/**
 * The organisation and chain views for managers: the same figures as a community's page, summed
 * over communities, with a line per community and, for the chain, how answers and tried practices
 * cross organisation boundaries.
 */

const th = 'utrecht-table__header-cell';
const thNumeric = 'utrecht-table__header-cell utrecht-table__header-cell--numeric-column';
type Style = 'count' | 'percent' | 'hours';

/** A summed figure, saying how many communities it leaves out because they show fewer than K people. */
function SummedCell({ ctx, figure, k, style }: { ctx: PageContext; figure: SummedFigure; k: number; style?: Style }) {
  if (figure.isSuppressed || figure.leftOut === 0) return <FigureCell ctx={ctx} figure={figure} k={k} style={style} />;
  return (
    <td class="utrecht-table__cell utrecht-table__cell--numeric-column" aria-describedby={SUPPRESSED_EXPLANATION_ID}>
      {figureText(ctx, figure, k, style)} <span class="lk-meta">{ctx.t('signals.scope.left_out', { count: figure.leftOut })}</span>
    </td>
  );
}

function SummedRow({ ctx, label, pair, k, style }: { ctx: PageContext; label: string; pair: SummedPair | { current: Figure; previous: Figure }; k: number; style?: Style }) {
  const cell = (figure: Figure | SummedFigure) => ('leftOut' in figure ? <SummedCell ctx={ctx} figure={figure} k={k} style={style} /> : <FigureCell ctx={ctx} figure={figure} k={k} style={style} />);
  return (
    <tr class="utrecht-table__row">
      <th class={th} scope="row">{label}</th>
      {cell(pair.current)}
      {cell(pair.previous)}
    </tr>
  );
}

function CommunityTable({ ctx, signals, baseUrl }: { ctx: PageContext; signals: ScopeSignals; baseUrl: string }) {
  const { t } = ctx;
  const { items, page, hasNext, total } = signals.communities;
  return (
    <>
      <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={ctx.t('table.scroll_region')}>
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">{t('signals.scope.communities_caption', { total })}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class={th} scope="col">{t('signals.scope.column.community')}</th>
              {signals.scope === 'chain' && <th class={th} scope="col">{t('signals.scope.column.owner')}</th>}
              {ROW_METRICS.map((metric) => <th key={metric} class={thNumeric} scope="col">{t(`signals.metric.${metric}`)}</th>)}
              <th class={thNumeric} scope="col">{t('signals.share.answered')}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {items.map((row) => (
              <tr class="utrecht-table__row" key={row.id}>
                <th class={th} scope="row">{row.hasOwnSignals ? <a class="utrecht-link" href={communitySignalsPath(row.slug)}>{row.name}</a> : row.name}</th>
                {signals.scope === 'chain' && <td class="utrecht-table__cell">{row.organisationName}</td>}
                {ROW_METRICS.map((metric) => <FigureCell key={metric} ctx={ctx} figure={row.figures[metric]} k={signals.k} />)}
                <FigureCell ctx={ctx} figure={row.answeredShare} k={signals.k} style="percent" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination ctx={ctx} page={page} hasNext={hasNext} baseUrl={baseUrl} />
    </>
  );
}

function ScopeBody({ ctx, signals, csvHref, baseUrl }: { ctx: PageContext; signals: ScopeSignals; csvHref: string; baseUrl: string }) {
  const { t } = ctx;
  const { period, previousPeriod: previous, k } = signals;
  if (signals.communityCount === 0) return <EmptyState><p class="utrecht-paragraph">{t(`signals.scope.${signals.scope}.empty`)}</p></EmptyState>;
  return (
    <>
      <p class="utrecht-paragraph">
        {t('signals.page.period', { from: formatDay(period.from, ctx.locale), to: formatDay(addDaysTo(period.to, 6), ctx.locale), previousFrom: formatDay(previous.from, ctx.locale), previousTo: formatDay(addDaysTo(previous.to, 6), ctx.locale) })}
      </p>
      <p class="utrecht-paragraph"><a class="utrecht-link" href={csvHref} download>{t('signals.page.csv')}</a></p>

      {signals.scope === 'chain' && (
        <>
          <h2 class="utrecht-heading-2">{t('signals.scope.flow.title')}</h2>
          <p class="utrecht-paragraph">{t('signals.scope.flow.intro')}</p>
          <PairTable ctx={ctx} caption={t('signals.scope.flow.caption')}>
            {(['answers', 'answers_cross_org', 'practice_tries', 'practice_tries_cross_org'] as const).map((metric) => <SummedRow key={metric} ctx={ctx} label={t(`signals.metric.${metric}`)} pair={signals.figures[metric]} k={k} />)}
            <SummedRow ctx={ctx} label={t('signals.share.answers_cross_org')} pair={signals.shares.answersCrossOrg} k={k} style="percent" />
            <SummedRow ctx={ctx} label={t('signals.share.tries_cross_org')} pair={signals.shares.triesCrossOrg} k={k} style="percent" />
          </PairTable>
        </>
      )}

      <h2 class="utrecht-heading-2">{t('signals.figures.title')}</h2>
      <PairTable ctx={ctx} caption={t('signals.scope.figures_caption', { count: signals.communityCount })}>
        {COMMUNITY_METRICS.map((metric) => <SummedRow key={metric} ctx={ctx} label={t(`signals.metric.${metric}`)} pair={signals.figures[metric]} k={k} />)}
      </PairTable>

      <h2 class="utrecht-heading-2">{t('signals.shares.title')}</h2>
      <PairTable ctx={ctx} caption={t('signals.shares.caption')}>
        {SHARES.map(([key, label]) => <SummedRow key={key} ctx={ctx} label={t(`signals.share.${label}`)} pair={signals.shares[key]} k={k} style="percent" />)}
        <SummedRow ctx={ctx} label={t('signals.median.label')} pair={signals.medianHoursToFirstAnswer} k={k} style="hours" />
      </PairTable>

      <h2 class="utrecht-heading-2">{t('signals.scope.communities_title')}</h2>
      <CommunityTable ctx={ctx} signals={signals} baseUrl={baseUrl} />

      <h2 class="utrecht-heading-2">{t('signals.series.title')}</h2>
      <WeeklySeries ctx={ctx} metrics={CHARTED} series={signals.series} k={k} />

      <h2 class="utrecht-heading-2">{t('signals.sharpening.title')}</h2>
      <p class="utrecht-paragraph">{t('signals.scope.sharpening_intro')}</p>
      <SharpeningTable ctx={ctx} rows={signals.sharpening} k={k} empty={t('signals.scope.sharpening_empty', { k })} />

      <h2 class="utrecht-heading-2">{t('signals.misses.title')}</h2>
      <p class="utrecht-paragraph">{t('signals.scope.misses_intro', { k })}</p>
      <SearchMisses ctx={ctx} signals={signals} />
    </>
  );
}

/** Links between the two views. */
function ScopeNav({ ctx, scope }: { ctx: PageContext; scope: SignalsScope }) {
  const { t } = ctx;
  return (
    <nav aria-label={t('signals.scope.nav')}>
      <ul class="lk-tabs">
        {(['organisation', 'chain'] as const).map((s) => (
          <li class="lk-tabs__item" key={s}><a class="utrecht-link" href={scopeSignalsPath(s)} aria-current={s === scope ? 'page' : undefined}>{t(`signals.scope.${s}.nav`)}</a></li>
        ))}
      </ul>
    </nav>
  );
}

/** `signals` is absent when the chosen range was refused: the picker comes back with its errors (422). */
export function ScopeSignalsPage(props: { ctx: PageContext; scope: SignalsScope; organisationName: string; signals?: ScopeSignals; form: FormState; csvHref: string; baseUrl: string }) {
  const { ctx, scope, signals, form } = props;
  const { t } = ctx;
  const k = signals?.k ?? 5;
  const title = t(`signals.scope.${scope}.title`, { organisation: props.organisationName });
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ScopeNav ctx={ctx} scope={scope} />
      <ErrorSummary ctx={ctx} form={form} />
      <p class="utrecht-paragraph">{t(`signals.scope.${scope}.intro`, { k })}</p>
      <p class="utrecht-paragraph" id={SUPPRESSED_EXPLANATION_ID}>{t('signals.scope.suppressed_explanation', { k })}</p>
      <p class="utrecht-paragraph"><a class="utrecht-link" href={signalsExplainedPath}>{t('signals.page.explained_link')}</a></p>
      <PeriodPicker ctx={ctx} action={scopeSignalsPath(scope)} form={form} />
      {signals && <ScopeBody ctx={ctx} signals={signals} csvHref={props.csvHref} baseUrl={props.baseUrl} />}
    </Layout>
  );
}
