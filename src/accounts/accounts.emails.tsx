import { renderToString } from 'preact-render-to-string';
import type { OrgRole } from '../platform/db/schema.ts';
import { formatDateTime, type Locale, type Translate } from '../platform/i18n/i18n.ts';

/**
 * The accounts e-mails: pure functions from props to `{ subject, text, html }`, in the recipient's
 * language (the caller passes that locale's translator). Text and HTML come from the same content,
 * so the two parts always say the same.
 */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface EmailContent {
  locale: Locale;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  after: string[];
}

interface Recipient {
  t: Translate;
  locale: Locale;
}

export function invitationEmail({ t, locale, ...props }: Recipient & { link: string; organisationName: string; inviterName: string; role: OrgRole; expiresAt: Date }): RenderedEmail {
  return compose(t, {
    locale,
    subject: t('accounts.email.invitation.subject', { organisation: props.organisationName }),
    greeting: t('accounts.email.greeting_anonymous'),
    paragraphs: [t('accounts.email.invitation.body', { inviter: props.inviterName, organisation: props.organisationName, role: t(`accounts.role.${props.role}`) })],
    action: { label: t('accounts.email.invitation.action'), url: props.link },
    after: [t('accounts.email.invitation.expiry', { expires: formatDateTime(props.expiresAt, locale) }), t('accounts.email.invitation.ignore')],
  });
}

export function verifyEmailEmail({ t, locale, name, link }: Recipient & { name: string; link: string }): RenderedEmail {
  return compose(t, {
    locale,
    subject: t('accounts.email.verify.subject'),
    greeting: t('accounts.email.greeting', { name }),
    paragraphs: [t('accounts.email.verify.body')],
    action: { label: t('accounts.email.verify.action'), url: link },
    after: [t('accounts.email.verify.expiry'), t('accounts.email.verify.ignore')],
  });
}

/** Sent instead of a verification mail when someone signs up with an address that has an account. */
export function existingAccountEmail({ t, locale, name, logInLink, resetLink }: Recipient & { name: string; logInLink: string; resetLink: string }): RenderedEmail {
  return compose(t, {
    locale,
    subject: t('accounts.email.existing.subject'),
    greeting: t('accounts.email.greeting', { name }),
    paragraphs: [t('accounts.email.existing.body')],
    action: { label: t('accounts.email.existing.action'), url: logInLink },
    after: [t('accounts.email.existing.forgot', { link: resetLink }), t('accounts.email.existing.ignore')],
  });
}

export function passwordResetEmail({ t, locale, name, link }: Recipient & { name: string; link: string }): RenderedEmail {
  return compose(t, {
    locale,
    subject: t('accounts.email.reset.subject'),
    greeting: t('accounts.email.greeting', { name }),
    paragraphs: [t('accounts.email.reset.body')],
    action: { label: t('accounts.email.reset.action'), url: link },
    after: [t('accounts.email.reset.expiry'), t('accounts.email.reset.ignore')],
  });
}

/** Users are told when their password changes (ASVS 5.0 V6.3.7), so a takeover does not go unnoticed. */
export function passwordChangedEmail({ t, locale, name, changedAt, resetLink }: Recipient & { name: string; changedAt: Date; resetLink: string }): RenderedEmail {
  return compose(t, {
    locale,
    subject: t('accounts.email.password_changed.subject'),
    greeting: t('accounts.email.greeting', { name }),
    paragraphs: [t('accounts.email.password_changed.body', { when: formatDateTime(changedAt, locale) })],
    after: [t('accounts.email.password_changed.warning', { link: resetLink })],
  });
}

function compose(t: Translate, content: EmailContent): RenderedEmail {
  const footer = t('accounts.email.footer');
  const action = content.action ? [`${content.action.label}:\n${content.action.url}`] : [];
  const text = [content.greeting, ...content.paragraphs, ...action, ...content.after, `-- \n${footer}`].join('\n\n');
  const html = `<!doctype html>${renderToString(<EmailHtml content={content} footer={footer} linkFallback={t('accounts.email.link_fallback')} />)}`;
  return { subject: content.subject, text: `${text}\n`, html };
}

// Mail clients ignore stylesheets, so the few styles sit inline; contrast meets WCAG AA.
const styles = {
  body: 'margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5',
  main: 'max-width:560px;margin:0 auto',
  button: 'display:inline-block;padding:12px 20px;background:#1a5b8f;color:#ffffff;text-decoration:underline;border-radius:4px;font-weight:bold',
  small: 'font-size:14px;color:#4a4a4a',
};

function EmailHtml({ content, footer, linkFallback }: { content: EmailContent; footer: string; linkFallback: string }) {
  return (
    <html lang={content.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{content.subject}</title>
      </head>
      <body style={styles.body}>
        <div style={styles.main} role="article" aria-label={content.subject}>
          <p>{content.greeting}</p>
          {content.paragraphs.map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
          {content.action && (
            <>
              <p><a href={content.action.url} style={styles.button}>{content.action.label}</a></p>
              <p style={styles.small}>{linkFallback}<br /><a href={content.action.url}>{content.action.url}</a></p>
            </>
          )}
          {content.after.map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
          <hr />
          <p style={styles.small}>{footer}</p>
        </div>
      </body>
    </html>
  );
}
