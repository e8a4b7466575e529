import type { ComponentChildren } from 'preact';
import { communityPath } from '../communities/communities.pages.tsx';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { Button, EmptyState, ErrorSummary, SelectField, TextField, type FormState } from '../ui/components.tsx';
import { WeeklySeries } from './signals.charts.tsx';
import { FigureCell, SUPPRESSED_EXPLANATION_ID, addDaysTo, formatDay } from './signals.format.tsx';
import { COMMUNITY_METRICS, type CommunityMetric } from './signals.models.ts';
import { communitySignalsPath, signalsExplainedPath } from './signals.paths.ts';
import type { CommunitySignals, FigurePair, SharpeningRow } from './signals.usecases.ts';

/** A community's signals for facilitators and managers: figures, shares, weekly charts, the sharpening list, searches. */

export const CHARTED: readonly CommunityMetric[] = ['active_members', 'contributors', 'questions_asked', 'practice_tries', 'prompt_responses'];
export const SHARES = [['contributed', 'contributed'], ['answered', 'answered'], ['answeredWithinTwoWorkingDays', 'answered_within_two_working_days'], ['responseRate', 'response_rate']] as const;
const th = 'utrecht-table__header-cell';
const thNumeric = 'utrecht-table__header-cell utrecht-table__header-cell--numeric-column';

export function PeriodPicker({ ctx, action, form }: { ctx: PageContext; action: string; form: FormState }) {
  const { t } = ctx;
  const options = (['last4', 'quarter', 'year', 'weeks'] as const).map((value) => ({ value, label: t(`signals.picker.${value}`) }));
  return (
    <form method="get" action={action} class="lk-stack" aria-labelledby="picker-heading" novalidate>
      <h2 class="utrecht-heading-2" id="picker-heading">{t('signals.picker.title')}</h2>
      <SelectField ctx={ctx} form={form} name="periode" label={t('signals.picker.period')} options={options} />
      <TextField ctx={ctx} form={form} name="van" type="date" label={t('signals.picker.from')} description={t('signals.picker.weeks_hint')} />
      <TextField ctx={ctx} form={form} name="tot" type="date" label={t('signals.picker.to')} description={t('signals.picker.weeks_hint')} />
      <Button variant="secondary">{t('signals.picker.submit')}</Button>
    </form>
  );
}

export function PairRow({ ctx, label, pair, k, style }: { ctx: PageContext; label: string; pair: FigurePair; k: number; style?: 'count' | 'percent' | 'hours' }) {
  return (
    <tr class="utrecht-table__row">
      <th class={th} scope="row">{label}</th>
      <FigureCell ctx={ctx} figure={pair.current} k={k} style={style} />
      <FigureCell ctx={ctx} figure={pair.previous} k={k} style={style} />
    </tr>
  );
}

export function PairTable({ ctx, caption, children }: { ctx: PageContext; caption: string; children: ComponentChildren }) {
  const { t } = ctx;
  return (
    <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={ctx.t('table.scroll_region')}>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class={th} scope="col">{t('signals.column.figure')}</th>
            <th class={thNumeric} scope="col">{t('signals.column.current')}</th>
            <th class={thNumeric} scope="col">{t('signals.column.previous')}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">{children}</tbody>
      </table>
    </div>
  );
}

/**
 * "Where the framework needs sharpening", ranked: a community's learning questions, or (with
 * `community` on each row) those of all frameworks of an organisation. Rows without a score
 * (suppressed figures) come last, without a rank. `empty` says what to do when there are none.
 */
export function SharpeningTable({ ctx, rows, k, empty }: { ctx: PageContext; rows: readonly (SharpeningRow & { community?: { name: string } })[]; k: number; empty: string }) {
  const { t } = ctx;
  if (rows.length === 0) return <EmptyState><p class="utrecht-paragraph">{empty}</p></EmptyState>;
  const hasCommunity = rows.some((row) => row.community);
  return (
    <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={ctx.t('table.scroll_region')}>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{t('signals.sharpening.caption')}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class={thNumeric} scope="col">{t('signals.column.rank')}</th>
            <th class={th} scope="col">{t('signals.column.learning_question')}</th>
            {hasCommunity && <th class={th} scope="col">{t('signals.scope.column.community')}</th>}
            <th class={thNumeric} scope="col">{t('signals.column.unclear_flags')}</th>
            <th class={thNumeric} scope="col">{t('signals.column.unanswered')}</th>
            <th class={thNumeric} scope="col">{t('signals.column.asked')}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((row, index) => (
            <tr class="utrecht-table__row" key={row.learningQuestionId}>
              <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{row.score === null ? '' : index + 1}</td>
              <th class={th} scope="row">{`${t(`signals.sharpening.kind.${row.kind}`)}: ${row.text}`}</th>
              {hasCommunity && <td class="utrecht-table__cell">{row.community?.name}</td>}
              <FigureCell ctx={ctx} figure={row.unclearFlags} k={k} />
              <FigureCell ctx={ctx} figure={row.unansweredQuestions} k={k} />
              <FigureCell ctx={ctx} figure={row.questionsAsked} k={k} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SearchMisses({ ctx, signals }: { ctx: PageContext; signals: Pick<CommunitySignals, 'k' | 'searchMisses'> }) {
  const { t } = ctx;
  if (signals.searchMisses.length === 0) return <EmptyState><p class="utrecht-paragraph">{t('signals.misses.empty', { k: signals.k })}</p></EmptyState>;
  return (
    <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={ctx.t('table.scroll_region')}>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{t('signals.misses.caption')}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class={th} scope="col">{t('signals.column.query')}</th>
            <th class={thNumeric} scope="col">{t('signals.column.count')}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {signals.searchMisses.map((miss) => (
            <tr class="utrecht-table__row" key={miss.query}>
              <th class={th} scope="row">{miss.query}</th>
              <FigureCell ctx={ctx} figure={miss.count} k={signals.k} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SignalsBody({ ctx, signals, csvHref }: { ctx: PageContext; signals: CommunitySignals; csvHref: string }) {
  const { t } = ctx;
  const { period, previousPeriod: previous, k } = signals;
  return (
    <>
      <p class="utrecht-paragraph">
        {t('signals.page.period', { from: formatDay(period.from, ctx.locale), to: formatDay(addDaysTo(period.to, 6), ctx.locale), previousFrom: formatDay(previous.from, ctx.locale), previousTo: formatDay(addDaysTo(previous.to, 6), ctx.locale) })}
      </p>
      <p class="utrecht-paragraph"><a class="utrecht-link" href={csvHref} download>{t('signals.page.csv')}</a></p>

      <h2 class="utrecht-heading-2">{t('signals.figures.title')}</h2>
      <PairTable ctx={ctx} caption={t('signals.figures.caption')}>
        {COMMUNITY_METRICS.map((metric) => <PairRow key={metric} ctx={ctx} label={t(`signals.metric.${metric}`)} pair={signals.figures[metric]} k={k} />)}
      </PairTable>

      <h2 class="utrecht-heading-2">{t('signals.shares.title')}</h2>
      <PairTable ctx={ctx} caption={t('signals.shares.caption')}>
        {SHARES.map(([key, label]) => <PairRow key={key} ctx={ctx} label={t(`signals.share.${label}`)} pair={signals.shares[key]} k={k} style="percent" />)}
        <PairRow ctx={ctx} label={t('signals.median.label')} pair={signals.medianHoursToFirstAnswer} k={k} style="hours" />
      </PairTable>

      <h2 class="utrecht-heading-2">{t('signals.series.title')}</h2>
      <WeeklySeries ctx={ctx} metrics={CHARTED} series={signals.series} k={k} />

      <h2 class="utrecht-heading-2">{t('signals.sharpening.title')}</h2>
      <p class="utrecht-paragraph">{t('signals.sharpening.intro')}</p>
      <SharpeningTable ctx={ctx} rows={signals.sharpening} k={k} empty={t('signals.sharpening.empty')} />

      <h2 class="utrecht-heading-2">{t('signals.misses.title')}</h2>
      <p class="utrecht-paragraph">{t('signals.misses.intro', { k })}</p>
      <SearchMisses ctx={ctx} signals={signals} />
    </>
  );
}

/** `signals` is absent when the chosen range was refused: the picker comes back with its errors (422). */
export function CommunitySignalsPage(props: { ctx: PageContext; community: { slug: string; name: string }; signals?: CommunitySignals; form: FormState; csvHref: string }) {
  const { ctx, community, signals, form } = props;
  const { t } = ctx;
  const k = signals?.k ?? 5;
  return (
    <Layout ctx={ctx} title={t('signals.page.title', { community: community.name })}>
      <p class="lk-meta"><a class="utrecht-link" href={communityPath(community.slug)}>{community.name}</a></p>
      <h1 class="utrecht-heading-1">{t('signals.page.title', { community: community.name })}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <p class="utrecht-paragraph">{t('signals.page.intro', { k })}</p>
      <p class="utrecht-paragraph" id={SUPPRESSED_EXPLANATION_ID}>{t('signals.suppressed.explanation', { k })}</p>
      <p class="utrecht-paragraph"><a class="utrecht-link" href={signalsExplainedPath}>{t('signals.page.explained_link')}</a></p>
      <PeriodPicker ctx={ctx} action={communitySignalsPath(community.slug)} form={form} />
      {signals && <SignalsBody ctx={ctx} signals={signals} csvHref={props.csvHref} />}
    </Layout>
  );
}
