import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { ActionForm, EmptyState } from '../ui/components.tsx';
import { communityPromptsPath, promptResultsPath } from './prompts.paths.ts';
import type { PollBar, PromptResults } from './results.usecases.ts';
import { audienceText } from './compose.pages.tsx';

/** The sender's view of one prompt: schedule, counts per occurrence, the poll chart and the answers. */

const BAR_HEIGHT = 28;
const CHART_WIDTH = 480;

/**
 * The distribution as a bar chart in SVG presentation attributes only (the CSP forbids inline
 * styles). The chart is decoration for sighted readers: the table below holds the same numbers.
 */
function PollChart({ ctx, bars }: { ctx: PageContext; bars: PollBar[] }) {
  const height = bars.length * BAR_HEIGHT * 1.5;
  return (
    <svg class="lk-poll-chart" role="img" aria-labelledby="poll-chart-title" width={CHART_WIDTH} height={height} viewBox={`0 0 ${CHART_WIDTH} ${height}`} xmlns="http://www.w3.org/2000/svg">
      <title id="poll-chart-title">{ctx.t('prompts.results.chart_title')}</title>
      {bars.map((bar, index) => {
        const y = index * BAR_HEIGHT * 1.5;
        const width = Math.max(2, Math.round(((CHART_WIDTH - 60) * bar.percentage) / 100));
        return (
          <g key={index}>
            <rect x={0} y={y} width={width} height={BAR_HEIGHT} fill="#1a6fb0" />
            <text x={width + 6} y={y + BAR_HEIGHT * 0.7} font-size="14" fill="#1f1f1f">{`${bar.percentage}%`}</text>
          </g>
        );
      })}
    </svg>
  );
}

function PollTable({ ctx, bars }: { ctx: PageContext; bars: PollBar[] }) {
  const { t } = ctx;
  return (
    <div class="lk-table-wrap">
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{t('prompts.results.table_caption')}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{t('prompts.results.column.option')}</th>
            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{t('prompts.results.column.count')}</th>
            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{t('prompts.results.column.percentage')}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {bars.map((bar, index) => (
            <tr class="utrecht-table__row" key={index}>
              <th class="utrecht-table__header-cell" scope="row">{bar.option}</th>
              <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{bar.count}</td>
              <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{`${bar.percentage}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CountsTable({ ctx, results }: { ctx: PageContext; results: PromptResults }) {
  const { t } = ctx;
  const columns = ['delivered', 'held', 'snoozed', 'optedOut', 'responded'] as const;
  return (
    <div class="lk-table-wrap">
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{t('prompts.results.counts_caption')}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{t('prompts.results.column.moment')}</th>
            {columns.map((c) => <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col" key={c}>{t(`prompts.results.column.${c}`)}</th>)}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {results.occurrences.map((o) => (
            <tr class="utrecht-table__row" key={o.id}>
              <th class="utrecht-table__header-cell" scope="row">
                {formatDateTime(o.scheduledFor, ctx.locale)}{' '}
                {o.deliveredAt ? '' : <span class="lk-badge">{t(results.prompt.cancelledAt ? 'prompts.status.cancelled' : 'prompts.status.scheduled')}</span>}
              </th>
              {columns.map((c) => <td class="utrecht-table__cell utrecht-table__cell--numeric-column" key={c}>{o.counts[c]}</td>)}
            </tr>
          ))}
          {results.occurrences.length > 1 && (
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="row">{t('prompts.results.total')}</th>
              {columns.map((c) => <td class="utrecht-table__cell utrecht-table__cell--numeric-column" key={c}>{results.totals[c]}</td>)}
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export function ResultsPage({ ctx, results }: { ctx: PageContext; results: PromptResults }) {
  const { t } = ctx;
  const { prompt, community } = results;
  const title = t(`prompts.kind.${prompt.kind}`);
  const optionOf = (choice: number | null) => (choice === null ? null : (prompt.pollOptions[choice] ?? null));
  return (
    <Layout ctx={ctx} title={title}>
      <p class="lk-meta"><a class="utrecht-link" href={communityPromptsPath(community.slug)}>{t('prompts.list.title', { community: community.name })}</a></p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph lk-pre-line">{prompt.text}</p>
      {results.learningQuestionText && <p class="lk-meta">{t('prompts.results.learning_question', { text: results.learningQuestionText })}</p>}
      <p class="lk-meta">{t(`prompts.visibility.${prompt.visibility}.notice`)}</p>
      {prompt.cancelledAt && <p class="utrecht-paragraph"><span class="lk-badge lk-badge--warning">{t('prompts.status.cancelled')}</span></p>}
      {results.audienceNow !== null && <p class="utrecht-paragraph" id="audience-count">{audienceText(ctx, results.audienceNow)}</p>}
      {results.canCancel && <ActionForm ctx={ctx} action={promptResultsPath(prompt.id, '/annuleren')} label={t('prompts.results.cancel')} confirm={t('prompts.results.cancel_confirm')} variant="danger" />}

      <h2 class="utrecht-heading-2">{t('prompts.results.counts_title')}</h2>
      <p class="utrecht-paragraph">{results.responseRate === null ? t('prompts.results.nothing_yet') : t('prompts.results.rate', { rate: results.responseRate, responded: results.totals.responded, delivered: results.totals.delivered })}</p>
      <CountsTable ctx={ctx} results={results} />

      {results.poll && (
        <>
          <h2 class="utrecht-heading-2">{t('prompts.results.poll_title')}</h2>
          <PollChart ctx={ctx} bars={results.poll} />
          <PollTable ctx={ctx} bars={results.poll} />
        </>
      )}

      <h2 class="utrecht-heading-2">{t('prompts.results.answers_title')}</h2>
      {prompt.visibility === 'anonymous' ? (
        <>
          <p class="utrecht-paragraph">{t('prompts.results.anonymous_explained')}</p>
          {results.anonymousWithheld ? <EmptyState><p class="utrecht-paragraph">{t('prompts.results.anonymous_withheld')}</p></EmptyState> : results.anonymousTexts.length === 0 ? <EmptyState><p class="utrecht-paragraph">{t('prompts.results.no_answers')}</p></EmptyState> : (
            <ul class="utrecht-unordered-list">{results.anonymousTexts.map((text, index) => <li class="utrecht-unordered-list__item lk-pre-line" key={index}>{text}</li>)}</ul>
          )}
        </>
      ) : results.responses.length === 0 ? (
        <EmptyState><p class="utrecht-paragraph">{t('prompts.results.no_answers')}</p></EmptyState>
      ) : (
        <ul class="lk-card-list">
          {results.responses.map((r) => (
            <li class="lk-card" key={r.id}>
              <p class="lk-meta">{t('prompts.results.answer_by', { name: r.respondent.name, date: formatDateTime(r.updatedAt, ctx.locale) })}</p>
              {optionOf(r.choice) !== null && <p class="utrecht-paragraph"><strong>{optionOf(r.choice)}</strong></p>}
              {prompt.responseMode === 'done' && <p class="utrecht-paragraph"><strong>{t('prompts.answer.done_label')}</strong></p>}
              {r.body && <p class="utrecht-paragraph lk-pre-line">{r.body}</p>}
              {r.mayReuse && (
                <div class="lk-actions">
                  <ActionForm ctx={ctx} action={promptResultsPath(prompt.id, '/hergebruiken')} label={t('prompts.reuse.practice')} hidden={{ responseId: r.id, as: 'practice' }} />
                  <ActionForm ctx={ctx} action={promptResultsPath(prompt.id, '/hergebruiken')} label={t('prompts.reuse.question')} hidden={{ responseId: r.id, as: 'question' }} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
