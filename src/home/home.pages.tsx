import type { ComponentChildren } from 'preact';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import type { StoredMail } from '../platform/mail/mailer.ts';
import { EmptyState } from '../ui/components.tsx';

export function AnonymousHomePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.anonymous.title')}>
      <h1 class="utrecht-heading-1">{t('home.anonymous.title')}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t('home.anonymous.intro')}</p>
      <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/inloggen">{t('home.anonymous.log_in')}</a></p>
    </Layout>
  );
}

/** The signed-in start page; `sections` are filled by the features that have something to show. */
export function HomePage({ ctx, children }: { ctx: PageContext; children?: ComponentChildren }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <h1 class="utrecht-heading-1">{t('home.welcome', { name: ctx.actor?.name ?? '' })}</h1>
      {children}
    </Layout>
  );
}

export function DevMailPage({ ctx, mails }: { ctx: PageContext; mails: StoredMail[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.dev_mail.title')}>
      <h1 class="utrecht-heading-1">{t('home.dev_mail.title')}</h1>
      <p class="utrecht-paragraph">{t('home.dev_mail.intro')}</p>
      {mails.length === 0 ? (
        <EmptyState>{t('home.dev_mail.empty')}</EmptyState>
      ) : (
        mails.map((mail) => (
          <article class="lk-card lk-mail" key={mail.file}>
            <h2 class="utrecht-heading-3">{mail.subject}</h2>
            <p class="lk-meta">{mail.to} · {mail.date}</p>
            <pre>{mail.text}</pre>
          </article>
        ))
      )}
    </Layout>
  );
}
