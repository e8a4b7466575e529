import { formatDateTime } from '../platform/i18n/i18n.ts';
import { markdownToText } from '../platform/markdown.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { Button, ButtonLink, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, Pagination, SelectField, Tags, TextArea, TextField, emptyForm, type FormState } from '../ui/components.tsx';
import { MarkdownEditor } from '../ui/editor.tsx';
import type { LearningQuestionRef } from '../frameworks/frameworks.repository.ts';
import type { TryForm } from './contributions.usecases.ts';
import { TRY_RESULTS, type PracticeListFilter } from './practices.models.ts';
import { communityPracticesPath, galleryUrl, practicePath } from './practices.paths.ts';
import type { PracticeListRow } from './practices.repository.ts';
import type { CommunityPractices, ShareForm, ShareTarget } from './practices.usecases.ts';

/** The gallery and the forms of practice stories. The story page itself is in practice.pages.tsx. */

const excerpt = (markdown: string) => {
  const text = markdownToText(markdown).replace(/\s+/g, ' ').trim();
  return text.length > 220 ? `${text.slice(0, 220).replace(/\s\S*$/, '')} …` : text;
};

export function PracticeCard({ ctx, item, communityId }: { ctx: PageContext; item: PracticeListRow; communityId: string }) {
  const { t } = ctx;
  return (
    <li class="lk-card lk-practice-card">
      <h2 class="utrecht-heading-3 lk-question-card__title">
        <a class="utrecht-link" href={practicePath(item.id)}>{item.title}</a>
      </h2>
      <p class="utrecht-paragraph">{excerpt(item.situation)}</p>
      <p class="lk-meta">
        {t('practices.counts', { recognised: item.recognisedCount, willTry: item.willTryCount, tried: item.triedCount })}
        {item.communityId !== communityId && <> · {item.communityName === null ? t('practices.from_other_community') : t('practices.shared_from', { community: item.communityName })}</>}
      </p>
      <p class="lk-meta">
        {item.authorName === null
          ? t('practices.shared_on', { date: formatDateTime(item.createdAt, ctx.locale, 'date') })
          : t('practices.shared_by', { name: item.authorName, date: formatDateTime(item.createdAt, ctx.locale, 'date') })}
      </p>
      <Tags tags={item.tags} />
    </li>
  );
}

export function GalleryPage({ ctx, result, filter }: { ctx: PageContext; result: CommunityPractices; filter: PracticeListFilter }) {
  const { t } = ctx;
  const { community, page } = result;
  const isFiltered = Boolean(filter.tag) || Boolean(filter.learningQuestionId);
  const title = t('practices.gallery.title', { community: community.name });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="lk-meta"><a class="utrecht-link" href={`/gemeenschappen/${encodeURIComponent(community.slug)}`}>{community.name}</a></p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t('practices.gallery.intro')}</p>
      {result.canShare && <p class="utrecht-paragraph"><ButtonLink href={communityPracticesPath(community.slug, '/nieuw')}>{t('practices.share')}</ButtonLink></p>}
      <form method="get" action={communityPracticesPath(community.slug)} class="lk-filter-form">
        <SelectField ctx={ctx} form={emptyForm({ sortering: filter.sort === 'tried' ? 'meest-geprobeerd' : 'nieuw' })} name="sortering" label={t('practices.sort.label')} options={[{ value: 'nieuw', label: t('practices.sort.newest') }, { value: 'meest-geprobeerd', label: t('practices.sort.tried') }]} />
        <TextField ctx={ctx} form={emptyForm({ tag: filter.tag })} name="tag" label={t('practices.filter.tag')} maxLength={40} />
        {result.learningQuestions.length > 0 && (
          <SelectField ctx={ctx} form={emptyForm({ leervraag: filter.learningQuestionId ?? '' })} name="leervraag" label={t('practices.filter.learning_question')} options={[{ value: '', label: t('practices.filter.learning_question.all') }, ...result.learningQuestions.map((lq) => ({ value: lq.id, label: lq.text }))]} />
        )}
        {filter.learningQuestionId && result.learningQuestions.length === 0 && <input type="hidden" name="leervraag" value={filter.learningQuestionId} />}
        <Button variant="secondary">{t('practices.filter.submit')}</Button>
      </form>
      {filter.tag && <p class="lk-meta">{t('practices.filter.tag_active', { tag: filter.tag })}</p>}
      {filter.learningQuestionId && <p class="lk-meta">{t('practices.filter.learning_question_active')}</p>}
      {page.items.length === 0 ? (
        <EmptyState>
          <p class="utrecht-paragraph">{isFiltered ? t('practices.empty.filtered') : result.canShare ? t('practices.empty.all') : t('practices.empty.all_reader')}</p>
          {isFiltered && <p class="utrecht-paragraph"><a class="utrecht-link" href={communityPracticesPath(community.slug)}>{t('practices.filter.clear')}</a></p>}
        </EmptyState>
      ) : (
        <ul class="lk-card-list">{page.items.map((item) => <PracticeCard ctx={ctx} item={item} communityId={community.id} key={item.id} />)}</ul>
      )}
      <Pagination ctx={ctx} page={page.page} hasNext={page.hasNext} baseUrl={galleryUrl(community.slug, filter)} />
    </Layout>
  );
}

/** The guided form: four questions instead of one empty box. */
function PracticeFields({ ctx, form, learningQuestions }: { ctx: PageContext; form: FormState; learningQuestions: LearningQuestionRef[] }) {
  const { t } = ctx;
  const values = { ...form, values: { ...form.values, tags: Array.isArray(form.values.tags) ? form.values.tags.join(', ') : form.values.tags } };
  return (
    <>
      <TextField ctx={ctx} form={values} name="title" label={t('practices.field.title')} description={t('practices.field.title.description')} required maxLength={200} />
      <MarkdownEditor ctx={ctx} form={values} name="situation" label={t('practices.field.situation')} description={t('practices.field.situation.description')} maxLength={10000} rows={6} required />
      <MarkdownEditor ctx={ctx} form={values} name="action" label={t('practices.field.action')} description={t('practices.field.action.description')} maxLength={10000} rows={6} required />
      <MarkdownEditor ctx={ctx} form={values} name="outcome" label={t('practices.field.outcome')} description={t('practices.field.outcome.description')} maxLength={10000} rows={5} />
      <MarkdownEditor ctx={ctx} form={values} name="learning" label={t('practices.field.learning')} description={t('practices.field.learning.description')} maxLength={10000} rows={5} />
      <TextField ctx={ctx} form={values} name="tags" label={t('practices.field.tags')} description={t('practices.field.tags.description')} maxLength={400} />
      {learningQuestions.length > 0 && (
        <SelectField
          ctx={ctx}
          form={values}
          name="learningQuestionId"
          label={t('practices.field.learning_question')}
          description={t('practices.field.learning_question.description')}
          options={[{ value: '', label: t('practices.field.learning_question.none') }, ...learningQuestions.map((lq) => ({ value: lq.id, label: lq.text }))]}
        />
      )}
    </>
  );
}

/** File inputs: the server sniffs each file, so `accept` only helps the file picker. */
export function AttachmentField({ ctx, form, maxMegabytes, maxFiles }: { ctx: PageContext; form: FormState; maxMegabytes: number; maxFiles: number }) {
  const { t } = ctx;
  const error = form.errors.find((e) => e.field === 'files');
  return (
    <div class={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for="field-files">{t('practices.field.files')}</label>
      <p class="utrecht-form-field-description" id="field-files-description">{t('practices.field.files.description', { size: maxMegabytes, count: maxFiles })}</p>
      {error && <p class="utrecht-form-field-error-message" id="field-files-error">{t(error.code, error.params)}</p>}
      {form.errors.length > 0 && !error && <p class="lk-meta">{t('practices.field.files.choose_again')}</p>}
      <input
        class="utrecht-textbox"
        type="file"
        id="field-files"
        name="files"
        multiple
        accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,image/jpeg,image/png,image/webp,image/gif"
        aria-describedby={error ? 'field-files-description field-files-error' : 'field-files-description'}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export interface UploadLimits {
  maxMegabytes: number;
  maxFiles: number;
}

export function SharePracticePage({ ctx, share, form, limits }: { ctx: PageContext; share: ShareForm; form: FormState; limits: UploadLimits }) {
  const { t } = ctx;
  const title = t('practices.share.title', { community: share.communityName });
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t('practices.share.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={communityPracticesPath(share.communitySlug)} class="lk-form" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <PracticeFields ctx={ctx} form={form} learningQuestions={share.learningQuestions} />
        <AttachmentField ctx={ctx} form={form} maxMegabytes={limits.maxMegabytes} maxFiles={limits.maxFiles} />
        <div class="lk-actions">
          <Button>{t('practices.share.submit')}</Button>
          <ButtonLink href={communityPracticesPath(share.communitySlug)}>{t('practices.cancel')}</ButtonLink>
        </div>
      </form>
    </Layout>
  );
}

export function EditPracticePage({ ctx, practiceId, learningQuestions, form }: { ctx: PageContext; practiceId: string; learningQuestions: LearningQuestionRef[]; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('practices.edit.title')}>
      <h1 class="utrecht-heading-1">{t('practices.edit.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={practicePath(practiceId, '/bewerken')} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <PracticeFields ctx={ctx} form={form} learningQuestions={learningQuestions} />
        <div class="lk-actions">
          <Button>{t('practices.edit.submit')}</Button>
          <ButtonLink href={practicePath(practiceId)}>{t('practices.cancel')}</ButtonLink>
        </div>
      </form>
    </Layout>
  );
}

export function TryPage({ ctx, tryForm, form }: { ctx: PageContext; tryForm: TryForm; form: FormState }) {
  const { t } = ctx;
  const title = t('practices.try.title', { title: tryForm.practiceTitle });
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{tryForm.parent ? t('practices.try.intro_from_report', { team: tryForm.parent.team, name: tryForm.parent.authorName ?? t('practices.someone') }) : t('practices.try.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={practicePath(tryForm.practiceId, '/geprobeerd')} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="parentId" value={tryForm.parent?.id ?? ''} />
        <TextField ctx={ctx} form={form} name="team" label={t('practices.field.team')} description={t('practices.field.team.description')} required maxLength={100} />
        <ChoiceGroup ctx={ctx} form={form} type="radio" name="result" label={t('practices.field.result')} required options={TRY_RESULTS.map((r) => ({ value: r, label: t(`practices.result.${r}`) }))} />
        <TextArea ctx={ctx} form={form} name="adapted" label={t('practices.field.adapted')} description={t('practices.field.adapted.description')} rows={4} maxLength={5000} required />
        <TextArea ctx={ctx} form={form} name="howItWent" label={t('practices.field.how_it_went')} description={t('practices.field.how_it_went.description')} rows={4} maxLength={5000} required />
        <div class="lk-actions">
          <Button>{t('practices.try.submit')}</Button>
          <ButtonLink href={practicePath(tryForm.practiceId)}>{t('practices.cancel')}</ButtonLink>
        </div>
      </form>
    </Layout>
  );
}

export function ShareToPage({ ctx, practiceId, practiceTitle, homeAllows, targets, form }: { ctx: PageContext; practiceId: string; practiceTitle: string; homeAllows: boolean; targets: ShareTarget[]; form: FormState }) {
  const { t } = ctx;
  const allowed = targets.filter((c) => c.allowsSharing);
  return (
    <Layout ctx={ctx} title={t('practices.share_to.title')}>
      <h1 class="utrecht-heading-1">{t('practices.share_to.title')}</h1>
      <p class="utrecht-paragraph">{t('practices.share_to.intro', { title: practiceTitle })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      {!homeAllows ? (
        <EmptyState><p class="utrecht-paragraph">{t('practices.share_to.home_disallows')}</p></EmptyState>
      ) : allowed.length === 0 ? (
        <EmptyState><p class="utrecht-paragraph">{t('practices.share_to.none')}</p></EmptyState>
      ) : (
        <form method="post" action={practicePath(practiceId, '/delen-met')} class="lk-form" novalidate>
          <CsrfField ctx={ctx} />
          <ChoiceGroup ctx={ctx} form={form} type="radio" name="communityId" label={t('practices.share_to.field')} required options={allowed.map((c) => ({ value: c.id, label: c.name }))} />
          <div class="lk-actions">
            <Button>{t('practices.share_to.submit')}</Button>
          </div>
        </form>
      )}
      {homeAllows && targets.length > allowed.length && <p class="lk-meta">{t('practices.share_to.some_disallow', { count: targets.length - allowed.length })}</p>}
      <p class="utrecht-paragraph"><a class="utrecht-link" href={practicePath(practiceId)}>{t('practices.back_to_story')}</a></p>
    </Layout>
  );
}

export function AddAttachmentsPage({ ctx, practiceId, practiceTitle, form, limits }: { ctx: PageContext; practiceId: string; practiceTitle: string; form: FormState; limits: UploadLimits }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('practices.attachments.add')}>
      <h1 class="utrecht-heading-1">{t('practices.attachments.add')}</h1>
      <p class="utrecht-paragraph">{t('practices.attachments.add.intro', { title: practiceTitle })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={practicePath(practiceId, '/bijlagen')} class="lk-form" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <AttachmentField ctx={ctx} form={form} maxMegabytes={limits.maxMegabytes} maxFiles={limits.maxFiles} />
        <div class="lk-actions">
          <Button>{t('practices.attachments.add.submit')}</Button>
          <ButtonLink href={practicePath(practiceId)}>{t('practices.cancel')}</ButtonLink>
        </div>
      </form>
    </Layout>
  );
}
