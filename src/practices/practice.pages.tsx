import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { PostBody } from '../ui/post-body.tsx';
import { ActionForm, Button, CsrfField, EmptyState, ErrorSummary, Tags, TextArea, emptyForm, type FormState } from '../ui/components.tsx';
import type { TrailNode } from './practices.models.ts';
import { communityPracticesPath, practiceCommentPath, practicePath, practiceTryPath } from './practices.paths.ts';
import type { CommentView, PracticeView, TryView } from './practice-view.usecases.ts';

/** The practice page: the story in four parts, its attachments, reactions, the tried-it trail and remarks. */

const date = (ctx: PageContext, value: Date) => formatDateTime(value, ctx.locale, 'date');


/** A remark that failed validation comes back with what was typed, in the form it came from. */
export interface FailedForm {
  kind: 'comment' | 'alternative';
  form: FormState;
}

/** Extra blocks other parts of the feature add to the page (asking to watch). */
export interface PracticePageSlots {
  visits?: ComponentChildren;
}

export function PracticePage({ ctx, view, failed, slots = {} }: { ctx: PageContext; view: PracticeView; failed?: FailedForm; slots?: PracticePageSlots }) {
  const { t } = ctx;
  const { practice, home, via } = view;
  const sections = [
    ['situation', practice.situation],
    ['action', practice.action],
    ['outcome', practice.outcome],
    ['learning', practice.learning],
  ] as const;
  return (
    <Layout ctx={ctx} title={practice.title}>
      <p class="lk-meta"><a class="utrecht-link" href={communityPracticesPath(via.slug)}>{t('practices.back_to_gallery', { community: via.name })}</a></p>
      <article class="lk-practice" aria-labelledby="practice-title">
        <h1 class="utrecht-heading-1" id="practice-title">{practice.title}</h1>
        <p class="lk-meta">
          {practice.hiddenAt && <><span class="lk-badge lk-badge--warning">{t('practices.hidden')}</span>{' '}</>}
          {practice.authorName === null ? t('practices.shared_on', { date: date(ctx, practice.createdAt) }) : t('practices.shared_by', { name: practice.authorName, date: date(ctx, practice.createdAt) })}
          {' '}{home ? t('practices.in_community', { community: home.name }) : t('practices.from_other_community')}
          {view.sharedIn.length > 0 && <> · {t('practices.also_in', { communities: view.sharedIn.map((c) => c.name).join(', ') })}</>}
          {practice.editedAt && <> · {t('practices.edited', { date: date(ctx, practice.editedAt) })}</>}
        </p>
        {practice.hiddenAt && <p class="lk-notice lk-notice--warning" role="note">{t('practices.hidden.notice', { reason: practice.hiddenReason ?? '' })}</p>}
        {sections.filter(([, text]) => text.trim() !== '').map(([part, text]) => (
          <section class="lk-practice__part" aria-labelledby={`part-${part}`} key={part}>
            <h2 class="utrecht-heading-3" id={`part-${part}`}>{t(`practices.part.${part}`)}</h2>
            <PostBody markdown={text} />
          </section>
        ))}
        <Tags tags={practice.tags} />
        {view.learningQuestion && (
          <p class="lk-meta">
            {t('practices.learning_question')}{' '}
            <a class="utrecht-link" href={`${communityPracticesPath(via.slug)}?leervraag=${view.learningQuestion.id}`}>{view.learningQuestion.text}</a>
          </p>
        )}
        <Attachments ctx={ctx} view={view} />
        <Reactions ctx={ctx} view={view} />
        <StoryActions ctx={ctx} view={view} />
      </article>

      {slots.visits}

      <Trail ctx={ctx} view={view} />

      <section class="lk-section" aria-labelledby="alternatives-heading">
        <h2 class="utrecht-heading-2" id="alternatives-heading">{t('practices.alternatives.title', { count: view.alternatives.length })}</h2>
        <p class="utrecht-paragraph">{t('practices.alternatives.intro')}</p>
        <RemarkList ctx={ctx} items={view.alternatives} empty={t('practices.alternatives.none')} />
        {view.can.participate && <RemarkForm ctx={ctx} view={view} kind="alternative" failed={failed} />}
      </section>

      <section class="lk-section" aria-labelledby="comments-heading">
        <h2 class="utrecht-heading-2" id="comments-heading">{t('practices.comments.title', { count: view.comments.length })}</h2>
        <RemarkList ctx={ctx} items={view.comments} empty={t('practices.comments.none')} />
        {view.can.participate && <RemarkForm ctx={ctx} view={view} kind="comment" failed={failed} />}
      </section>
    </Layout>
  );
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

function Attachments({ ctx, view }: { ctx: PageContext; view: PracticeView }) {
  const { t } = ctx;
  if (view.attachments.length === 0 && !view.can.edit) return null;
  const images = view.attachments.filter((a) => a.isImage);
  return (
    <section class="lk-attachments" aria-labelledby="attachments-heading">
      <h2 class="utrecht-heading-3" id="attachments-heading">{t('practices.attachments.title')}</h2>
      {images.length > 0 && (
        <div class="lk-attachments__images">
          {images.map((a) => (
            <figure class="lk-attachments__figure" key={a.id}>
              <img src={`/bijlagen/${a.id}/voorbeeld`} alt={t('practices.attachments.image_alt', { name: a.fileName })} loading="lazy" />
              <figcaption class="lk-meta">{a.fileName}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {view.attachments.length > 0 ? (
        <ul class="utrecht-unordered-list">
          {view.attachments.map((a) => (
            <li class="utrecht-unordered-list__item" key={a.id}>
              <a class="utrecht-link" href={`/bijlagen/${a.id}`} download>{a.fileName}</a> <span class="lk-meta">({sizeText(a.byteSize)})</span>
              {view.can.edit && <ActionForm ctx={ctx} action={`/bijlagen/${a.id}/verwijderen`} label={t('practices.attachments.delete', { name: a.fileName })} confirm={t('practices.attachments.delete.confirm')} variant="danger" />}
            </li>
          ))}
        </ul>
      ) : (
        <p class="lk-meta">{t('practices.attachments.none')}</p>
      )}
      {view.can.edit && <p class="lk-meta"><a class="utrecht-link" href={practicePath(view.practice.id, '/bijlagen')}>{t('practices.attachments.add')}</a></p>}
    </section>
  );
}

function Reactions({ ctx, view }: { ctx: PageContext; view: PracticeView }) {
  const { t } = ctx;
  const { practice } = view;
  const toggle = (kind: 'recognise' | 'will_try', count: number) => {
    const isOn = view.myReactions.includes(kind);
    const label = t(`practices.reaction.${kind}`, { count });
    if (!view.can.react) return <span class="lk-meta">{label}</span>;
    return (
      <form method="post" action={practicePath(practice.id, '/reageren')} class="lk-inline-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="on" value={isOn ? 'false' : 'true'} />
        <button type="submit" class={`utrecht-button utrecht-button--${isOn ? 'primary-action' : 'secondary-action'} lk-reaction`} aria-pressed={isOn ? 'true' : 'false'}>{label}</button>
      </form>
    );
  };
  return (
    <div class="lk-actions lk-reactions" role="group" aria-label={t('practices.reactions')}>
      {toggle('recognise', practice.recognisedCount)}
      {toggle('will_try', practice.willTryCount)}
    </div>
  );
}

function StoryActions({ ctx, view }: { ctx: PageContext; view: PracticeView }) {
  const { t } = ctx;
  const { practice, can } = view;
  return (
    <div class="lk-actions" role="group" aria-label={t('practices.actions')}>
      {can.tryIt && <a class="utrecht-link" href={practicePath(practice.id, '/geprobeerd')}>{t('practices.try.link')}</a>}
      {can.edit && <a class="utrecht-link" href={practicePath(practice.id, '/bewerken')}>{t('practices.edit')}</a>}
      {can.shareTo && <a class="utrecht-link" href={practicePath(practice.id, '/delen-met')}>{t('practices.share_to.link')}</a>}
      {can.moderate && !practice.hiddenAt && <a class="utrecht-link" href={practicePath(practice.id, '/verbergen')}>{t('practices.hide')}</a>}
      {can.moderate && practice.hiddenAt && <ActionForm ctx={ctx} action={practicePath(practice.id, '/tonen')} label={t('practices.unhide')} />}
      {can.delete && <ActionForm ctx={ctx} action={practicePath(practice.id, '/verwijderen')} label={t('practices.delete')} confirm={t('practices.delete.confirm')} variant="danger" />}
    </div>
  );
}

function Trail({ ctx, view }: { ctx: PageContext; view: PracticeView }) {
  const { t } = ctx;
  const { summary } = view;
  return (
    <section class="lk-section lk-trail" aria-labelledby="trail-heading">
      <h2 class="utrecht-heading-2" id="trail-heading">{t('practices.trail.title')}</h2>
      {summary.reports === 0 ? (
        <EmptyState>
          <p class="utrecht-paragraph">{t('practices.trail.none')}</p>
          {view.can.tryIt && <p class="utrecht-paragraph"><a class="utrecht-link" href={practicePath(view.practice.id, '/geprobeerd')}>{t('practices.try.link')}</a></p>}
        </EmptyState>
      ) : (
        <>
          <p class="utrecht-paragraph lk-trail__summary">{t('practices.trail.summary', { count: summary.teams, organisations: t('practices.trail.organisations', { count: summary.organisations }), reports: summary.reports })}</p>
          <TrailList ctx={ctx} view={view} nodes={view.trail} />
        </>
      )}
    </section>
  );
}

function TrailList({ ctx, view, nodes }: { ctx: PageContext; view: PracticeView; nodes: TrailNode<TryView>[] }) {
  return (
    <ol class="lk-trail__list">
      {nodes.map((node) => (
        <li class="lk-trail__item" key={node.entry.id}>
          <TryEntry ctx={ctx} view={view} entry={node.entry} />
          {node.children.length > 0 && <TrailList ctx={ctx} view={view} nodes={node.children} />}
        </li>
      ))}
    </ol>
  );
}

function TryEntry({ ctx, view, entry }: { ctx: PageContext; view: PracticeView; entry: TryView }) {
  const { t } = ctx;
  const where = entry.organisationName ? t('practices.trail.where', { team: entry.team, organisation: entry.organisationName }) : entry.team;
  return (
    <article class="lk-card lk-try" id={`geprobeerd-${entry.id}`} aria-labelledby={`try-by-${entry.id}`}>
      {entry.isHidden && <p class="lk-notice lk-notice--warning" role="note">{t('practices.hidden.notice', { reason: entry.hiddenReason ?? '' })}</p>}
      <p class="lk-meta" id={`try-by-${entry.id}`}>
        <span class={`lk-badge lk-badge--${entry.result === 'worked' ? 'success' : entry.result === 'partly' ? 'info' : 'warning'}`}>{t(`practices.result.${entry.result}`)}</span>{' '}
        {t('practices.trail.by', { name: entry.authorName ?? t('practices.someone'), where, date: date(ctx, entry.createdAt) })}
      </p>
      <h3 class="utrecht-heading-4">{t('practices.field.adapted')}</h3>
      <p class="utrecht-paragraph lk-pre-line">{entry.adapted}</p>
      <h3 class="utrecht-heading-4">{t('practices.field.how_it_went')}</h3>
      <p class="utrecht-paragraph lk-pre-line">{entry.howItWent}</p>
      <div class="lk-actions">
        {view.can.participate && !entry.isHidden && <a class="utrecht-link" href={practicePath(view.practice.id, `/geprobeerd?vanuit=${entry.id}`)}>{t('practices.try.from_report')}</a>}
        <ModerationLinks ctx={ctx} item={entry} path={practiceTryPath(entry.id)} />
      </div>
    </article>
  );
}

function ModerationLinks({ ctx, item, path }: { ctx: PageContext; item: CommentView | TryView; path: string }) {
  const { t } = ctx;
  return (
    <>
      {item.canHide && !item.isHidden && <a class="utrecht-link" href={`${path}/verbergen`}>{t('practices.hide')}</a>}
      {item.canHide && item.isHidden && <ActionForm ctx={ctx} action={`${path}/tonen`} label={t('practices.unhide')} />}
      {item.canDelete && <ActionForm ctx={ctx} action={`${path}/verwijderen`} label={t('practices.delete')} confirm={t('practices.delete.confirm_remark')} variant="danger" />}
    </>
  );
}

function RemarkList({ ctx, items, empty }: { ctx: PageContext; items: CommentView[]; empty: string }) {
  const { t } = ctx;
  if (items.length === 0) return <p class="lk-meta">{empty}</p>;
  return (
    <ul class="lk-comments">
      {items.map((c) => (
        <li class="lk-comment" id={`opmerking-${c.id}`} key={c.id}>
          {c.isHidden && <p class="lk-notice lk-notice--warning" role="note">{t('practices.hidden.notice', { reason: c.hiddenReason ?? '' })}</p>}
          <PostBody markdown={c.body} />
          <p class="lk-meta">
            {t('practices.remark_by', { name: c.authorName ?? t('practices.someone'), date: date(ctx, c.createdAt) })}{' '}
            <ModerationLinks ctx={ctx} item={c} path={practiceCommentPath(c.id)} />
          </p>
        </li>
      ))}
    </ul>
  );
}

function RemarkForm({ ctx, view, kind, failed }: { ctx: PageContext; view: PracticeView; kind: 'comment' | 'alternative'; failed?: FailedForm }) {
  const { t } = ctx;
  const form = failed?.kind === kind ? failed.form : emptyForm();
  const prefix = `${kind}-`;
  return (
    <form method="post" action={practicePath(view.practice.id, '/opmerkingen')} class="lk-form" novalidate>
      <ErrorSummary ctx={ctx} form={form} idPrefix={prefix} />
      <CsrfField ctx={ctx} />
      <input type="hidden" name="kind" value={kind} />
      <TextArea ctx={ctx} form={form} idPrefix={prefix} name="body" label={t(`practices.${kind}.field`)} description={t(`practices.${kind}.field.description`)} rows={kind === 'alternative' ? 5 : 3} maxLength={5000} required />
      <Button variant="secondary">{t(`practices.${kind}.submit`)}</Button>
    </form>
  );
}
