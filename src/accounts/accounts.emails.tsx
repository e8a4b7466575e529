import { composeEmail, type RenderedEmail } from '../ui/email.tsx';
import type { OrgRole } from '../platform/db/schema.ts';
import { formatDateTime, type Locale, type Translate } from '../platform/i18n/i18n.ts';

/**
 * The accounts e-mails: pure functions from props to `{ subject, text, html }`, in the recipient's
 * language (the caller passes that locale's translator). Text and HTML come from the same content,
 * so the two parts always say the same.
 */
export type { RenderedEmail };

interface Recipient {
  t: Translate;
  locale: Locale;
}

export function invitationEmail({ t, locale, ...props }: Recipient & { link: string; organisationName: string; inviterName: string; role: OrgRole; expiresAt: Date }): RenderedEmail {
  return composeEmail(t, {
    locale,
    subject: t('accounts.email.invitation.subject', { organisation: props.organisationName }),
    greeting: t('accounts.email.greeting_anonymous'),
    paragraphs: [t('accounts.email.invitation.body', { inviter: props.inviterName, organisation: props.organisationName, role: t(`accounts.role.${props.role}`) })],
    action: { label: t('accounts.email.invitation.action'), url: props.link },
    after: [t('accounts.email.invitation.expiry', { expires: formatDateTime(props.expiresAt, locale) }), t('accounts.email.invitation.ignore')],
  });
}

export function verifyEmailEmail({ t, locale, name, link }: Recipient & { name: string; link: string }): RenderedEmail {
  return composeEmail(t, {
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
  return composeEmail(t, {
    locale,
    subject: t('accounts.email.existing.subject'),
    greeting: t('accounts.email.greeting', { name }),
    paragraphs: [t('accounts.email.existing.body')],
    action: { label: t('accounts.email.existing.action'), url: logInLink },
    after: [t('accounts.email.existing.forgot', { link: resetLink }), t('accounts.email.existing.ignore')],
  });
}

export function passwordResetEmail({ t, locale, name, link }: Recipient & { name: string; link: string }): RenderedEmail {
  return composeEmail(t, {
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
  return composeEmail(t, {
    locale,
    subject: t('accounts.email.password_changed.subject'),
    greeting: t('accounts.email.greeting', { name }),
    paragraphs: [t('accounts.email.password_changed.body', { when: formatDateTime(changedAt, locale) })],
    after: [t('accounts.email.password_changed.warning', { link: resetLink })],
  });
}
