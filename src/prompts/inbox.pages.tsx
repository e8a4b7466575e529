import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { Page } from '../platform/paging.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { ActionForm, Button, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, Pagination, TextArea, TextField, type FormState } from '../ui/components.tsx';
import { excerpt } from './compose.pages.tsx';
import type { InboxRow } from './inbox.repository.ts';
import type { DeliveryView } from './inbox.usecases.ts';
import { inboxPath, promptAnswerPath, promptSettingsPath } from './prompts.paths.ts';
import type { PromptSettings } from './settings.usecases.ts';

/** The recipient's pages: the inbox, one prompt with the answer form, and the settings. */

export function InboxList({ ctx, items }: { ctx: PageContext; items: InboxRow[] }) {
  const { t } = ctx;
  return (
    <ul class="lk-card-list">
      {items.map((item) => {
        return (
          <li class="lk-card" key={item.occurrenceId}>
            <h3 class="utrecht-heading-3"><a class="utrecht-link" href={promptAnswerPath(item.occurrenceId)}>{t(`prompts.kind.${item.kind}`)}: {excerpt(item.text, 120)}</a></h3>
            <p class="lk-meta">
              {item.communityName} · {item.isOpen ? t('prompts.inbox.closes', { date: formatDateTime(item.closesAt, ctx.locale) }) : t('prompts.inbox.closed')}{' '}
              <span class={`lk-badge${item.hasResponded ? ' lk-badge--success' : ''}`}>{t(item.hasResponded ? 'prompts.inbox.responded' : 'prompts.inbox.not_responded')}</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export function InboxPage({ ctx, page }: { ctx: PageContext; page: Page<InboxRow> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('prompts.inbox.title')}>
      <h1 class="utrecht-heading-1">{t('prompts.inbox.title')}</h1>
      <p class="utrecht-paragraph">{t('prompts.inbox.intro')} <a class="utrecht-link" href={promptSettingsPath}>{t('prompts.settings.link')}</a></p>
      {page.items.length === 0 ? <EmptyState><p class="utrecht-paragraph">{t('prompts.inbox.empty')}</p></EmptyState> : <InboxList ctx={ctx} items={page.items} />}
      <Pagination ctx={ctx} page={page.page} hasNext={page.hasNext} baseUrl={inboxPath} />
    </Layout>
  );
}

export function AnswerPage({ ctx, view, form }: { ctx: PageContext; view: DeliveryView; form: FormState }) {
  const { t } = ctx;
  const { prompt, delivery } = view;
  const title = t(`prompts.kind.${prompt.kind}`);
  const mine = view.myResponse;
  const optionOf = (choice: number | null) => (choice === null ? null : (prompt.pollOptions[choice] ?? null));
  return (
    <Layout ctx={ctx} title={title}>
      <p class="lk-meta"><a class="utrecht-link" href={inboxPath}>{t('prompts.inbox.title')}</a> · {view.community.name}</p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph lk-pre-line">{prompt.text}</p>
      <div class="utrecht-alert utrecht-alert--info"><div class="utrecht-alert__content"><p class="utrecht-paragraph">{t(`prompts.visibility.${prompt.visibility}.notice`)}</p></div></div>
      {delivery && <p class="lk-meta">{delivery.isOpen ? t('prompts.inbox.closes', { date: formatDateTime(delivery.closesAt!, ctx.locale) }) : t('prompts.inbox.closed')}</p>}
      {delivery?.isOpen && (
        <>
          <h2 class="utrecht-heading-2">{t(mine ? 'prompts.answer.edit_title' : 'prompts.answer.title')}</h2>
          <p class="utrecht-paragraph">{t('prompts.email.voluntary')}</p>
          <ErrorSummary ctx={ctx} form={form} />
          <form method="post" action={promptAnswerPath(view.occurrenceId)} class="lk-form" novalidate>
            <CsrfField ctx={ctx} />
            {prompt.responseMode === 'choice' && <ChoiceGroup ctx={ctx} form={form} type="radio" name="choice" label={t('prompts.answer.choice')} options={prompt.pollOptions.map((option, index) => ({ value: String(index), label: option }))} />}
            <TextArea ctx={ctx} form={form} name="body" rows={5} maxLength={5000} required={prompt.responseMode === 'text'}
              label={t(prompt.responseMode === 'text' ? 'prompts.answer.body' : prompt.responseMode === 'done' ? 'prompts.answer.report' : 'prompts.answer.remark')} />
            {prompt.visibility !== 'anonymous' && <ChoiceGroup ctx={ctx} form={form} type="checkbox" name="mayReuse" label={t('prompts.answer.reuse_legend')} options={[{ value: 'on', label: t('prompts.answer.may_reuse') }]} />}
            <Button>{t(prompt.responseMode === 'done' ? 'prompts.answer.submit_done' : mine ? 'prompts.answer.submit_edit' : 'prompts.answer.submit')}</Button>
          </form>
        </>
      )}
      {delivery && !delivery.isOpen && (
        <>
          <h2 class="utrecht-heading-2">{t('prompts.answer.yours')}</h2>
          {mine ? (
            <div class="lk-card">
              {optionOf(mine.choice) !== null && <p class="utrecht-paragraph"><strong>{optionOf(mine.choice)}</strong></p>}
              {prompt.responseMode === 'done' && <p class="utrecht-paragraph"><strong>{t('prompts.answer.done_label')}</strong></p>}
              {mine.body && <p class="utrecht-paragraph lk-pre-line">{mine.body}</p>}
            </div>
          ) : <p class="utrecht-paragraph">{t('prompts.answer.none')}</p>}
        </>
      )}
      {view.communityAnswers && (
        <>
          <h2 class="utrecht-heading-2">{t('prompts.answer.community_title')}</h2>
          {view.communityAnswers.length === 0 ? <p class="utrecht-paragraph">{t('prompts.results.no_answers')}</p> : (
            <ul class="lk-card-list">
              {view.communityAnswers.map((a, index) => (
                <li class="lk-card" key={index}>
                  <p class="lk-meta">{t('prompts.results.answer_by', { name: a.name, date: formatDateTime(a.updatedAt, ctx.locale) })}</p>
                  {optionOf(a.choice) !== null && <p class="utrecht-paragraph"><strong>{optionOf(a.choice)}</strong></p>}
                  {a.body && <p class="utrecht-paragraph lk-pre-line">{a.body}</p>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Layout>
  );
}

export function SettingsPage({ ctx, settings, form }: { ctx: PageContext; settings: PromptSettings; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('prompts.settings.title')}>
      <p class="lk-meta"><a class="utrecht-link" href={inboxPath}>{t('prompts.inbox.title')}</a></p>
      <h1 class="utrecht-heading-1">{t('prompts.settings.title')}</h1>
      <p class="utrecht-paragraph">{t('prompts.settings.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />

      <h2 class="utrecht-heading-2">{t('prompts.settings.email_title')}</h2>
      <p class="utrecht-paragraph">{t(settings.promptEmail ? 'prompts.settings.email_on' : 'prompts.settings.email_off')}</p>
      <ActionForm ctx={ctx} action={promptSettingsPath} label={t(settings.promptEmail ? 'prompts.settings.email_turn_off' : 'prompts.settings.email_turn_on')} hidden={{ action: 'email', promptEmail: settings.promptEmail ? 'false' : 'true' }} />

      <h2 class="utrecht-heading-2">{t('prompts.settings.snooze_title')}</h2>
      {settings.isSnoozed && settings.snoozedUntil ? (
        <>
          <p class="utrecht-paragraph">{t('prompts.settings.snoozed_until', { date: formatDateTime(settings.snoozedUntil, ctx.locale) })}</p>
          <ActionForm ctx={ctx} action={promptSettingsPath} label={t('prompts.settings.unsnooze')} hidden={{ action: 'unsnooze' }} />
        </>
      ) : <p class="utrecht-paragraph">{t('prompts.settings.not_snoozed')}</p>}
      <form method="post" action={promptSettingsPath} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="action" value="snooze" />
        <ChoiceGroup ctx={ctx} form={form} type="radio" name="period" label={t('prompts.settings.snooze_for')} options={(['1w', '2w', '1m', 'date'] as const).map((p) => ({ value: p, label: t(`prompts.settings.snooze.${p}`) }))} />
        <TextField ctx={ctx} form={form} name="until" type="date" label={t('prompts.settings.snooze_until')} />
        <Button variant="secondary">{t('prompts.settings.snooze_submit')}</Button>
      </form>

      <h2 class="utrecht-heading-2">{t('prompts.settings.communities_title')}</h2>
      {settings.communities.length === 0 ? <p class="utrecht-paragraph">{t('prompts.settings.no_communities')}</p> : (
        <ul class="lk-card-list">
          {settings.communities.map((c) => (
            <li class="lk-card" key={c.communityId}>
              <p class="utrecht-paragraph">{c.name}: {t(c.isOptedOut ? 'prompts.settings.opted_out' : 'prompts.settings.opted_in')}</p>
              <ActionForm ctx={ctx} action={promptSettingsPath} label={t(c.isOptedOut ? 'prompts.settings.opt_in' : 'prompts.settings.opt_out', { community: c.name })} hidden={{ action: c.isOptedOut ? 'opt_in' : 'opt_out', communityId: c.communityId }} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** On the start page: up to three prompts still waiting for an answer; nothing when there are none. */
export function OpenPromptsSection({ ctx, items }: { ctx: PageContext; items: InboxRow[] }) {
  const { t } = ctx;
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="open-prompts-heading" class="lk-stack">
      <h2 class="utrecht-heading-2" id="open-prompts-heading">{t('prompts.home.title')}</h2>
      <InboxList ctx={ctx} items={items} />
      <p class="utrecht-paragraph"><a class="utrecht-link" href={inboxPath}>{t('prompts.home.all')}</a></p>
    </section>
  );
}
