import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { Button, ButtonLink, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, TextArea, TextField, type FormState } from '../ui/components.tsx';
import { MarkdownEditor } from '../ui/editor.tsx';
import { diffLines } from './questions.models.ts';
import { QuestionFields } from './questions.pages.tsx';
import { questionPath } from './questions.paths.ts';
import type { RevisionView } from './questions.usecases.ts';

/** The smaller pages around a question: edit, hide, close as duplicate, invite, versions. */

function FormPage({ ctx, title, intro, action, form, submit, back, children }: { ctx: PageContext; title: string; intro: string; action: string; form: FormState; submit: string; back: string; children: preact.ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{intro}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={action} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        {children}
        <div class="lk-actions">
          <Button>{submit}</Button>
          <ButtonLink href={back}>{ctx.t('questions.cancel')}</ButtonLink>
        </div>
      </form>
    </Layout>
  );
}

export function EditQuestionPage({ ctx, questionId, form }: { ctx: PageContext; questionId: string; form: FormState }) {
  const { t } = ctx;
  const values = { ...form, values: { ...form.values, tags: Array.isArray(form.values.tags) ? form.values.tags.join(', ') : form.values.tags } };
  return (
    <FormPage ctx={ctx} title={t('questions.edit.title')} intro={t('questions.edit.intro')} action={questionPath(questionId, '/bewerken')} form={form} submit={t('questions.edit.submit')} back={questionPath(questionId)}>
      <QuestionFields ctx={ctx} form={values} />
      <ChoiceGroup ctx={ctx} form={{ ...form, values: { ...form.values, minor: form.values.minor === true || form.values.minor === 'on' ? 'on' : '' } }} type="checkbox" name="minor" label={t('questions.edit.minor')} options={[{ value: 'on', label: t('questions.edit.minor.option'), description: t('questions.edit.minor.description') }]} />
    </FormPage>
  );
}

export function EditAnswerPage({ ctx, action, questionId, form }: { ctx: PageContext; action: string; questionId: string; form: FormState }) {
  const { t } = ctx;
  return (
    <FormPage ctx={ctx} title={t('questions.edit.answer_title')} intro={t('questions.edit.intro')} action={action} form={form} submit={t('questions.edit.submit')} back={questionPath(questionId)}>
      <MarkdownEditor ctx={ctx} form={form} name="body" label={t('questions.answer.field')} maxLength={20000} required />
    </FormPage>
  );
}

export function HidePage({ ctx, action, back, form }: { ctx: PageContext; action: string; back: string; form: FormState }) {
  const { t } = ctx;
  return (
    <FormPage ctx={ctx} title={t('questions.hide.title')} intro={t('questions.hide.intro')} action={action} form={form} submit={t('questions.hide.submit')} back={back}>
      <TextArea ctx={ctx} form={form} name="reason" label={t('questions.hide.reason')} description={t('questions.hide.reason.description')} rows={3} maxLength={500} required />
    </FormPage>
  );
}

export function ClosePage({ ctx, questionId, form }: { ctx: PageContext; questionId: string; form: FormState }) {
  const { t } = ctx;
  return (
    <FormPage ctx={ctx} title={t('questions.close.title')} intro={t('questions.close.intro')} action={questionPath(questionId, '/sluiten')} form={form} submit={t('questions.close.submit')} back={questionPath(questionId)}>
      <TextField ctx={ctx} form={form} name="duplicateOf" label={t('questions.close.field')} required maxLength={300} />
    </FormPage>
  );
}

export function InvitePage({ ctx, questionId, q, candidates, form }: { ctx: PageContext; questionId: string; q: string; candidates: { userId: string; name: string; jobTitle: string; organisationName: string }[]; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('questions.invite.title')}>
      <h1 class="utrecht-heading-1">{t('questions.invite.title')}</h1>
      <p class="utrecht-paragraph">{t('questions.invite.intro')}</p>
      <form method="get" action={questionPath(questionId, '/uitnodigen')} class="lk-filter-form">
        <TextField ctx={ctx} form={{ values: { q }, errors: [] }} name="q" label={t('questions.invite.search')} maxLength={100} />
        <Button variant="secondary">{t('questions.invite.search_submit')}</Button>
      </form>
      <ErrorSummary ctx={ctx} form={form} />
      {candidates.length === 0 ? (
        <EmptyState><p class="utrecht-paragraph">{t('questions.invite.none')}</p></EmptyState>
      ) : (
        <form method="post" action={questionPath(questionId, '/uitnodigen')} class="lk-form" novalidate>
          <CsrfField ctx={ctx} />
          <ChoiceGroup ctx={ctx} form={form} type="checkbox" name="userIds" label={t('questions.invite.choose')} options={candidates.map((c) => ({ value: c.userId, label: c.name, description: [c.jobTitle, c.organisationName].filter(Boolean).join(', ') }))} />
          <div class="lk-actions">
            <Button>{t('questions.invite.submit')}</Button>
            <ButtonLink href={questionPath(questionId)}>{t('questions.cancel')}</ButtonLink>
          </div>
        </form>
      )}
    </Layout>
  );
}

/** Every version with what changed since the one before: removed lines struck through, added lines underlined. */
export function RevisionsPage({ ctx, questionId, title, isAnswer, revisions }: { ctx: PageContext; questionId: string; title: string; isAnswer: boolean; revisions: RevisionView[] }) {
  const { t } = ctx;
  const heading = isAnswer ? t('questions.history.answer_title', { title }) : t('questions.history.title', { title });
  const text = (r: RevisionView) => [r.title, r.body, r.tags?.length ? r.tags.join(', ') : null].filter((part) => part !== null).join('\n');
  return (
    <Layout ctx={ctx} title={heading}>
      <p class="lk-meta"><a class="utrecht-link" href={questionPath(questionId)}>{t('questions.history.back')}</a></p>
      <h1 class="utrecht-heading-1">{heading}</h1>
      <p class="utrecht-paragraph">{t('questions.history.intro')}</p>
      <ol class="lk-revisions" reversed>
        {revisions.map((r, i) => ({ r, i })).reverse().map(({ r, i }) => {
          const when = formatDateTime(r.createdAt, ctx.locale, 'datetime');
          const previous = revisions[i - 1];
          return (
            <li class="lk-card" key={r.id}>
              <h2 class="utrecht-heading-3">{r.editorName === null ? t('questions.history.version_asker', { number: i + 1, date: when }) : t('questions.history.version', { number: i + 1, name: r.editorName, date: when })}</h2>
              {previous ? <Diff ctx={ctx} before={text(previous)} after={text(r)} /> : <><p class="lk-meta">{t('questions.history.first')}</p><pre class="lk-diff">{text(r)}</pre></>}
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}

function Diff({ ctx, before, after }: { ctx: PageContext; before: string; after: string }) {
  const changes = diffLines(before, after).filter((c) => c.kind !== 'same');
  return (
    <pre class="lk-diff">
      {changes.map((c, i) =>
        c.kind === 'removed' ? (
          <del key={i}><span class="lk-visually-hidden">{ctx.t('questions.history.removed')} </span>{c.text}{'\n'}</del>
        ) : (
          <ins key={i}><span class="lk-visually-hidden">{ctx.t('questions.history.added')} </span>{c.text}{'\n'}</ins>
        ),
      )}
    </pre>
  );
}
