import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { PostBody } from '../ui/post-body.tsx';
import { ActionForm, Button, CsrfField, EmptyState, ErrorSummary, Pagination, Tags, TextArea, emptyForm, type FormState } from '../ui/components.tsx';
import { MarkdownEditor } from '../ui/editor.tsx';
import type { AnswerView, CommentView, QuestionView } from './question-view.usecases.ts';
import { answerPath, commentPath, communityQuestionsPath, questionPath } from './questions.paths.ts';

/** The question page: the question, its comments, the answers (the solution first) and the answer form. */

const date = (ctx: PageContext, value: Date) => formatDateTime(value, ctx.locale, 'date');


/** A comment that failed validation comes back open, under the post it was for, with what was typed. */
export interface CommentFormState {
  action: string;
  form: FormState;
}

export function QuestionPage({ ctx, view, answerForm = emptyForm(), commentForm }: { ctx: PageContext; view: QuestionView; answerForm?: FormState; commentForm?: CommentFormState }) {
  const { t } = ctx;
  const { question, community } = view.context;
  const answerCount = question.answerCount;
  return (
    <Layout ctx={ctx} title={question.title}>
      <p class="lk-meta"><a class="utrecht-link" href={communityQuestionsPath(community.slug)}>{t('questions.back_to_list', { community: community.name })}</a></p>
      <article class="lk-question" aria-labelledby="question-title">
        <h1 class="utrecht-heading-1" id="question-title">{question.title}</h1>
        <p class="lk-meta">
          <span class="lk-badge">{t(`questions.kind.${question.kind}`)}</span>{' '}
          {question.acceptedAnswerId && <span class="lk-badge lk-badge--success">{t('questions.solved')}</span>}{' '}
          {question.closedAt && <span class="lk-badge">{t('questions.closed')}</span>}{' '}
          {question.hiddenAt && <span class="lk-badge lk-badge--warning">{t('questions.hidden')}</span>}{' '}
          <AskedBy ctx={ctx} view={view} />
          {question.editedAt && <> {t('questions.edited', { date: date(ctx, question.editedAt) })}</>}
        </p>
        {question.hiddenAt && <p class="lk-notice lk-notice--warning" role="note">{t('questions.hidden.notice', { reason: question.hiddenReason ?? '' })}</p>}
        {question.duplicateOf && (
          <p class="lk-notice" role="note">
            {t('questions.closed.duplicate')} <a class="utrecht-link" href={questionPath(question.duplicateOf.id)}>{question.duplicateOf.title}</a>
          </p>
        )}
        <PostBody markdown={question.body} />
        <Tags tags={question.tags} />
        {view.learningQuestion && (
          <p class="lk-meta">
            {t('questions.learning_question')}{' '}
            <a class="utrecht-link" href={`${communityQuestionsPath(community.slug)}?leervraag=${view.learningQuestion.id}`}>{view.learningQuestion.text}</a>
          </p>
        )}
        <QuestionActions ctx={ctx} view={view} />
        <Comments ctx={ctx} comments={view.comments} action={questionPath(question.id, '/reacties')} canComment={view.can.participate && !question.hiddenAt} labelId="question-comments" failed={commentForm} />
      </article>

      <section class="lk-answers" aria-labelledby="answers-heading">
        <h2 class="utrecht-heading-2" id="answers-heading">{t('questions.answers.title', { count: answerCount })}</h2>
        {view.accepted && <Answer ctx={ctx} view={view} answer={view.accepted} failed={commentForm} />}
        {view.answers.map((answer) => <Answer ctx={ctx} view={view} answer={answer} key={answer.id} failed={commentForm} />)}
        {!view.accepted && view.answers.length === 0 && <EmptyState><p class="utrecht-paragraph">{t('questions.answers.none')}</p></EmptyState>}
        <Pagination ctx={ctx} page={view.answersPage.page} hasNext={view.answersPage.hasNext} baseUrl={questionPath(question.id)} />
      </section>

      <AnswerForm ctx={ctx} view={view} form={answerForm} />
    </Layout>
  );
}

function AskedBy({ ctx, view }: { ctx: PageContext; view: QuestionView }) {
  const { t } = ctx;
  const { question } = view.context;
  const when = date(ctx, question.createdAt);
  if (view.askerName === null) return <>{t('questions.asked_pseudonymous', { date: when })}</>;
  if (question.isPseudonymous) return <>{t('questions.asked_pseudonymous_visible', { name: view.askerName, date: when })}</>;
  return <>{t('questions.asked_by', { name: view.askerName, date: when })}</>;
}

function QuestionActions({ ctx, view }: { ctx: PageContext; view: QuestionView }) {
  const { t } = ctx;
  const { question } = view.context;
  const { can } = view;
  return (
    <div class="lk-actions" role="group" aria-label={t('questions.moderation')}>
      {can.canEdit && <a class="utrecht-link" href={questionPath(question.id, '/bewerken')}>{t('questions.edit')}</a>}
      <a class="utrecht-link" href={questionPath(question.id, '/versies')}>{t('questions.history')}</a>
      {view.isFollowing ? (
        <ActionForm ctx={ctx} action={questionPath(question.id, '/ontvolgen')} label={t('questions.unfollow')} />
      ) : (
        <ActionForm ctx={ctx} action={questionPath(question.id, '/volgen')} label={t('questions.follow')} />
      )}
      {can.invite && !question.closedAt && <a class="utrecht-link" href={questionPath(question.id, '/uitnodigen')}>{t('questions.invite')}</a>}
      {can.close && !question.closedAt && <a class="utrecht-link" href={questionPath(question.id, '/sluiten')}>{t('questions.close')}</a>}
      {can.close && question.closedAt && <ActionForm ctx={ctx} action={questionPath(question.id, '/heropenen')} label={t('questions.reopen')} />}
      {can.canHide && <a class="utrecht-link" href={questionPath(question.id, '/verbergen')}>{t('questions.hide')}</a>}
      {can.moderate && question.hiddenAt && <ActionForm ctx={ctx} action={questionPath(question.id, '/tonen')} label={t('questions.unhide')} />}
      {can.canDelete && <ActionForm ctx={ctx} action={questionPath(question.id, '/verwijderen')} label={t('questions.delete')} confirm={t('questions.delete.confirm_question')} variant="danger" />}
    </div>
  );
}

function Answer({ ctx, view, answer, failed }: { ctx: PageContext; view: QuestionView; answer: AnswerView; failed?: CommentFormState }) {
  const { t } = ctx;
  const { question } = view.context;
  const when = date(ctx, answer.createdAt);
  return (
    <article class={`lk-answer${answer.isAccepted ? ' lk-answer--accepted' : ''}`} id={`antwoord-${answer.id}`} aria-labelledby={`answer-by-${answer.id}`}>
      {answer.isAccepted && <p class="lk-badge lk-badge--success">{t('questions.answers.accepted')}</p>}
      {answer.isHidden && <p class="lk-notice lk-notice--warning" role="note">{t('questions.hidden.notice', { reason: answer.hiddenReason ?? '' })}</p>}
      <p class="lk-meta" id={`answer-by-${answer.id}`}>
        {answer.authorName === null ? t('questions.by_asker', { date: when }) : t('questions.by', { name: answer.authorName, date: when })}
        {answer.editedAt && <> {t('questions.edited', { date: date(ctx, answer.editedAt) })}</>}
      </p>
      <PostBody markdown={answer.body} />
      <div class="lk-actions">
        <span class="lk-meta">{t('questions.helped_count', { count: answer.helpedCount })}</span>
        {view.can.participate && !answer.isMine && !answer.isHidden && (
          answer.helpedByMe
            ? <ActionForm ctx={ctx} action={answerPath(answer.id, '/geholpen')} label={t('questions.helped.undo')} hidden={{ helped: 'false' }} />
            : <ActionForm ctx={ctx} action={answerPath(answer.id, '/geholpen')} label={t('questions.helped')} hidden={{ helped: 'true' }} />
        )}
        {view.can.accept && !answer.isHidden && (
          answer.isAccepted
            ? <ActionForm ctx={ctx} action={questionPath(question.id, '/oplossing')} label={t('questions.unaccept')} hidden={{ answerId: '' }} />
            : <ActionForm ctx={ctx} action={questionPath(question.id, '/oplossing')} label={view.isMine ? t('questions.accept') : t('questions.accept.other')} hidden={{ answerId: answer.id }} variant="primary" />
        )}
        {answer.canEdit && <a class="utrecht-link" href={answerPath(answer.id, '/bewerken')}>{t('questions.edit')}</a>}
        <a class="utrecht-link" href={answerPath(answer.id, '/versies')}>{t('questions.history')}</a>
        {answer.canHide && <a class="utrecht-link" href={answerPath(answer.id, '/verbergen')}>{t('questions.hide')}</a>}
        {view.can.moderate && answer.isHidden && <ActionForm ctx={ctx} action={answerPath(answer.id, '/tonen')} label={t('questions.unhide')} />}
        {answer.canDelete && <ActionForm ctx={ctx} action={answerPath(answer.id, '/verwijderen')} label={t('questions.delete')} confirm={t('questions.delete.confirm_answer')} variant="danger" />}
      </div>
      <Comments ctx={ctx} comments={answer.comments} action={answerPath(answer.id, '/reacties')} canComment={view.can.participate && !question.hiddenAt && !answer.isHidden} labelId={`comments-${answer.id}`} failed={failed} />
    </article>
  );
}

function Comments({ ctx, comments, action, canComment, labelId, failed }: { ctx: PageContext; comments: CommentView[]; action: string; canComment: boolean; labelId: string; failed?: CommentFormState }) {
  const { t } = ctx;
  const form = failed?.action === action ? failed.form : undefined;
  if (comments.length === 0 && !canComment) return null;
  return (
    <section class="lk-comments" aria-labelledby={labelId}>
      <h3 class="lk-visually-hidden" id={labelId}>{t('questions.comments.title')}</h3>
      {comments.length > 0 && (
        <ul class="lk-comment-list">
          {comments.map((c) => (
            <li class="lk-comment" key={c.id} id={`reactie-${c.id}`}>
              {c.isHidden && <p class="lk-notice lk-notice--warning" role="note">{t('questions.hidden.notice', { reason: c.hiddenReason ?? '' })}</p>}
              <span class="lk-comment__body">{c.body}</span>{' '}
              <span class="lk-meta">{c.authorName === null ? t('questions.comment.by_asker', { date: date(ctx, c.createdAt) }) : t('questions.comment.by', { name: c.authorName, date: date(ctx, c.createdAt) })}</span>
              {c.canHide && <> <a class="utrecht-link" href={commentPath(c.id, '/verbergen')}>{t('questions.hide')}</a></>}
              {c.canDelete && <ActionForm ctx={ctx} action={commentPath(c.id, '/verwijderen')} label={t('questions.delete')} confirm={t('questions.delete.confirm_comment')} variant="danger" />}
            </li>
          ))}
        </ul>
      )}
      {canComment && (
        <details class="lk-comment-form" open={Boolean(form)}>
          <summary>{t('questions.comment.field')}</summary>
          {form && <ErrorSummary ctx={ctx} form={form} idPrefix={`${labelId}-`} />}
          <form method="post" action={action} class="lk-form">
            <CsrfField ctx={ctx} />
            <TextArea ctx={ctx} form={form} idPrefix={`${labelId}-`} name="body" label={t('questions.comment.field')} rows={2} maxLength={1000} required />
            <Button variant="secondary">{t('questions.comment.submit')}</Button>
          </form>
        </details>
      )}
    </section>
  );
}

function AnswerForm({ ctx, view, form }: { ctx: PageContext; view: QuestionView; form: FormState }) {
  const { t } = ctx;
  const { question } = view.context;
  if (question.hiddenAt) return null;
  if (!view.can.participate) {
    return (
      <p class="lk-notice">
        {t('questions.answer.members_only')} <a class="utrecht-link" href={`/gemeenschappen/${encodeURIComponent(view.context.community.slug)}`}>{t('questions.answer.join', { community: view.context.community.name })}</a>
      </p>
    );
  }
  if (question.closedAt) return <p class="lk-notice">{t('questions.answer.closed')}</p>;
  return (
    <section aria-labelledby="your-answer-heading" id="antwoorden">
      <h2 class="utrecht-heading-2" id="your-answer-heading">{t('questions.answer.your')}</h2>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={questionPath(question.id, '/antwoorden')} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <MarkdownEditor ctx={ctx} form={form} name="body" label={t('questions.answer.field')} description={t('questions.field.body.description')} maxLength={20000} required />
        <Button>{t('questions.answer.submit')}</Button>
      </form>
    </section>
  );
}
