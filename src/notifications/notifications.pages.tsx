import type { Page } from '../platform/paging.ts';
import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { ActionForm, Button, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, Pagination, SelectField, type FormState } from '../ui/components.tsx';
import { ALLOWED, CATEGORIES, type Category } from './notifications.models.ts';
import { centrePath, openPath, preferencesPath, readAllPath } from './notifications.paths.ts';
import { overrideField } from './notifications.schemas.ts';
import { actorsText, groupText } from './notifications.texts.ts';
import type { NotificationGroup, Preferences } from './notifications.usecases.ts';
import { COMMUNITY_SETTINGS } from './preferences.models.ts';

/**
 * The notification centre. Each line is a small form: opening it marks its whole group read and
 * goes to what it is about (a POST, so following a link or a prefetch never marks anything).
 */
export function CentrePage({ ctx, page }: { ctx: PageContext; page: Page<NotificationGroup> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('notifications.title')}>
      <h1 class="utrecht-heading-1">{t('notifications.title')}</h1>
      <p class="utrecht-paragraph">{t('notifications.intro')}</p>
      <div class="lk-actions">
        {page.items.some((g) => g.unread > 0) && <ActionForm ctx={ctx} action={readAllPath} label={t('notifications.read_all')} />}
        <a class="utrecht-link" href={preferencesPath}>{t('notifications.settings_link')}</a>
      </div>
      {page.items.length === 0 ? (
        <EmptyState>
          <p class="utrecht-paragraph">{t('notifications.empty')}</p>
        </EmptyState>
      ) : (
        <ul class="lk-card-list" aria-label={t('notifications.list_label')}>
          {page.items.map((group) => <GroupItem ctx={ctx} group={group} key={group.latestId} />)}
        </ul>
      )}
      <Pagination ctx={ctx} page={page.page} hasNext={page.hasNext} baseUrl={centrePath} />
    </Layout>
  );
}

function GroupItem({ ctx, group }: { ctx: PageContext; group: NotificationGroup }) {
  const { t } = ctx;
  const isUnread = group.unread > 0;
  const text = groupText(t, group);
  const actors = actorsText(t, ctx.locale, group);
  return (
    <li class="lk-card">
      <form method="post" action={openPath(group.latestId)} class="lk-inline-form">
        <CsrfField ctx={ctx} />
        {isUnread && <span class="lk-badge lk-badge--warning">{t('notifications.unread')}</span>}
        <button type="submit" class="lk-link-button">{isUnread ? <strong>{text}</strong> : text}</button>
      </form>
      <p class="lk-meta">
        <time dateTime={group.latestAt.toISOString()}>{formatDateTime(group.latestAt, ctx.locale)}</time>
        {actors && ` · ${actors}`}
      </p>
    </li>
  );
}

const formName = (category: Category) => (category === 'own_mail' ? 'ownMail' : category);

export const preferencesFormValues = (p: Preferences): Record<string, unknown> => ({
  ...Object.fromEntries(CATEGORIES.map((c) => [formName(c), p.channels[c]])),
  digestFrequency: p.digestFrequency,
  ...Object.fromEntries(p.communities.map((c) => [overrideField(c.id), c.setting])),
});

export function PreferencesPage({ ctx, preferences, form }: { ctx: PageContext; preferences: Preferences; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('notifications.preferences.title')}>
      <h1 class="utrecht-heading-1">{t('notifications.preferences.title')}</h1>
      <p class="utrecht-paragraph">{t('notifications.preferences.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={preferencesPath} class="lk-form lk-stack" noValidate>
        <CsrfField ctx={ctx} />
        <h2 class="utrecht-heading-2">{t('notifications.preferences.categories')}</h2>
        {CATEGORIES.map((category) => (
          <SelectField
            ctx={ctx}
            form={form}
            name={formName(category)}
            key={category}
            label={t(`notifications.preferences.category.${category}`)}
            description={t(`notifications.preferences.category.${category}.description`)}
            options={ALLOWED[category].map((channel) => ({ value: channel, label: t(`notifications.preferences.channel.${channel}`) }))}
          />
        ))}
        <ChoiceGroup
          ctx={ctx}
          form={form}
          type="radio"
          name="digestFrequency"
          label={t('notifications.preferences.digest')}
          options={(['daily', 'weekly', 'off'] as const).map((value) => ({ value, label: t(`notifications.preferences.digest.${value}`) }))}
        />
        <h2 class="utrecht-heading-2" id="field-communities">{t('notifications.preferences.communities')}</h2>
        <p class="utrecht-paragraph">{preferences.communities.length > 0 ? t('notifications.preferences.communities.intro') : t('notifications.preferences.communities.none')}</p>
        {preferences.communities.map((community) => (
          <SelectField
            ctx={ctx}
            form={form}
            name={overrideField(community.id)}
            key={community.id}
            label={community.name}
            options={COMMUNITY_SETTINGS.map((setting) => ({ value: setting, label: t(`notifications.preferences.setting.${setting}`) }))}
          />
        ))}
        <div class="lk-actions">
          <Button>{t('notifications.preferences.save')}</Button>
        </div>
      </form>
    </Layout>
  );
}
