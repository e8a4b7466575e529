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
