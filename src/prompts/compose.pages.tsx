import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { Button, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, Pagination, SelectField, TextArea, TextField, ButtonLink, type FormState } from '../ui/components.tsx';
import { communityPromptsPath, promptResultsPath } from './prompts.paths.ts';
import { PROMPT_KINDS, RESPONSE_MODES, VISIBILITIES } from './prompts.schemas.ts';
import { statusOf, type CommunityPrompts, type ComposeForm } from './prompts.usecases.ts';
import { MIN_ANONYMOUS, type AudienceSize } from './prompts.models.ts';

/** The sender's pages of a community: composing a prompt and the list of what was sent. */

const communityLink = (ctx: PageContext, community: { slug: string; name: string }) => (
  <p class="lk-meta"><a class="utrecht-link" href={`/gemeenschappen/${encodeURIComponent(community.slug)}`}>{community.name}</a></p>
);

export const excerpt = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max).replace(/\s\S*$/, '')} …` : text);

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** "This prompt reaches N people now", or "fewer than 5" (AudienceSize). */
export const audienceText = (ctx: PageContext, size: AudienceSize) =>
  size.isFewerThanMinimum ? ctx.t('prompts.audience.fewer', { k: MIN_ANONYMOUS }) : ctx.t('prompts.audience.count', { count: size.count ?? 0 });

export function ComposePage({ ctx, compose, form, audienceCount }: { ctx: PageContext; compose: ComposeForm; form: FormState; audienceCount?: AudienceSize }) {
  const { t } = ctx;
  const title = t('prompts.compose.title');
  const options = (prefix: string, values: readonly string[], withDescription = false) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`), ...(withDescription ? { description: t(`${prefix}.${value}.description`) } : {}) }));
  return (
    <Layout ctx={ctx} title={title}>
      {communityLink(ctx, compose.community)}
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t('prompts.compose.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={communityPromptsPath(compose.community.slug, '/nieuw')} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <ChoiceGroup ctx={ctx} form={form} type="radio" name="kind" label={t('prompts.field.kind')} options={options('prompts.kind', PROMPT_KINDS)} />
        <TextArea ctx={ctx} form={form} name="text" label={t('prompts.field.text')} description={t('prompts.field.text.description')} required maxLength={2000} rows={4} />
        {compose.learningQuestions.length > 0 && (
          <SelectField ctx={ctx} form={form} name="learningQuestionId" label={t('prompts.field.learning_question')} options={[{ value: '', label: t('prompts.field.learning_question.none') }, ...compose.learningQuestions.map((lq) => ({ value: lq.id, label: lq.text }))]} />
        )}
        <ChoiceGroup ctx={ctx} form={form} type="radio" name="responseMode" label={t('prompts.field.response_mode')} options={options('prompts.response_mode', RESPONSE_MODES, true)} />
        <TextArea ctx={ctx} form={form} name="pollOptions" label={t('prompts.field.poll_options')} description={t('prompts.field.poll_options.description')} rows={4} />
        <ChoiceGroup ctx={ctx} form={form} type="radio" name="visibility" label={t('prompts.field.visibility')} options={options('prompts.visibility', VISIBILITIES, true)} />

        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('prompts.audience.legend')}</legend>
          <p class="utrecht-paragraph">{t('prompts.audience.intro')}</p>
          {compose.organisations.length > 1 && (
            <ChoiceGroup ctx={ctx} form={form} type="checkbox" name="organisationIds" label={t('prompts.field.organisations')} options={compose.organisations.map((o) => ({ value: o.id, label: o.name }))} />
          )}
          <TextField ctx={ctx} form={form} name="jobTitle" label={t('prompts.field.job_title')} maxLength={100} />
          <TextField ctx={ctx} form={form} name="expertiseTag" label={t('prompts.field.expertise_tag')} maxLength={40} />
          <TextField ctx={ctx} form={form} name="joinedWithinDays" type="number" label={t('prompts.field.joined_within_days')} />
          <TextField ctx={ctx} form={form} name="inactiveForDays" type="number" label={t('prompts.field.inactive_for_days')} />
          {audienceCount !== undefined && <p class="utrecht-paragraph" role="status" id="audience-count"><strong>{audienceText(ctx, audienceCount)}</strong></p>}
          <Button variant="secondary" name="preview" value="1">{t('prompts.audience.preview')}</Button>
        </fieldset>

        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('prompts.schedule.legend')}</legend>
          <ChoiceGroup ctx={ctx} form={form} type="radio" name="scheduleKind" label={t('prompts.field.schedule_kind')} options={options('prompts.schedule_kind', ['now', 'once', 'weekly'])} />
          <TextField ctx={ctx} form={form} name="date" type="date" label={t('prompts.field.date')} description={t('prompts.field.date.description')} />
          <TextField ctx={ctx} form={form} name="time" type="time" label={t('prompts.field.time')} />
          <SelectField ctx={ctx} form={form} name="weekday" label={t('prompts.field.weekday')} options={[{ value: '', label: t('prompts.field.weekday.none') }, ...WEEKDAYS.map((d) => ({ value: String(d), label: t(`prompts.weekday.${d}`) }))]} />
          <TextField ctx={ctx} form={form} name="until" type="date" label={t('prompts.field.until')} />
          <p class="lk-meta">{t('prompts.schedule.time_zone')}</p>
        </fieldset>

        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('prompts.window.legend')}</legend>
          <TextField ctx={ctx} form={form} name="windowAmount" type="number" label={t('prompts.field.window_amount')} required />
          <SelectField ctx={ctx} form={form} name="windowUnit" label={t('prompts.field.window_unit')} options={[{ value: 'hours', label: t('prompts.window.hours') }, { value: 'days', label: t('prompts.window.days') }]} />
          <TextField ctx={ctx} form={form} name="reminderAfterHours" type="number" label={t('prompts.field.reminder_after_hours')} description={t('prompts.field.reminder_after_hours.description')} />
        </fieldset>
        <div class="lk-actions">
          <Button>{t('prompts.compose.submit')}</Button>
          <ButtonLink href={communityPromptsPath(compose.community.slug)}>{t('prompts.compose.cancel')}</ButtonLink>
        </div>
      </form>
    </Layout>
  );
}

export function CommunityPromptsPage({ ctx, result }: { ctx: PageContext; result: CommunityPrompts }) {
  const { t } = ctx;
  const { community, page } = result;
  const title = t('prompts.list.title', { community: community.name });
  const when = (date: Date | null) => (date ? formatDateTime(date, ctx.locale) : '');
  return (
    <Layout ctx={ctx} title={title}>
      {communityLink(ctx, community)}
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph"><ButtonLink href={communityPromptsPath(community.slug, '/nieuw')}>{t('prompts.list.compose')}</ButtonLink></p>
      {page.items.length === 0 ? (
        <EmptyState><p class="utrecht-paragraph">{t('prompts.list.empty')}</p></EmptyState>
      ) : (
        <ul class="lk-card-list">
          {page.items.map((item) => {
            const status = statusOf(item);
            return (
              <li class="lk-card" key={item.id}>
                <h2 class="utrecht-heading-3"><a class="utrecht-link" href={promptResultsPath(item.id)}>{t(`prompts.kind.${item.kind}`)}: {excerpt(item.text, 100)}</a></h2>
                <p class="lk-meta">
                  <span class={`lk-badge${status === 'sent' ? ' lk-badge--success' : status === 'cancelled' ? ' lk-badge--warning' : ''}`}>{t(`prompts.status.${status}`)}</span>{' '}
                  {status === 'scheduled' || status === 'sending' ? t('prompts.list.next', { date: when(item.nextAt) }) : status === 'sent' ? t('prompts.list.sent_at', { date: when(item.lastDeliveredAt) }) : ''}
                </p>
                <p class="lk-meta">{item.authorName ? t('prompts.list.by', { name: item.authorName, date: when(item.createdAt) }) : when(item.createdAt)}</p>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination ctx={ctx} page={page.page} hasNext={page.hasNext} baseUrl={communityPromptsPath(community.slug)} />
    </Layout>
  );
}
