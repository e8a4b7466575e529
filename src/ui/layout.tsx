import type { ComponentChildren } from 'preact';
import type { PageContext } from './context.ts';
import { CsrfField } from './components.tsx';

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}

/** The page shell: landmarks, skip link, navigation, language switch. Works without JavaScript. */
export function Layout({ ctx, title, children }: LayoutProps) {
  const { t, actor } = ctx;
  const otherLocale = ctx.locale === 'nl' ? 'en' : 'nl';
  return (
    <html lang={ctx.locale} class="utrecht-root">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Leerkring`}</title>
        <link rel="stylesheet" href={ctx.assets.css} />
        {ctx.themeHref && <link rel="stylesheet" href={ctx.themeHref} />}
        <script type="module" src={ctx.assets.js} />
      </head>
      <body class="voorbeeld-theme utrecht-body utrecht-document">
        <a class="lk-skip-link utrecht-link" href="#main">{t('layout.skip_to_content')}</a>
        <header class="lk-header">
          <div class="lk-container lk-header__bar">
            <a class="lk-logo" href="/">
              <span class="lk-logo__mark" aria-hidden="true" />
              Leerkring
            </a>
            {actor && (
              <nav aria-label={t('layout.main_navigation')} class="lk-nav-wrap">
                <ul class="lk-nav">
                  <NavLink ctx={ctx} href="/" label={t('layout.nav.home')} />
                  <NavLink ctx={ctx} href="/gemeenschappen" label={t('layout.nav.communities')} />
                  <NavLink ctx={ctx} href="/vragen" label={t('questions.nav')} />
                  <NavLink ctx={ctx} href="/prikkels" label={t('prompts.nav')} />
                  <NavLink ctx={ctx} href="/zoeken" label={t('search.nav')} />
                  <NotificationsLink ctx={ctx} />
                  {(actor.role === 'manager' || actor.role === 'admin') && <NavLink ctx={ctx} href="/signalen" label={t('signals.nav')} />}
                  {actor.role === 'admin' && <NavLink ctx={ctx} href="/beheer/organisatie" label={t('layout.nav.admin')} />}
                  {actor.isPlatformAdmin && <NavLink ctx={ctx} href="/beheer/organisaties" label={t('layout.nav.platform')} />}
                </ul>
              </nav>
            )}
            <div class="lk-header__tools">
              <form method="post" action="/taal" class="lk-inline-form">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="locale" value={otherLocale} />
                <input type="hidden" name="next" value={ctx.currentUrl} />
                <button type="submit" class="lk-link-button" lang={otherLocale}>
                  {t('layout.switch_language')}
                </button>
              </form>
              {actor ? (
                <>
                  <a class="utrecht-link" href="/profiel">{actor.name}</a>
                  <form method="post" action="/uitloggen" class="lk-inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="lk-link-button">{t('layout.log_out')}</button>
                  </form>
                </>
              ) : (
                <a class="utrecht-link" href="/inloggen">{t('layout.log_in')}</a>
              )}
            </div>
          </div>
        </header>
        <main id="main" class="lk-main" tabIndex={-1}>
          <div class="lk-container lk-stack">
            {ctx.notice && (
              <div class="utrecht-alert utrecht-alert--ok" role="status">
                <p class="utrecht-paragraph">{ctx.notice}</p>
              </div>
            )}
            {children}
          </div>
        </main>
        <footer class="lk-footer">
          <div class="lk-container">
            <p class="utrecht-paragraph">{t('layout.footer')}</p>
            {actor && <p class="utrecht-paragraph"><a class="utrecht-link" href="/over/signalen">{t('signals.explained.footer_link')}</a></p>}
            {ctx.isDevelopment && ctx.actor?.isPlatformAdmin && <a class="utrecht-link" href="/dev/mail">{t('layout.dev_mail')}</a>}
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * "Meldingen" with the unread count, rendered on the server (right without JavaScript); the
 * notification-count island keeps it current through /meldingen/live and says changes aloud.
 */
function NotificationsLink({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const count = ctx.unreadNotifications;
  const isCurrent = (ctx.currentUrl.split('?')[0] ?? '') === '/meldingen';
  // The island picks the label by plural rule; `{count}` stays in the "other" form as a placeholder.
  const labels = { 'data-label-zero': t('notifications.nav_unread', { count: 0 }), 'data-label-one': t('notifications.nav_unread', { count: 1 }), 'data-label-other': t('notifications.nav_unread', { count: '{count}' }) };
  return (
    <li>
      <a
        class="utrecht-link"
        href="/meldingen"
        aria-current={isCurrent ? 'page' : undefined}
        aria-label={count === null || count === undefined ? undefined : t('notifications.nav_unread', { count })}
        data-notification-count={count === null || count === undefined ? '' : String(count)}
        {...labels}
      >
        {t('notifications.nav')}
        {count ? <> <span class="lk-badge" aria-hidden="true" data-notification-badge="">{count > 99 ? '99+' : String(count)}</span></> : null}
      </a>
      <span class="lk-visually-hidden" aria-live="polite" data-notification-announce="" />
    </li>
  );
}

function NavLink({ ctx, href, label }: { ctx: PageContext; href: string; label: string }) {
  const path = ctx.currentUrl.split('?')[0] ?? '';
  const isCurrent = href === '/' ? path === '/' : path.startsWith(href);
  return (
    <li>
      <a class="utrecht-link" href={href} aria-current={isCurrent ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
}
