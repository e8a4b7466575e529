import type { FeatureMessages } from '../platform/i18n/i18n.ts';

const nl = {
  'home.title': 'Start',
  'home.welcome': 'Welkom, {name}',
  'home.anonymous.title': 'Leerkring: samen leren in het werk',
  'home.anonymous.intro': 'In leergemeenschappen zoeken professionals van gemeenten en hun ketenpartners samen naar antwoorden op de wat- en hoe-vragen van hun werk: binnen de kaders die het management stelt. Je stelt vragen, deelt wat werkt en kijkt af bij collega’s.',
  'home.anonymous.log_in': 'Log in om mee te doen',
  'home.dev_mail.title': 'Verstuurde e-mail',
  'home.dev_mail.intro': 'Alleen in ontwikkelmodus: e-mail die niet via SMTP ging maar in de datamap is opgeslagen.',
  'home.dev_mail.empty': 'Er is nog geen e-mail verstuurd.',
};

export const homeMessages: FeatureMessages<typeof nl> = {
  nl,
  en: {
    'home.title': 'Home',
    'home.welcome': 'Welcome, {name}',
    'home.anonymous.title': 'Leerkring: learning together at work',
    'home.anonymous.intro': 'In learning communities, professionals of municipalities and their partner organisations search together for the what- and how-answers of their work, within the frameworks management sets. You ask questions, share what works and learn from colleagues.',
    'home.anonymous.log_in': 'Log in to take part',
    'home.dev_mail.title': 'Sent e-mail',
    'home.dev_mail.intro': 'Development mode only: e-mail that was not sent over SMTP but stored in the data folder.',
    'home.dev_mail.empty': 'No e-mail has been sent yet.',
  },
};
