import type { FeatureMessages } from '../platform/i18n/i18n.ts';

const nl = {
  'accounts.log_in.title': 'Inloggen',
  'accounts.log_in.intro': 'Log in met het e-mailadres van je werk.',
  'accounts.log_in.submit': 'Inloggen',
  'accounts.log_in.forgot': 'Wachtwoord vergeten?',
  'accounts.log_in.sign_up': 'Nog geen account? Meld je aan met je werkadres.',
  'accounts.field.email': 'E-mailadres',
  'accounts.field.password': 'Wachtwoord',
  'accounts.invalid_credentials': 'Deze combinatie van e-mailadres en wachtwoord kennen we niet.',
  'accounts.not_found': 'Dit account bestaat niet.',
  'accounts.email_taken': 'Er is al een account met dit e-mailadres.',
  'accounts.link_invalid': 'Deze link is verlopen of al gebruikt. Vraag een nieuwe aan.',
  'accounts.notice.logged_out': 'Je bent uitgelogd.',
  'accounts.notice.logged_in': 'Welkom terug.',
  'auth.token_read_only': 'Dit token mag alleen lezen.',
};

export const accountsMessages: FeatureMessages<typeof nl> = {
  nl,
  en: {
    'accounts.log_in.title': 'Log in',
    'accounts.log_in.intro': 'Log in with your work e-mail address.',
    'accounts.log_in.submit': 'Log in',
    'accounts.log_in.forgot': 'Forgot your password?',
    'accounts.log_in.sign_up': 'No account yet? Sign up with your work address.',
    'accounts.field.email': 'E-mail address',
    'accounts.field.password': 'Password',
    'accounts.invalid_credentials': 'We do not recognise this combination of e-mail address and password.',
    'accounts.not_found': 'This account does not exist.',
    'accounts.email_taken': 'There is already an account with this e-mail address.',
    'accounts.link_invalid': 'This link has expired or has been used. Request a new one.',
    'accounts.notice.logged_out': 'You have logged out.',
    'accounts.notice.logged_in': 'Welcome back.',
    'auth.token_read_only': 'This token may only read.',
  },
};
