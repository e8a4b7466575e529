import type { FeatureMessages } from '../platform/i18n/i18n.ts';

const nl = {
  'communities.title': 'communities',
};

export const communitiesMessages: FeatureMessages<typeof nl> = {
  nl,
  en: {
    'communities.title': 'communities',
  },
};
