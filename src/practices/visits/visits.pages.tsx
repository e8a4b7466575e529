import { formatDateTime } from '../../platform/i18n/i18n.ts';
import type { Page } from '../../platform/paging.ts';
import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import { ActionForm, Button, ButtonLink, CsrfField, EmptyState, ErrorSummary, Pagination, SelectField, TextArea, TextField, fieldErrorText, type FormState } from '../../ui/components.tsx';
import { practicePath } from '../practices.paths.ts';
import { durationText } from './visits.emails.tsx';
import { DURATION_CHOICES } from './visits.models.ts';
import { storyTitleFor, type VisitRow } from './visits.repository.ts';
import type { VisitBlock, VisitView } from './visits.usecases.ts';

/** Meekijken pages: the block on the story page, the request form, my requests and one request. */

export const visitPath = (id: string, rest = '') => `/meekijken/${id}${rest}`;
export const requestVisitPath = (practiceId: string) => practicePath(practiceId, '/meekijken');
export const MY_VISITS_PATH = '/meekijken';

const when = (ctx: PageContext, visit: VisitRow) => ctx.t('visits.detail.when', { date: formatDateTime(visit.startsAt, ctx.locale), duration: durationText(ctx.t, visit.durationMinutes) });

export function VisitBlockSection({ ctx, practiceId, block }: { ctx: PageContext; practiceId: string; block: VisitBlock }) {
  const { t } = ctx;
  if (block.kind === 'none') return null;
  return (
    <section class="lk-section" aria-labelledby="visits-heading">
      <h2 class="utrecht-heading-2" id="visits-heading">{t('visits.title')}</h2>
      {block.kind === 'author' ? (
        <p class="utrecht-paragraph">{t('visits.block.author', { count: block.openCount })} <a class="utrecht-link" href={MY_VISITS_PATH}>{t('visits.block.mine')}</a></p>
      ) : (
        <>
          {block.current && (
            <p class="utrecht-paragraph">
              {t('visits.block.current', { date: formatDateTime(block.current.startsAt, ctx.locale), status: t(`visits.status.${block.current.status}`) })}{' '}
              <a class="utrecht-link" href={visitPath(block.current.id)}>{t('visits.block.view')}</a>
            </p>
          )}
          {block.mayAsk && (
            <>
              <p class="utrecht-paragraph">{t('visits.block.intro')}</p>
              <p class="utrecht-paragraph"><ButtonLink href={requestVisitPath(practiceId)}>{t('visits.block.ask')}</ButtonLink></p>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** Date, time and duration; errors about the moment as a whole (`startsAt`) sit on the fieldset. */
function WhenFields({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  const error = fieldErrorText(ctx, form, 'startsAt');
  const durations = DURATION_CHOICES.map((minutes) => ({ value: String(minutes), label: durationText(t, minutes) }));
  return (
    <fieldset class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`} id="field-startsAt" aria-describedby={error ? 'error-startsAt' : undefined}>
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('visits.field.when')}</legend>
      {error && <div class="utrecht-form-field-error-message" id="error-startsAt">{error}</div>}
      <TextField ctx={ctx} form={form} name="date" type="date" label={t('visits.field.date')} required />
      <TextField ctx={ctx} form={form} name="time" type="time" label={t('visits.field.time')} required />
      <SelectField ctx={ctx} form={form} name="durationMinutes" label={t('visits.field.duration')} options={durations} />
    </fieldset>
  );
}

export function RequestVisitPage({ ctx, target, form }: { ctx: PageContext; target: { practiceId: string; title: string; hostName: string }; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('visits.form.title', { name: target.hostName })}>
      <h1 class="utrecht-heading-1">{t('visits.form.title', { name: target.hostName })}</h1>
      <p class="utrecht-paragraph">{t('visits.form.intro', { title: target.title, name: target.hostName })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={requestVisitPath(target.practiceId)} novalidate>
        <CsrfField ctx={ctx} />
        <WhenFields ctx={ctx} form={form} />
        <TextArea ctx={ctx} form={form} name="message" label={t('visits.field.message')} description={t('visits.field.message.description')} maxLength={2000} />
        <div class="lk-actions">
          <Button>{t('visits.form.submit')}</Button>
          <a class="utrecht-link" href={practicePath(target.practiceId)}>{t('visits.cancel_link')}</a>
        </div>
      </form>
    </Layout>
  );
}

export function MyVisitsPage({ ctx, page }: { ctx: PageContext; page: Page<VisitRow> }) {
  const { t } = ctx;
  const me = ctx.actor?.userId;
  return (
    <Layout ctx={ctx} title={t('visits.list.title')}>
      <h1 class="utrecht-heading-1">{t('visits.list.title')}</h1>
      <p class="utrecht-paragraph">{t('visits.list.intro')}</p>
      {page.items.length === 0 ? <EmptyState>{t('visits.list.empty')}</EmptyState> : (
        <ul class="lk-card-list">
          {page.items.map((visit) => (
            <li class="lk-card" key={visit.id}>
              <h2 class="utrecht-heading-3">
                <a class="utrecht-link" href={visitPath(visit.id)}>
                  {visit.host.id === me ? t('visits.list.as_host', { name: visit.requester.name }) : t('visits.list.as_requester', { name: visit.host.name })}
                </a>
              </h2>
              <p class="lk-meta">{when(ctx, visit)} · {t(`visits.status.${visit.status}`)} · {t('visits.detail.story', { title: storyTitleFor(visit, me) ?? t('visits.hidden_story') })}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={page.page} hasNext={page.hasNext} baseUrl={MY_VISITS_PATH} />
    </Layout>
  );
}

export function VisitPage({ ctx, view, form }: { ctx: PageContext; view: VisitView; form?: FormState }) {
  const { t } = ctx;
  const { visit, role, can } = view;
  const other = role === 'host' ? visit.requester : visit.host;
  const waitingFor = visit.status === 'awaiting_host' ? visit.host : visit.status === 'awaiting_requester' ? visit.requester : undefined;
  return (
    <Layout ctx={ctx} title={t('visits.detail.title')}>
      <h1 class="utrecht-heading-1">{t('visits.detail.title')}</h1>
      <p class="utrecht-paragraph">{role === 'host' ? t('visits.list.as_host', { name: other.name }) : t('visits.list.as_requester', { name: other.name })}</p>
      <p class="utrecht-paragraph">
        {storyTitleFor(visit, ctx.actor?.userId) === null
          ? t('visits.detail.story', { title: t('visits.hidden_story') })
          : <a class="utrecht-link" href={practicePath(visit.practiceId)}>{t('visits.detail.story', { title: visit.practiceTitle })}</a>}
      </p>
      <p class="utrecht-paragraph"><strong>{when(ctx, visit)}</strong></p>
      <p class="utrecht-paragraph">{t('visits.detail.status', { status: t(`visits.status.${visit.status}`) })}</p>
      {visit.message && (
        <section class="lk-section" aria-labelledby="visit-message">
          <h2 class="utrecht-heading-3" id="visit-message">{t('visits.detail.message', { name: visit.requester.name })}</h2>
          <p class="utrecht-paragraph lk-pre-wrap">{visit.message}</p>
        </section>
      )}
      {can.accept ? <p class="utrecht-paragraph">{t('visits.detail.your_turn')}</p> : waitingFor && <p class="utrecht-paragraph">{t('visits.detail.their_turn', { name: waitingFor.name })}</p>}
      <div class="lk-actions">
        {can.accept && <ActionForm ctx={ctx} action={visitPath(visit.id, '/accepteren')} label={t('visits.action.accept')} variant="primary" />}
        {can.decline && <ActionForm ctx={ctx} action={visitPath(visit.id, '/afwijzen')} label={t('visits.action.decline')} confirm={t('visits.confirm.decline')} variant="danger" />}
        {can.cancel && <ActionForm ctx={ctx} action={visitPath(visit.id, '/annuleren')} label={t('visits.action.cancel')} confirm={t('visits.confirm.cancel')} variant="danger" />}
      </div>
      {can.propose && (
        <section class="lk-section" aria-labelledby="propose-heading">
          <h2 class="utrecht-heading-2" id="propose-heading">{t('visits.action.propose')}</h2>
          <ErrorSummary ctx={ctx} form={form} />
          <form method="post" action={visitPath(visit.id, '/ander-moment')} novalidate>
            <CsrfField ctx={ctx} />
            <WhenFields ctx={ctx} form={form ?? { values: { durationMinutes: String(visit.durationMinutes) }, errors: [] }} />
            <Button variant="secondary">{t('visits.action.propose.submit')}</Button>
          </form>
        </section>
      )}
    </Layout>
  );
}
