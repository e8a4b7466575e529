import { communityPath } from '../communities/communities.pages.tsx';
import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { Button, EmptyState, Pagination, SelectField, TextField, emptyForm } from '../ui/components.tsx';
import { CANDIDATE_LIMIT, MAX_QUERY_LENGTH, kindParam, searchUrl, type SearchFilter, type TextSegment } from './search.models.ts';
import type { MissesPage, SearchOutcome, SearchResult } from './search.usecases.ts';

/** Pages of search: the search page and, for facilitators, the searches that found nothing. */

export interface CommunityChoice {
  slug: string;
  name: string;
}

interface SearchPageProps {
  ctx: PageContext;
  filter: SearchFilter;
  /** Absent when the search timed out. */
  outcome?: SearchOutcome;
  communities: CommunityChoice[];
}

/** Text from the database, rendered as text (Preact escapes it); only the matches get <mark>. */
export function Highlighted({ segments }: { segments: TextSegment[] }) {
  return <>{segments.map((segment, i) => (segment.isMatch ? <mark key={i}>{segment.text}</mark> : segment.text))}</>;
}

export function SearchPage({ ctx, filter, outcome, communities }: SearchPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={filter.q ? `${filter.q} · ${t('search.title')}` : t('search.title')}>
      <h1 class="utrecht-heading-1">{t('search.title')}</h1>
      <p class="utrecht-paragraph">{t('search.intro')}</p>
      <SearchForm ctx={ctx} filter={filter} communities={communities} />
      {!outcome ? (
        <div class="utrecht-alert utrecht-alert--warning" role="alert">
          <p class="utrecht-paragraph">{t('search.timeout')}</p>
        </div>
      ) : outcome.isSearched ? (
        <Results ctx={ctx} filter={filter} outcome={outcome} />
      ) : (
        <p class="utrecht-paragraph">{t('search.start')}</p>
      )}
    </Layout>
  );
}

function SearchForm({ ctx, filter, communities }: { ctx: PageContext; filter: SearchFilter; communities: CommunityChoice[] }) {
  const { t } = ctx;
  const form = emptyForm({
    gemeenschap: filter.communitySlug ?? '',
    soort: filter.kind ? kindParam(filter.kind) : '',
    vraagsoort: filter.questionKind === 'what' ? 'wat' : filter.questionKind === 'how' ? 'hoe' : '',
  });
  const hasFilters = Boolean(filter.communitySlug || filter.kind || filter.questionKind || filter.tag || filter.from || filter.to);
  return (
    <form method="get" action="/zoeken" role="search" class="lk-stack">
      <div class="lk-form">
        <TextField ctx={ctx} name="q" type="search" label={t('search.field.q')} description={t('search.field.q.description')} value={filter.q} maxLength={MAX_QUERY_LENGTH} />
      </div>
      <div class="lk-filter">
        <SelectField
          ctx={ctx}
          form={form}
          name="gemeenschap"
          label={t('search.field.community')}
          options={[{ value: '', label: t('search.field.community.all') }, ...communities.map((c) => ({ value: c.slug, label: c.name }))]}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="soort"
          label={t('search.field.kind')}
          options={(['all', 'question', 'answer', 'practice'] as const).map((k) => ({ value: k === 'all' ? '' : kindParam(k), label: t(`search.field.kind.${k}`) }))}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="vraagsoort"
          label={t('search.field.question_kind')}
          options={['all', 'what', 'how'].map((k) => ({ value: { all: '', what: 'wat', how: 'hoe' }[k] ?? '', label: t(`search.field.question_kind.${k}`) }))}
        />
        <TextField ctx={ctx} name="tag" label={t('search.field.tag')} value={filter.tag ?? ''} maxLength={40} />
        <TextField ctx={ctx} name="van" type="date" label={t('search.field.from')} value={filter.from ?? ''} />
        <TextField ctx={ctx} name="tot" type="date" label={t('search.field.to')} value={filter.to ?? ''} />
      </div>
      <div class="lk-actions">
        <Button>{t('search.submit')}</Button>
        {hasFilters && <a class="utrecht-link" href={searchUrl({ q: filter.q })}>{t('search.clear')}</a>}
      </div>
    </form>
  );
}

/** "Bedoelde je …?" with the corrected query as a link; the sentence stays one message. */
function Suggestion({ ctx, filter, suggestion }: { ctx: PageContext; filter: SearchFilter; suggestion: string }) {
  const [before = '', after = ''] = ctx.t('search.suggestion', { suggestion: '\u0000' }).split('\u0000');
  return (
    <p class="utrecht-paragraph">
      {before}
      <a class="utrecht-link" href={searchUrl({ ...filter, q: suggestion })}><strong>{suggestion}</strong></a>
      {after}
    </p>
  );
}

function Results({ ctx, filter, outcome }: { ctx: PageContext; filter: SearchFilter; outcome: SearchOutcome }) {
  const { t } = ctx;
  const { page } = outcome;
  return (
    <section aria-labelledby="results-heading" class="lk-stack">
      <h2 class="utrecht-heading-2" id="results-heading">{t('search.results')}</h2>
      <p class="lk-meta" role="status">{outcome.isTotalCapped ? t('search.count_capped', { count: CANDIDATE_LIMIT }) : t('search.count', { count: outcome.total })}</p>
      {outcome.suggestion && <Suggestion ctx={ctx} filter={filter} suggestion={outcome.suggestion} />}
      {page.items.length > 0 ? (
        <ol class="lk-stack lk-results" start={(page.page - 1) * page.pageSize + 1}>
          {page.items.map((result) => <ResultItem ctx={ctx} result={result} key={result.id} />)}
        </ol>
      ) : outcome.total > 0 ? (
        <EmptyState><p class="utrecht-paragraph"><a class="utrecht-link" href={searchUrl(filter)}>{t('search.empty.page')}</a></p></EmptyState>
      ) : (
        <NothingFound ctx={ctx} filter={filter} />
      )}
      <Pagination ctx={ctx} page={page.page} hasNext={page.hasNext} baseUrl={searchUrl(filter)} />
    </section>
  );
}

function ResultItem({ ctx, result }: { ctx: PageContext; result: SearchResult }) {
  const { t } = ctx;
  const date = formatDateTime(result.createdAt, ctx.locale, 'date');
  return (
    <li class="lk-card">
      <h3 class="utrecht-heading-3"><a class="utrecht-link" href={result.url}><Highlighted segments={result.title} /></a></h3>
      {result.snippet.length > 0 && <p class="utrecht-paragraph"><Highlighted segments={result.snippet} /></p>}
      <p class="lk-meta">{t('search.result.meta', { kind: t(`search.kind.${result.kind}`), community: result.community.name, date })}</p>
    </li>
  );
}

function NothingFound({ ctx, filter }: { ctx: PageContext; filter: SearchFilter }) {
  const { t } = ctx;
  return (
    <EmptyState>
      <h3 class="utrecht-heading-3">{t('search.empty.title', { q: filter.q })}</h3>
      <p class="utrecht-paragraph">{t('search.empty.intro')}</p>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">{t('search.empty.spelling')}</li>
        <li class="utrecht-unordered-list__item">{t('search.empty.fewer')}</li>
        <li class="utrecht-unordered-list__item"><a class="utrecht-link" href={searchUrl({ q: filter.q })}>{t('search.empty.filters')}</a></li>
        <li class="utrecht-unordered-list__item">{t('search.empty.ask')}</li>
      </ul>
    </EmptyState>
  );
}

export function SearchMissesPage({ ctx, data }: { ctx: PageContext; data: MissesPage }) {
  const { t } = ctx;
  const { community, misses, days } = data;
  const title = t('search.misses.title', { name: community.name });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="utrecht-paragraph"><a class="utrecht-link" href={communityPath(community.slug)}>{t('communities.home.back', { name: community.name })}</a></p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t('search.misses.intro', { days })}</p>
      {misses.items.length === 0 ? (
        <EmptyState><p class="utrecht-paragraph">{t('search.misses.empty', { days })}</p></EmptyState>
      ) : (
        <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={t('table.scroll_region')}>
          <table class="utrecht-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{t('search.misses.column.query')}</th>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{t('search.misses.column.count')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t('search.misses.column.last')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {misses.items.map((miss) => (
                <tr class="utrecht-table__row" key={miss.query}>
                  <th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link" href={searchUrl({ q: miss.query, communitySlug: community.slug })}>{miss.query}</a></th>
                  <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{miss.count}</td>
                  <td class="utrecht-table__cell">{formatDateTime(new Date(`${miss.lastDay}T12:00:00Z`), ctx.locale, 'date')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} page={misses.page} hasNext={misses.hasNext} baseUrl={communityPath(community.slug, '/zoekvragen')} />
    </Layout>
  );
}
