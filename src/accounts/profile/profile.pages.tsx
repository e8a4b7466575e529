import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import { Button, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../ui/components.tsx';
import { localeOptions, NewPasswordFields } from '../accounts.pages.tsx';
import type { ProfileView } from './profile.usecases.ts';

const SECTIONS = [
  { href: '/profiel', key: 'accounts.profile.nav.profile' },
  { href: '/profiel/wachtwoord', key: 'accounts.profile.nav.password' },
  { href: '/profiel/sessies', key: 'accounts.profile.nav.sessions' },
  { href: '/profiel/tokens', key: 'accounts.profile.nav.tokens' },
] as const;

/** The page shell shared by the profile, password, sessions and tokens pages. */
export function AccountLayout({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  const path = ctx.currentUrl.split('?')[0];
  return (
    <Layout ctx={ctx} title={title}>
      <nav aria-label={ctx.t('accounts.profile.nav')}>
        <ul class="lk-nav">
          {SECTIONS.map((section) => (
            <li key={section.href}>
              <a class="utrecht-link" href={section.href} aria-current={path === section.href ? 'page' : undefined}>{ctx.t(section.key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <h1 class="utrecht-heading-1">{title}</h1>
      {children}
    </Layout>
  );
}

export const profileFormValues = (profile: ProfileView) => ({
  name: profile.name,
  jobTitle: profile.jobTitle,
  bio: profile.bio,
  expertise: profile.expertise,
  locale: profile.locale,
});

export function ProfilePage({ ctx, form, profile }: { ctx: PageContext; form: FormState; profile: ProfileView }) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('accounts.profile.title')}>
      <p class="utrecht-paragraph">{t('accounts.profile.intro')}</p>
      <dl class="utrecht-data-list utrecht-data-list--rows">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t('accounts.profile.email')}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{profile.email}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t('accounts.profile.organisation')}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{profile.organisation.name}</dd>
        </div>
      </dl>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action="/profiel" class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={form} name="name" label={t('accounts.field.name')} description={t('accounts.field.name_description')} autocomplete="name" maxLength={120} required />
        <TextField ctx={ctx} form={form} name="jobTitle" label={t('accounts.field.job_title')} autocomplete="organization-title" maxLength={120} />
        <TextArea ctx={ctx} form={form} name="bio" label={t('accounts.field.bio')} description={t('accounts.field.bio_description')} maxLength={1000} />
        <TextField ctx={ctx} form={form} name="expertise" label={t('accounts.field.expertise')} description={t('accounts.field.expertise_description')} />
        <SelectField ctx={ctx} form={form} name="locale" label={t('accounts.field.language')} description={t('accounts.field.language_description')} options={localeOptions(ctx)} />
        <div class="lk-actions">
          <Button>{t('form.save')}</Button>
        </div>
      </form>
    </AccountLayout>
  );
}

export function ChangePasswordPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('accounts.password.title')}>
      <p class="utrecht-paragraph">{t('accounts.password.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action="/profiel/wachtwoord" class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="username" value={ctx.actor?.email ?? ''} autoComplete="username" />
        <TextField ctx={ctx} form={form} name="currentPassword" type="password" label={t('accounts.field.current_password')} autocomplete="current-password" required />
        <NewPasswordFields ctx={ctx} form={form} />
        <div class="lk-actions">
          <Button>{t('accounts.password.submit')}</Button>
        </div>
      </form>
    </AccountLayout>
  );
}
