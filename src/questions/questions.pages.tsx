import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { Page } from '../platform/paging.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { Button, ButtonLink, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, Pagination, SelectField, Tags, TextField, emptyForm, type FormState } from '../ui/components.tsx';
import { MarkdownEditor } from '../ui/editor.tsx';
import { QUESTION_FILTERS, QUESTION_SORTS, type QuestionListFilter } from './questions.models.ts';
import { communityQuestionsPath, questionListUrl, questionPath } from './questions.paths.ts';
import { pageFilterParam, pageSortParam } from './questions.schemas.ts';
import type { AskForm, CommunityQuestions, QuestionListItem } from './questions.usecases.ts';

/** Question lists and the ask form. The question page itself is in question.pages.tsx. */

export function QuestionCard({ ctx, item, showCommunity = false }: { ctx: PageContext; item: QuestionListItem; showCommunity?: boolean }) {
  const { t } = ctx;
  return (
    <li class="lk-card lk-question-card">
      <h2 class="utrecht-heading-3 lk-question-card__title">
        <a class="utrecht-link" href={questionPath(item.id)}>{item.title}</a>
      </h2>
      <p class="lk-meta">
        <span class="lk-badge">{t(`questions.kind.${item.kind}`)}</span>{' '}
        {item.isSolved && <span class="lk-badge lk-badge--success">{t('questions.solved')}</span>}{' '}
        {item.isClosed && <span class="lk-badge">{t('questions.closed')}</span>}{' '}
        {t('questions.answer_count', { count: item.answerCount })} · {t('questions.helped_count', { count: item.helpedCount })}
        {showCommunity && <> · {t('questions.in_community', { community: item.communityName })}</>}
      </p>
      <p class="lk-meta">
        {item.authorName === null
          ? t('questions.asked_pseudonymous', { date: formatDateTime(item.createdAt, ctx.locale, 'date') })
          : t('questions.asked_by', { name: item.authorName, date: formatDateTime(item.createdAt, ctx.locale, 'date') })}
      </p>
      <Tags tags={item.tags} />
    </li>
  );
}

export function QuestionsListPage({ ctx, result, filter }: { ctx: PageContext; result: CommunityQuestions; filter: QuestionListFilter }) {
  const { t } = ctx;
  const { community, page } = result;
  const isFiltered = filter.filter !== 'all' || Boolean(filter.tag) || Boolean(filter.learningQuestionId);
  const title = t('questions.list.title', { community: community.name });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="lk-meta"><a class="utrecht-link" href={`/gemeenschappen/${encodeURIComponent(community.slug)}`}>{community.name}</a></p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t('questions.list.intro')}</p>
      {result.canAsk && <p class="utrecht-paragraph"><ButtonLink href={communityQuestionsPath(community.slug, '/nieuw')}>{t('questions.ask')}</ButtonLink></p>}
      <form method="get" action={communityQuestionsPath(community.slug)} class="lk-filter-form">
        <SelectField ctx={ctx} form={emptyForm({ filter: pageFilterParam(filter.filter) })} name="filter" label={t('questions.filter.label')} options={QUESTION_FILTERS.map((f) => ({ value: pageFilterParam(f), label: t(`questions.filter.${f}`) }))} />
        <SelectField ctx={ctx} form={emptyForm({ sortering: pageSortParam(filter.sort) })} name="sortering" label={t('questions.sort.label')} options={QUESTION_SORTS.map((s) => ({ value: pageSortParam(s), label: t(`questions.sort.${s}`) }))} />
        <TextField ctx={ctx} form={emptyForm({ tag: filter.tag })} name="tag" label={t('questions.filter.tag')} maxLength={40} />
        {filter.learningQuestionId && <input type="hidden" name="leervraag" value={filter.learningQuestionId} />}
        <Button variant="secondary">{t('questions.filter.submit')}</Button>
      </form>
      {filter.tag && <p class="lk-meta">{t('questions.filter.tag_active', { tag: filter.tag })}</p>}
      {filter.learningQuestionId && <p class="lk-meta">{t('questions.filter.learning_question_active')}</p>}
      {page.items.length === 0 ? (
        <EmptyState>
          <p class="utrecht-paragraph">{isFiltered ? t('questions.empty.filtered') : result.canAsk ? t('questions.empty.all') : t('questions.empty.all_reader')}</p>
          {isFiltered && <p class="utrecht-paragraph"><a class="utrecht-link" href={communityQuestionsPath(community.slug)}>{t('questions.filter.clear')}</a></p>}
        </EmptyState>
      ) : (
        <ul class="lk-card-list">{page.items.map((item) => <QuestionCard ctx={ctx} item={item} key={item.id} />)}</ul>
      )}
      <Pagination ctx={ctx} page={page.page} hasNext={page.hasNext} baseUrl={questionListUrl(community.slug, filter)} />
    </Layout>
  );
}

export interface SimilarQuestion {
  id: string;
  title: string;
  communityName: string;
}

export function QuestionFields({ ctx, form, afterTitle }: { ctx: PageContext; form: FormState; afterTitle?: preact.ComponentChildren }) {
  const { t } = ctx;
  return (
    <>
      <ChoiceGroup ctx={ctx} form={form} type="radio" name="kind" label={t('questions.field.kind')} required options={(['what', 'how'] as const).map((kind) => ({ value: kind, label: t(`questions.kind.${kind}`), description: t(`questions.kind.${kind}.description`) }))} />
      <TextField ctx={ctx} form={form} name="title" label={t('questions.field.title')} description={t('questions.field.title.description')} required maxLength={200} />
      {afterTitle}
      <MarkdownEditor ctx={ctx} form={form} name="body" label={t('questions.field.body')} description={t('questions.field.body.description')} maxLength={20000} />
      <TextField ctx={ctx} form={form} name="tags" label={t('questions.field.tags')} description={t('questions.field.tags.description')} maxLength={400} />
    </>
  );
}

export function AskQuestionPage({ ctx, ask, form, similar }: { ctx: PageContext; ask: AskForm; form: FormState; similar?: SimilarQuestion[] }) {
  const { t } = ctx;
  const title = t('questions.ask.title', { community: ask.communityName });
  const values = { ...form, values: { ...form.values, tags: Array.isArray(form.values.tags) ? form.values.tags.join(', ') : form.values.tags } };
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t('questions.ask.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      {similar && <SimilarList ctx={ctx} similar={similar} />}
      <form method="post" action={communityQuestionsPath(ask.communitySlug)} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <QuestionFields
          ctx={ctx}
          form={values}
          // Filled by the similar-questions island (src/search/islands) as the title is typed.
          afterTitle={<div class="lk-similar" data-similar-questions data-community-id={ask.communityId} data-heading={t('questions.similar.title')} aria-live="polite" />}
        />
        {ask.learningQuestions.length > 0 && (
          <SelectField
            ctx={ctx}
            form={form}
            name="learningQuestionId"
            label={t('questions.field.learning_question')}
            description={t('questions.field.learning_question.description')}
            options={[{ value: '', label: t('questions.field.learning_question.none') }, ...ask.learningQuestions.map((lq) => ({ value: lq.id, label: `${t(`questions.kind.${lq.kind}`)}: ${lq.text}` }))]}
          />
        )}
        {ask.allowsPseudonymous && (
          <ChoiceGroup ctx={ctx} form={{ ...form, values: { ...form.values, isPseudonymous: form.values.isPseudonymous === true || form.values.isPseudonymous === 'on' ? 'on' : '' } }} type="checkbox" name="isPseudonymous" label={t('questions.field.pseudonymous')} options={[{ value: 'on', label: t('questions.field.pseudonymous'), description: t('questions.field.pseudonymous.description') }]} />
        )}
        <div class="lk-actions">
          <Button>{t('questions.ask.submit')}</Button>
          <Button variant="secondary" name="preview" value="1">{t('questions.ask.check_similar')}</Button>
        </div>
      </form>
    </Layout>
  );
}

function SimilarList({ ctx, similar }: { ctx: PageContext; similar: SimilarQuestion[] }) {
  const { t } = ctx;
  return (
    <section class="lk-card" aria-labelledby="similar-heading">
      <h2 class="utrecht-heading-3" id="similar-heading">{t('questions.similar.title')}</h2>
      {similar.length === 0 ? (
        <p class="utrecht-paragraph">{t('questions.similar.none')}</p>
      ) : (
        <>
          <p class="utrecht-paragraph">{t('questions.similar.intro')}</p>
          <ul class="utrecht-unordered-list">
            {similar.map((s) => (
              <li class="utrecht-unordered-list__item" key={s.id}>
                <a class="utrecht-link" href={questionPath(s.id)}>{s.title}</a> <span class="lk-meta">{t('questions.in_community', { community: s.communityName })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function MyQuestionsPage({ ctx, list, page, expertise }: { ctx: PageContext; list: 'answerable' | 'mine'; page: Page<QuestionListItem>; expertise: string[] }) {
  const { t } = ctx;
  const tab = (which: 'answerable' | 'mine') => (
    <li class="lk-tabs__item">
      <a class="utrecht-link" href={which === 'mine' ? '/vragen?lijst=mijn' : '/vragen'} aria-current={list === which ? 'page' : undefined}>{t(`questions.mine.${which}`)}</a>
    </li>
  );
  return (
    <Layout ctx={ctx} title={`${t(`questions.mine.${list}`)} · ${t('questions.mine.title')}`}>
      <h1 class="utrecht-heading-1">{t('questions.mine.title')}</h1>
      <nav aria-label={t('questions.mine.title')}>
        <ul class="lk-tabs">{tab('answerable')}{tab('mine')}</ul>
      </nav>
      {list === 'answerable' && expertise.length === 0 ? (
        <EmptyState>
          <p class="utrecht-paragraph">{t('questions.mine.no_expertise')}</p>
          <p class="utrecht-paragraph"><a class="utrecht-link" href="/profiel">{t('questions.mine.edit_profile')}</a></p>
        </EmptyState>
      ) : (
        <>
          {list === 'answerable' && <p class="utrecht-paragraph">{t('questions.mine.answerable_intro', { tags: expertise.join(', ') })}</p>}
          {page.items.length === 0 ? (
            <EmptyState><p class="utrecht-paragraph">{t(`questions.mine.empty_${list}`)}</p></EmptyState>
          ) : (
            <ul class="lk-card-list">{page.items.map((item) => <QuestionCard ctx={ctx} item={item} showCommunity key={item.id} />)}</ul>
          )}
          <Pagination ctx={ctx} page={page.page} hasNext={page.hasNext} baseUrl={list === 'mine' ? '/vragen?lijst=mijn' : '/vragen'} />
        </>
      )}
    </Layout>
  );
}
