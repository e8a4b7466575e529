import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import { Button } from '../../ui/components.tsx';
import type { MailCategory } from './mail.models.ts';

/** What the link turns off, and a button: opening a link never changes anything by itself (link scanners open them). */
export function UnsubscribePage({ ctx, category, action }: { ctx: PageContext; category: MailCategory; action: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mail.unsubscribe.title')}>
      <h1 class="utrecht-heading-1">{t('mail.unsubscribe.title')}</h1>
      <p class="utrecht-paragraph">{t('mail.unsubscribe.question', { what: t(`mail.category.${category}`) })}</p>
      <p class="utrecht-paragraph">{t('mail.unsubscribe.still_in_app')}</p>
      {/* No CSRF field: the signed token in the URL is the authorisation (RFC 8058 one-click). */}
      <form method="post" action={action}>
        <Button>{t('mail.unsubscribe.submit')}</Button>
      </form>
    </Layout>
  );
}

export function UnsubscribedPage({ ctx, category }: { ctx: PageContext; category: MailCategory }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mail.unsubscribe.done_title')}>
      <h1 class="utrecht-heading-1">{t('mail.unsubscribe.done_title')}</h1>
      <p class="utrecht-paragraph">{t('mail.unsubscribe.done', { what: t(`mail.category.${category}`) })}</p>
      <p class="utrecht-paragraph">{t('mail.unsubscribe.still_in_app')}</p>
    </Layout>
  );
}
