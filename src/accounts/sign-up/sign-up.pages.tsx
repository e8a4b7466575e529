import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import { Button, CsrfField, ErrorSummary, TextField, type FormState } from '../../ui/components.tsx';
import { NewPasswordFields } from '../accounts.pages.tsx';

export function SignUpPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.sign_up.title')}>
      <h1 class="utrecht-heading-1">{t('accounts.sign_up.title')}</h1>
      <p class="utrecht-paragraph">{t('accounts.sign_up.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action="/aanmelden" class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('accounts.field.email')} autocomplete="username" required />
        <TextField ctx={ctx} form={form} name="name" label={t('accounts.field.name')} description={t('accounts.field.name_description')} autocomplete="name" maxLength={120} required />
        <NewPasswordFields ctx={ctx} form={form} withConfirmation={false} />
        <div class="lk-actions">
          <Button>{t('accounts.sign_up.submit')}</Button>
        </div>
      </form>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="/inloggen">{t('accounts.sign_up.have_account')}</a></p>
    </Layout>
  );
}

export function VerifyEmailPage({ ctx, form, email, action }: { ctx: PageContext; form: FormState; email: string; action: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.verify.title')}>
      <h1 class="utrecht-heading-1">{t('accounts.verify.title')}</h1>
      <p class="utrecht-paragraph">{t('accounts.verify.intro', { email })}</p>
      <p class="utrecht-paragraph">{t('accounts.verify.why')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={action} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="username" value={email} autoComplete="username" />
        <TextField ctx={ctx} form={form} name="password" type="password" label={t('accounts.field.password')} autocomplete="current-password" required />
        <div class="lk-actions">
          <Button>{t('accounts.verify.submit')}</Button>
        </div>
      </form>
    </Layout>
  );
}
