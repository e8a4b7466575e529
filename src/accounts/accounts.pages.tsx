import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { Button, CsrfField, ErrorSummary, TextField, type FormState } from '../ui/components.tsx';

export function LogInPage({ ctx, form, next }: { ctx: PageContext; form: FormState; next: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.log_in.title')}>
      <h1 class="utrecht-heading-1">{t('accounts.log_in.title')}</h1>
      <p class="utrecht-paragraph">{t('accounts.log_in.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action="/inloggen" class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={next} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('accounts.field.email')} autocomplete="username" required />
        <TextField ctx={ctx} form={form} name="password" type="password" label={t('accounts.field.password')} autocomplete="current-password" required />
        <div class="lk-actions">
          <Button>{t('accounts.log_in.submit')}</Button>
        </div>
      </form>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="/wachtwoord-vergeten">{t('accounts.log_in.forgot')}</a></p>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="/aanmelden">{t('accounts.log_in.sign_up')}</a></p>
    </Layout>
  );
}

/** Shown with status 410 for an expired, used or revoked link: says what to do next. */
export function LinkInvalidPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.link_invalid.title')}>
      <h1 class="utrecht-heading-1">{t('accounts.link_invalid.title')}</h1>
      <p class="utrecht-paragraph">{t('accounts.link_invalid.body')}</p>
      <p class="utrecht-paragraph">{t('accounts.link_invalid.invitation')}</p>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/wachtwoord-vergeten">{t('accounts.link_invalid.reset')}</a></li>
        <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/inloggen">{t('accounts.link_invalid.log_in')}</a></li>
      </ul>
    </Layout>
  );
}

/** The same page whether or not an account exists, so the page does not reveal who has one. */
export function CheckMailPage({ ctx, kind }: { ctx: PageContext; kind: 'sign_up' | 'password_reset' }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.check_mail.title')}>
      <h1 class="utrecht-heading-1">{t('accounts.check_mail.title')}</h1>
      <p class="utrecht-paragraph">{t(`accounts.check_mail.${kind}`)}</p>
      <p class="utrecht-paragraph">{t('accounts.check_mail.no_mail')}</p>
    </Layout>
  );
}

/** A new password with its rule as description, and (optionally) the same password again. */
export function NewPasswordFields({ ctx, form, withConfirmation = true }: { ctx: PageContext; form: FormState; withConfirmation?: boolean }) {
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} form={form} name="password" type="password" label={t(withConfirmation ? 'accounts.field.new_password' : 'accounts.field.password')} description={t('accounts.password.rule')} autocomplete="new-password" required />
      {withConfirmation && <TextField ctx={ctx} form={form} name="passwordConfirmation" type="password" label={t('accounts.field.password_again')} autocomplete="new-password" required />}
    </>
  );
}

export const localeOptions = (ctx: PageContext) => [
  { value: 'nl', label: ctx.t('accounts.language.nl') },
  { value: 'en', label: ctx.t('accounts.language.en') },
];
