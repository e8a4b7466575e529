import type { FeatureMessages } from '../platform/i18n/i18n.ts';

const nl = {
  'organisations.title': 'organisations',
};

export const organisationsMessages: FeatureMessages<typeof nl> = {
  nl,
  en: {
    'organisations.title': 'organisations',
  },
};
