import type { ComponentChildren } from 'preact';
import { communityPath } from '../communities/communities.pages.tsx';
import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { Change } from '../questions/questions.models.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { Button, ButtonLink, CsrfField, EmptyState, ErrorSummary, TextArea, TextField, fieldErrorText, type FormState } from '../ui/components.tsx';
import { SECTIONS, type FrameworkContent, type LearningQuestion, type Section } from './frameworks.models.ts';
import type { VersionSummary } from './frameworks.repository.ts';
import { MAX_LEARNING_QUESTIONS, formRows } from './frameworks.schemas.ts';
import type { DraftView, FrameworkOverview, VersionComparison } from './frameworks.usecases.ts';
import type { LearningQuestionSignals } from '../questions/questions.usecases.ts';

/** Pages of the framework (kader): the current version, the draft editor, the history and a diff. */

export const frameworkPath = (slug: string, rest = '') => communityPath(slug, `/kader${rest}`);
const date = (ctx: PageContext, value: Date) => formatDateTime(value, ctx.locale, 'date');
const paragraphs = (text: string) => text.split(/(?:\r?\n){2,}/).map((p, i) => <p class="utrecht-paragraph" key={i}>{p}</p>);
/** A review date is a calendar day: shown as the day itself, never shifted by a time zone. */
const day = (ctx: PageContext, value: string) => formatDateTime(new Date(`${value}T12:00:00Z`), ctx.locale, 'date');

type Community = { name: string; slug: string };
type Respond = (target: string, learningQuestionId?: string) => ComponentChildren;
const BackLink = ({ ctx, community }: { ctx: PageContext; community: Community }) => (
  <p class="utrecht-paragraph"><a class="utrecht-link" href={communityPath(community.slug)}>{ctx.t('frameworks.back', { name: community.name })}</a></p>
);

/** `questionsHref` links each learning question to the questions asked about it. */
export function FrameworkContentView({ ctx, content, questionsHref, practicesHref, signals, practiceSignals, openUnclear, respond }: { ctx: PageContext; content: FrameworkContent; questionsHref?: (learningQuestionId: string) => string; practicesHref?: (learningQuestionId: string) => string; signals?: FrameworkOverview['signals']; practiceSignals?: FrameworkOverview['practiceSignals']; openUnclear?: FrameworkOverview['openUnclear']; respond?: Respond }) {
  const { t } = ctx;
  return (
    <div class="lk-stack">
      {SECTIONS.map((section) => (
        <section aria-labelledby={`section-${section}`} key={section}>
          <h2 class="utrecht-heading-2" id={`section-${section}`}>{t(`frameworks.section.${section}`)}</h2>
          {content[section] ? paragraphs(content[section]) : <p class="utrecht-paragraph">{t('frameworks.section.none')}</p>}
          {respond?.(section)}
        </section>
      ))}
      <section aria-labelledby="section-learning-questions">
        <h2 class="utrecht-heading-2" id="section-learning-questions">{t('frameworks.section.learning_questions')}</h2>
        {content.learningQuestions.length === 0 ? <p class="utrecht-paragraph">{t('frameworks.no_learning_questions')}</p> : (
          <ol class="utrecht-ordered-list">
            {content.learningQuestions.map((q) => <LearningQuestionItem ctx={ctx} question={q} questionsHref={questionsHref?.(q.id)} practicesHref={practicesHref?.(q.id)} signals={signals?.get(q.id)} practices={practiceSignals?.get(q.id)} openUnclear={openUnclear?.get(q.id) ?? 0} showSignals={Boolean(signals)} respond={respond} key={q.id} />)}
          </ol>
        )}
      </section>
      {content.reviewDate && <p class="utrecht-paragraph">{t('frameworks.section.review_date')} {day(ctx, content.reviewDate)}</p>}
    </div>
  );
}

function LearningQuestionItem({ ctx, question, questionsHref, practicesHref, signals, practices, openUnclear, showSignals, respond }: { ctx: PageContext; question: LearningQuestion; questionsHref?: string; practicesHref?: string; signals?: LearningQuestionSignals; practices?: { shared: number; tried: number }; openUnclear: number; showSignals: boolean; respond?: Respond }) {
  return (
    <li class="utrecht-ordered-list__item" id={`leervraag-${question.id}`}>
      <span class="lk-tag">{ctx.t(`frameworks.kind.${question.kind}`)}</span> <strong>{question.text}</strong>
      {question.explanation && <p class="utrecht-paragraph">{question.explanation}</p>}
      {showSignals && <LearningQuestionSignalsLine ctx={ctx} signals={signals} />}
      {showSignals && practices && practices.shared > 0 && <p class="lk-meta">{ctx.t('frameworks.signals.practices', { count: practices.shared })} · {ctx.t('frameworks.signals.tried', { count: practices.tried })}</p>}
      {showSignals && openUnclear > 0 && <p class="lk-meta">{ctx.t('frameworks.signals.unclear', { count: openUnclear })}</p>}
      {questionsHref && <p class="utrecht-paragraph"><a class="utrecht-link" href={questionsHref}>{ctx.t('frameworks.learning_question.questions')}</a></p>}
      {practicesHref && <p class="utrecht-paragraph"><a class="utrecht-link" href={practicesHref}>{ctx.t('frameworks.learning_question.practices')}</a></p>}
      {respond?.('learning_question', question.id)}
    </li>
  );
}

/** `respond` and `children` come from src/frameworks/responses: the members' forms and the answers given. */
export function FrameworkPage({ ctx, overview, respond, children }: { ctx: PageContext; overview: FrameworkOverview; respond?: Respond; children?: ComponentChildren }) {
  const { t } = ctx;
  const { community, current, canWrite, hasDraft } = overview;
  return (
    <Layout ctx={ctx} title={t('frameworks.title', { name: community.name })}>
      <BackLink ctx={ctx} community={community} />
      <h1 class="utrecht-heading-1">{t('frameworks.title', { name: community.name })}</h1>
      <p class="utrecht-paragraph">{t('frameworks.intro')}</p>
      {canWrite && (
        <p class="utrecht-paragraph">
          {hasDraft && <>{t('frameworks.draft_waiting')} </>}
          <ButtonLink href={frameworkPath(community.slug, '/concept')}>{t(hasDraft ? 'frameworks.edit_draft' : 'frameworks.write')}</ButtonLink>
        </p>
      )}
      {current ? (
        <>
          <p class="lk-meta">{t('frameworks.version', { number: current.number, date: date(ctx, current.publishedAt!) })}</p>
          {overview.changedSince && <WhatChanged ctx={ctx} slug={community.slug} currentNumber={current.number} changedSince={overview.changedSince} />}
          <FrameworkContentView ctx={ctx} content={current} signals={overview.signals} practiceSignals={overview.practiceSignals} openUnclear={overview.openUnclear} respond={respond} questionsHref={(id) => `/gemeenschappen/${encodeURIComponent(community.slug)}/vragen?leervraag=${id}`} practicesHref={(id) => `/gemeenschappen/${encodeURIComponent(community.slug)}/praktijk?leervraag=${id}`} />
          {children}
          <p class="utrecht-paragraph"><a class="utrecht-link" href={frameworkPath(community.slug, '/versies')}>{t('frameworks.history')}</a></p>
        </>
      ) : (
        <EmptyState><p class="utrecht-paragraph">{t(canWrite ? 'frameworks.empty.writer' : 'frameworks.empty')}</p></EmptyState>
      )}
    </Layout>
  );
}

/** The values the draft form starts with: the saved draft (or the current version) in the form's row shape. */
export function draftFormValues(content: FrameworkContent): Record<string, unknown> {
  const q = content.learningQuestions;
  return {
    purpose: content.purpose,
    room: content.room,
    constraints: content.constraints,
    indicators: content.indicators,
    reviewDate: content.reviewDate ?? '',
    lqId: q.map((x) => x.id),
    lqKind: q.map((x) => x.kind),
    lqText: q.map((x) => x.text),
    lqExplanation: q.map((x) => x.explanation),
  };
}

const EMPTY_ROWS = 3;

function LearningQuestionRows({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  const typed = formRows(form.values);
  const rows = [...typed, ...Array.from({ length: Math.max(0, Math.min(EMPTY_ROWS, MAX_LEARNING_QUESTIONS - typed.length)) }, () => ({ id: '', kind: 'how', text: '', explanation: '' }))];
  const error = fieldErrorText(ctx, form, 'learningQuestions');
  return (
    <fieldset class={`utrecht-form-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`} id="field-learningQuestions" aria-describedby={error ? 'error-learningQuestions' : 'desc-learningQuestions'}>
      <legend class="utrecht-form-fieldset__legend">{t('frameworks.field.learning_questions')}</legend>
      <p class="utrecht-form-field-description" id="desc-learningQuestions">{t('frameworks.field.learning_questions.description')}</p>
      {error && <p class="utrecht-form-field-error-message" id="error-learningQuestions">{error}</p>}
      {rows.map((row, i) => {
        const n = i + 1;
        return (
          <div class="lk-card" key={i}>
            <input type="hidden" name="lqId" value={row.id} />
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for={`lq-kind-${n}`}>{t('frameworks.field.lq_kind', { n })}</label>
              <select class="utrecht-select utrecht-select--html-select" id={`lq-kind-${n}`} name="lqKind">
                <option value="how" selected={row.kind !== 'what'}>{t('frameworks.kind.how')}</option>
                <option value="what" selected={row.kind === 'what'}>{t('frameworks.kind.what')}</option>
              </select>
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for={`lq-text-${n}`}>{t('frameworks.field.lq_text', { n })}</label>
              <input class="utrecht-textbox utrecht-textbox--html-input" id={`lq-text-${n}`} name="lqText" value={row.text} maxLength={300} />
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for={`lq-explanation-${n}`}>{t('frameworks.field.lq_explanation', { n })}</label>
              <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id={`lq-explanation-${n}`} name="lqExplanation" rows={2} maxLength={1000}>{row.explanation}</textarea>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

export function DraftPage({ ctx, view, form, publishForm }: { ctx: PageContext; view: DraftView; form: FormState; publishForm: FormState }) {
  const { t } = ctx;
  const { community, draft, number } = view;
  const title = t('frameworks.draft.title', { name: community.name });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="utrecht-paragraph"><a class="utrecht-link" href={frameworkPath(community.slug)}>{t('frameworks.back', { name: t('frameworks.title', { name: community.name }) })}</a></p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t('frameworks.draft.intro', { number })}</p>
      <ErrorSummary ctx={ctx} form={form.errors.length > 0 ? form : publishForm} />
      <form method="post" action={frameworkPath(community.slug, '/concept')} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        {SECTIONS.map((section: Section) => (
          <TextArea ctx={ctx} form={form} name={section} key={section} label={t(`frameworks.section.${section}`)} description={t(`frameworks.field.${section}.description`)} maxLength={5000} />
        ))}
        <TextField ctx={ctx} form={form} name="reviewDate" type="date" label={t('frameworks.field.review_date')} description={t('frameworks.field.review_date.description')} />
        <LearningQuestionRows ctx={ctx} form={form} />
        <div class="lk-actions">
          <Button>{t('frameworks.save')}</Button>
          <ButtonLink href={frameworkPath(community.slug)}>{t('form.cancel')}</ButtonLink>
        </div>
      </form>
      <section aria-labelledby="publish-heading">
        <h2 class="utrecht-heading-2" id="publish-heading">{t('frameworks.publish.title')}</h2>
        {draft ? (
          <form method="post" action={frameworkPath(community.slug, '/publiceren')} class="lk-form" novalidate>
            <CsrfField ctx={ctx} />
            <p class="utrecht-paragraph">{t('frameworks.draft.saved', { number })} {t('frameworks.publish.intro')}</p>
            <TextArea ctx={ctx} form={publishForm} name="changeNote" label={t(number > 1 ? 'frameworks.field.change_note' : 'frameworks.field.change_note.first')} description={number > 1 ? t('frameworks.field.change_note.description') : undefined} required={number > 1} maxLength={2000} rows={3} />
            <Button>{t('frameworks.publish', { number })}</Button>
          </form>
        ) : (
          <p class="utrecht-paragraph">{t('frameworks.publish.no_draft')}</p>
        )}
      </section>
    </Layout>
  );
}

export function VersionsPage({ ctx, community, versions }: { ctx: PageContext; community: Community; versions: VersionSummary[] }) {
  const { t } = ctx;
  const latest = versions[0]?.number;
  return (
    <Layout ctx={ctx} title={t('frameworks.versions.title', { name: community.name })}>
      <p class="utrecht-paragraph"><a class="utrecht-link" href={frameworkPath(community.slug)}>{t('frameworks.back', { name: t('frameworks.title', { name: community.name }) })}</a></p>
      <h1 class="utrecht-heading-1">{t('frameworks.versions.title', { name: community.name })}</h1>
      {versions.length === 0 ? <EmptyState><p class="utrecht-paragraph">{t('frameworks.versions.empty')}</p></EmptyState> : (
        <ol class="lk-list" reversed>
          {versions.map((v) => (
            <li class="lk-card" key={v.id}>
              <h2 class="utrecht-heading-3">{t('frameworks.versions.item', { number: v.number })}</h2>
              <p class="lk-meta">{v.publishedByName ? t('frameworks.versions.meta', { date: date(ctx, v.publishedAt!), name: v.publishedByName }) : t('frameworks.versions.meta_unknown', { date: date(ctx, v.publishedAt!) })}</p>
              {v.changeNote ? paragraphs(v.changeNote) : v.number === 1 && <p class="utrecht-paragraph">{t('frameworks.versions.first')}</p>}
              {v.number > 1 && <p class="utrecht-paragraph"><a class="utrecht-link" href={frameworkPath(community.slug, `/versies/${v.number - 1}/${v.number}`)}>{t('frameworks.versions.compare_previous', { number: v.number - 1 })}</a></p>}
              {latest !== undefined && v.number < latest && v.number !== latest - 1 && <p class="utrecht-paragraph"><a class="utrecht-link" href={frameworkPath(community.slug, `/versies/${v.number}/${latest}`)}>{t('frameworks.versions.compare_current')}</a></p>}
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

function Lines({ ctx, changes }: { ctx: PageContext; changes: Change[] }) {
  return (
    <pre class="lk-diff">
      {changes.map((c, i) =>
        c.kind === 'removed' ? <del key={i}><span class="lk-visually-hidden">{ctx.t('frameworks.diff.removed')} </span>{c.text}{'\n'}</del>
        : c.kind === 'added' ? <ins key={i}><span class="lk-visually-hidden">{ctx.t('frameworks.diff.added')} </span>{c.text}{'\n'}</ins>
        : <span key={i}>{c.text}{'\n'}</span>,
      )}
    </pre>
  );
}

const Status = ({ ctx, status }: { ctx: PageContext; status: string }) => <span class={`lk-tag lk-diff-status lk-diff-status--${status}`}>{ctx.t(`frameworks.diff.status.${status}`)}</span>;

export function DiffPage({ ctx, comparison }: { ctx: PageContext; comparison: VersionComparison }) {
  const { t } = ctx;
  const { community, before, after, diff } = comparison;
  const title = t('frameworks.diff.title', { a: before.number, b: after.number });
  const sections = diff.sections.filter((s) => s.status !== 'same');
  const questions = diff.learningQuestions.filter((q) => q.status !== 'same');
  return (
    <Layout ctx={ctx} title={title}>
      <p class="utrecht-paragraph"><a class="utrecht-link" href={frameworkPath(community.slug, '/versies')}>{t('frameworks.versions.title', { name: community.name })}</a></p>
      <h1 class="utrecht-heading-1">{title}</h1>
      {after.changeNote && <><p class="lk-meta">{t('frameworks.diff.note', { number: after.number })}</p>{paragraphs(after.changeNote)}</>}
      {sections.length === 0 && questions.length === 0 && diff.reviewDate.status === 'same' && <p class="utrecht-paragraph">{t('frameworks.diff.none')}</p>}
      {sections.map((s) => (
        <section key={s.section} aria-labelledby={`diff-${s.section}`}>
          <h2 class="utrecht-heading-2" id={`diff-${s.section}`}>{t(`frameworks.section.${s.section}`)} <Status ctx={ctx} status={s.status} /></h2>
          <Lines ctx={ctx} changes={s.changes} />
        </section>
      ))}
      {diff.reviewDate.status !== 'same' && (
        <p class="utrecht-paragraph">{t('frameworks.diff.review_date', { before: diff.reviewDate.before ? day(ctx, diff.reviewDate.before) : t('frameworks.diff.no_date'), after: diff.reviewDate.after ? day(ctx, diff.reviewDate.after) : t('frameworks.diff.no_date') })}</p>
      )}
      {questions.length > 0 && (
        <section aria-labelledby="diff-learning-questions">
          <h2 class="utrecht-heading-2" id="diff-learning-questions">{t('frameworks.section.learning_questions')}</h2>
          <ul class="lk-list">
            {questions.map((q) => {
              const shown = (q.after ?? q.before)!;
              return (
                <li class="lk-card" key={q.id}>
                  <p class="utrecht-paragraph"><Status ctx={ctx} status={q.status} /> <span class="lk-tag">{t(`frameworks.kind.${shown.kind}`)}</span> <strong>{shown.text}</strong></p>
                  {q.status === 'changed' && q.before!.kind !== q.after!.kind && <p class="lk-meta">{t('frameworks.diff.kind_changed', { kind: t(`frameworks.kind.${q.before!.kind}`) })}</p>}
                  {q.text.length > 0 && <Lines ctx={ctx} changes={q.text} />}
                  {q.explanation.length > 0 && <Lines ctx={ctx} changes={q.explanation} />}
                  {q.status !== 'changed' && shown.explanation && <p class="utrecht-paragraph">{shown.explanation}</p>}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </Layout>
  );
}


/** Aggregates only: how the community is working on this learning question, never who. */
function LearningQuestionSignalsLine({ ctx, signals }: { ctx: PageContext; signals: LearningQuestionSignals | undefined }) {
  const { t } = ctx;
  if (!signals || signals.asked === 0) return <p class="lk-meta">{t('frameworks.signals.none')}</p>;
  return (
    <p class="lk-meta">
      {t('frameworks.signals.asked', { count: signals.asked })} · {t('frameworks.signals.answered', { percent: Math.round((signals.answered / signals.asked) * 100) })} · {t('frameworks.signals.solved', { count: signals.solved })}
      {signals.lastActivityAt && <> · {t('frameworks.signals.last_activity', { date: formatDateTime(signals.lastActivityAt, ctx.locale, 'date') })}</>}
    </p>
  );
}

/** The first visit after a new version: the notes of what changed, and the way to the full difference. */
function WhatChanged({ ctx, slug, currentNumber, changedSince }: { ctx: PageContext; slug: string; currentNumber: number; changedSince: NonNullable<FrameworkOverview['changedSince']> }) {
  const { t } = ctx;
  return (
    <section class="lk-notice" aria-labelledby="what-changed-heading">
      <h2 class="utrecht-heading-3" id="what-changed-heading">{t('frameworks.changed_since.title', { number: changedSince.number })}</h2>
      <ul class="utrecht-unordered-list">
        {changedSince.notes.map((note) => <li class="utrecht-unordered-list__item" key={note.number}>{t('frameworks.changed_since.note', { number: note.number, note: note.changeNote })}</li>)}
      </ul>
      <p class="utrecht-paragraph"><a class="utrecht-link" href={frameworkPath(slug, `/versies/${changedSince.number}/${currentNumber}`)}>{t('frameworks.changed_since.diff')}</a></p>
    </section>
  );
}
