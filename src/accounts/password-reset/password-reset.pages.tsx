import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import { Button, CsrfField, ErrorSummary, TextField, type FormState } from '../../ui/components.tsx';
import { NewPasswordFields } from '../accounts.pages.tsx';

export function ForgotPasswordPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.forgot.title')}>
      <h1 class="utrecht-heading-1">{t('accounts.forgot.title')}</h1>
      <p class="utrecht-paragraph">{t('accounts.forgot.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action="/wachtwoord-vergeten" class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('accounts.field.email')} autocomplete="username" required />
        <div class="lk-actions">
          <Button>{t('accounts.forgot.submit')}</Button>
        </div>
      </form>
    </Layout>
  );
}

export function ResetPasswordPage({ ctx, form, email, action }: { ctx: PageContext; form: FormState; email: string; action: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.reset.title')}>
      <h1 class="utrecht-heading-1">{t('accounts.reset.title')}</h1>
      <p class="utrecht-paragraph">{t('accounts.reset.intro', { email })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={action} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="username" value={email} autoComplete="username" />
        <NewPasswordFields ctx={ctx} form={form} />
        <div class="lk-actions">
          <Button>{t('accounts.reset.submit')}</Button>
        </div>
      </form>
    </Layout>
  );
}
