import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAppI18n } from '../app/messages.ts';
import type { Locale } from '../platform/i18n/i18n.ts';
import { existingAccountEmail, invitationEmail, passwordChangedEmail, passwordResetEmail, verifyEmailEmail, type RenderedEmail } from './accounts.emails.tsx';

const i18n = createAppI18n();
const link = 'https://leerkring.example/pad/abc_DEF-123';

function allEmails(locale: Locale): RenderedEmail[] {
  const t = i18n.translator(locale);
  const recipient = { t, locale, name: 'Fatima <b>de Vries</b>' };
  return [
    invitationEmail({ t, locale, link, organisationName: 'Gemeente & Co', inviterName: '<script>alert(1)</script>', role: 'manager', expiresAt: new Date('2026-03-01T12:00:00Z') }),
    verifyEmailEmail({ ...recipient, link }),
    existingAccountEmail({ ...recipient, logInLink: link, resetLink: `${link}/reset` }),
    passwordResetEmail({ ...recipient, link }),
    passwordChangedEmail({ ...recipient, changedAt: new Date('2026-03-01T12:00:00Z'), resetLink: link }),
  ];
}

describe('accounts e-mails', () => {
  for (const locale of ['nl', 'en'] as const) {
    it(`render subject, text and HTML in ${locale}, with the link in both parts`, () => {
      for (const mail of allEmails(locale)) {
        assert.ok(mail.subject.length > 5);
        assert.match(mail.html, new RegExp(`^<!doctype html><html lang="${locale}">`));
        assert.match(mail.text, /Leerkring/);
        assert.ok(mail.text.includes(link), `text of "${mail.subject}" carries the link`);
        assert.ok(mail.html.includes(link), `HTML of "${mail.subject}" carries the link`);
        assert.doesNotMatch(`${mail.subject}${mail.text}${mail.html}`, /accounts\.[a-z_.]+|\{[a-z]+\}/, 'no missing keys or placeholders');
      }
    });
  }

  it('escapes names in HTML and dates follow the language', () => {
    const [invitation] = allEmails('nl');
    assert.ok(invitation);
    assert.doesNotMatch(invitation.html, /<script>/);
    assert.match(invitation.html, /&lt;script>alert/);
    assert.match(invitation.html, /Gemeente &amp; Co/);
    assert.match(invitation.text, /1 mrt 2026/);
    assert.match(allEmails('en')[0]?.text ?? '', /1 Mar 2026/);
    assert.match(invitation.text, /Manager/);
  });
});
