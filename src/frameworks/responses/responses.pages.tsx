import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import { Button, CsrfField, EmptyState, ErrorSummary, TextArea, fieldErrorText, type FormState } from '../../ui/components.tsx';
import { frameworkPath } from '../frameworks.pages.tsx';
import { SECTIONS, type LearningQuestion } from '../frameworks.models.ts';
import { KINDS } from './responses.schemas.ts';
import type { ReaderResponses, ResponseGroup, ResponseView, ResponsesOverview } from './responses.usecases.ts';

/** Pages of member responses to a framework: the forms on the framework page and the managers' overview. */

export const responsesPath = (slug: string, rest = '') => frameworkPath(slug, `/reacties${rest}`);
/** Each form on a page gets its own id prefix: a section name, or the learning question's id. */
const keyOf = (target: string, learningQuestionId?: string | null) => (learningQuestionId ? `lq-${learningQuestionId}` : target);
const formKeyOf = (form: FormState) => keyOf(String(form.values.target ?? ''), typeof form.values.learningQuestionId === 'string' ? form.values.learningQuestionId : null);
const paragraphs = (text: string) => text.split(/(?:\r?\n){2,}/).map((p, i) => <p class="utrecht-paragraph" key={i}>{p}</p>);

function Checkbox({ id, name, label, description, checked }: { id: string; name: string; label: string; description?: string; checked: boolean }) {
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <div class="utrecht-form-field__input">
        <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={id} name={name} value="yes" checked={checked} aria-describedby={description ? `${id}-desc` : undefined} />
      </div>
      <div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>{label}</label></div>
      {description && <div class="utrecht-form-field-description" id={`${id}-desc`}>{description}</div>}
    </div>
  );
}

/** The form for one section or learning question, folded in a <details>; open again with errors after a 422. */
export function ResponseForm({ ctx, slug, target, learningQuestionId, form }: { ctx: PageContext; slug: string; target: string; learningQuestionId?: string; form?: FormState }) {
  const { t } = ctx;
  const key = keyOf(target, learningQuestionId);
  const mine = form;
  const prefix = `respond-${key}-`;
  const kind = String(mine?.values.kind ?? 'unclear');
  const kindError = fieldErrorText(ctx, mine, 'kind');
  return (
    <details class="lk-respond" open={Boolean(mine)}>
      <summary>{t(learningQuestionId ? 'framework_responses.respond.learning_question' : 'framework_responses.respond')}</summary>
      <ErrorSummary ctx={ctx} form={mine} idPrefix={prefix} />
      <form method="post" action={responsesPath(slug)} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="target" value={target} />
        {learningQuestionId && <input type="hidden" name="learningQuestionId" value={learningQuestionId} />}
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset" id={`${prefix}field-kind`} aria-describedby={kindError ? `${prefix}error-kind` : undefined}>
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('framework_responses.field.kind')}</legend>
          {kindError && <div class="utrecht-form-field-error-message" id={`${prefix}error-kind`}>{kindError}</div>}
          {KINDS.map((k) => (
            <div class="utrecht-form-field utrecht-form-field--radio" key={k}>
              <div class="utrecht-form-field__input">
                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={`${prefix}field-kind-${k}`} name="kind" value={k} checked={kind === k} />
              </div>
              <div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--radio" for={`${prefix}field-kind-${k}`}>{t(`framework_responses.kind.${k}`)}</label></div>
            </div>
          ))}
        </fieldset>
        <TextArea ctx={ctx} form={mine} name="text" idPrefix={prefix} label={t('framework_responses.field.text')} description={t('framework_responses.field.text.description')} maxLength={2000} rows={3} />
        <Checkbox id={`${prefix}field-signed`} name="signed" label={t('framework_responses.signed')} description={t('framework_responses.signed.description')} checked={mine?.values.signed === 'yes'} />
        <Button>{t('framework_responses.send')}</Button>
      </form>
    </details>
  );
}

/** For FrameworkPage: the form under each section and learning question, for those who may respond. */
export function respondSlot(ctx: PageContext, slug: string, reader: ReaderResponses, learningQuestions: LearningQuestion[], form?: FormState) {
  if (!reader.canRespond) return undefined;
  // A refused post that names no form on the page (a made-up target) shows its errors in the first one.
  const known = [...SECTIONS, ...learningQuestions.map((q) => keyOf('learning_question', q.id))];
  const owner = form ? (known.includes(formKeyOf(form)) ? formKeyOf(form) : SECTIONS[0]) : undefined;
  return (target: string, learningQuestionId?: string): ComponentChildren => {
    const key = keyOf(target, learningQuestionId);
    return <ResponseForm ctx={ctx} slug={slug} target={target} learningQuestionId={learningQuestionId} form={owner === key ? form : undefined} />;
  };
}

function targetLabel(ctx: PageContext, r: Pick<ResponseView, 'target' | 'learningQuestionId'>, learningQuestions: LearningQuestion[]): string {
  if (r.target !== 'learning_question') return ctx.t(`frameworks.section.${r.target}`);
  return learningQuestions.find((q) => q.id === r.learningQuestionId)?.text ?? ctx.t('frameworks.section.learning_questions');
}

/** The answered flags and proposals with the managers' reply, for every reader of the framework. */
export function AnsweredResponses({ ctx, reader, learningQuestions }: { ctx: PageContext; reader: ReaderResponses; learningQuestions: LearningQuestion[] }) {
  const { t } = ctx;
  if (reader.answered.length === 0) return null;
  return (
    <section aria-labelledby="framework-answers">
      <h2 class="utrecht-heading-2" id="framework-answers">{t('framework_responses.answered.title')}</h2>
      <ul class="lk-list">
        {reader.answered.map((r) => (
          <li class="lk-card" key={r.id}>
            <p class="lk-meta">{t('framework_responses.answered.item', { kind: t(`framework_responses.kind.${r.kind}`), target: targetLabel(ctx, r, learningQuestions) })} <span class="lk-tag">{t(`framework_responses.status.${r.status}`)}</span></p>
            {r.text ? paragraphs(r.text) : <p class="utrecht-paragraph">{t('framework_responses.no_text')}</p>}
            {r.reply && <><p class="utrecht-paragraph"><strong>{t('framework_responses.reply')}</strong></p>{paragraphs(r.reply)}</>}
            {r.creditedTo && <p class="utrecht-paragraph">{t('framework_responses.credited', { name: r.creditedTo })}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ResponseItem({ ctx, slug, item, form }: { ctx: PageContext; slug: string; item: ResponseView; form?: { id: string; action: 'answer' | 'adopt'; state: FormState } }) {
  const { t } = ctx;
  const prefix = `response-${item.id}-`;
  const answerForm = form?.id === item.id && form.action === 'answer' ? form.state : undefined;
  const adoptForm = form?.id === item.id && form.action === 'adopt' ? form.state : undefined;
  return (
    <li class="lk-card" id={`reactie-${item.id}`}>
      <p class="lk-meta">
        <span class="lk-tag">{t(`framework_responses.kind.${item.kind}`)}</span> <span class="lk-tag">{t(`framework_responses.status.${item.status}`)}</span>{' '}
        {item.author ? t('framework_responses.by', { name: item.author }) : t('framework_responses.anonymous')}
      </p>
      {item.text ? paragraphs(item.text) : <p class="utrecht-paragraph">{t('framework_responses.no_text')}</p>}
      {item.reply && <><p class="utrecht-paragraph"><strong>{t('framework_responses.reply')}</strong></p>{paragraphs(item.reply)}</>}
      {item.creditedTo && <p class="utrecht-paragraph">{t('framework_responses.credited', { name: item.creditedTo })}</p>}
      {item.kind !== 'comment' && (
        <details open={Boolean(answerForm || adoptForm)}>
          <summary>{t('framework_responses.answer')}</summary>
          <ErrorSummary ctx={ctx} form={answerForm ?? adoptForm} idPrefix={answerForm ? `${prefix}answer-` : `${prefix}adopt-`} />
          <form method="post" action={responsesPath(slug, `/${item.id}/beantwoorden`)} class="lk-form" novalidate>
            <CsrfField ctx={ctx} />
            <TextArea ctx={ctx} form={answerForm} name="reply" idPrefix={`${prefix}answer-`} label={t('framework_responses.field.reply')} required maxLength={1000} rows={2} />
            <Button variant="secondary">{t('framework_responses.answer')}</Button>
          </form>
          {item.kind === 'proposal' && (item.status !== 'adopted' || adoptForm) && (
            <form method="post" action={responsesPath(slug, `/${item.id}/overnemen`)} class="lk-form" novalidate>
              <CsrfField ctx={ctx} />
              <TextArea ctx={ctx} form={adoptForm} name="reply" idPrefix={`${prefix}adopt-`} label={t('framework_responses.field.adopt_reply')} maxLength={1000} rows={2} />
              {item.signed && <Checkbox id={`${prefix}adopt-field-credit`} name="credit" label={t('framework_responses.credit')} checked={adoptForm ? adoptForm.values.credit === 'yes' : true} />}
              <Button>{t('framework_responses.adopt')}</Button>
            </form>
          )}
        </details>
      )}
    </li>
  );
}

function groupTitle(ctx: PageContext, group: ResponseGroup): string {
  return group.learningQuestion ? group.learningQuestion.text : ctx.t(`frameworks.section.${group.target}`);
}

export function ResponsesPage({ ctx, overview, form }: { ctx: PageContext; overview: ResponsesOverview; form?: { id: string; action: 'answer' | 'adopt'; state: FormState } }) {
  const { t } = ctx;
  const { community, groups } = overview;
  const title = t('framework_responses.overview.title', { name: community.name });
  const any = groups.some((g) => g.items.length > 0);
  return (
    <Layout ctx={ctx} title={title}>
      <p class="utrecht-paragraph"><a class="utrecht-link" href={frameworkPath(community.slug)}>{t('framework_responses.overview.back')}</a></p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t('framework_responses.overview.intro')}</p>
      {!any && <EmptyState><p class="utrecht-paragraph">{t('framework_responses.none')}</p></EmptyState>}
      {groups.map((group, i) => (
        <section aria-labelledby={`group-${i}`} key={i}>
          <h2 class="utrecht-heading-2" id={`group-${i}`}>{groupTitle(ctx, group)}</h2>
          <p class="lk-meta">{t('framework_responses.counts', { unclear: group.counts.openUnclear, proposals: group.counts.openProposals, comments: group.counts.comments })}</p>
          {group.items.length > 0 && (
            <ul class="lk-list">
              {group.items.map((item) => <ResponseItem ctx={ctx} slug={community.slug} item={item} form={form} key={item.id} />)}
            </ul>
          )}
        </section>
      ))}
    </Layout>
  );
}
