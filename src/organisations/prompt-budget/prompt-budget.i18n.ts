import type { FeatureMessages } from '../../platform/i18n/i18n.ts';

const nl = {
  'organisations.prompt_budget.link': 'Prikkels per week',
  'organisations.prompt_budget.title': 'Prikkels per week',
  'organisations.prompt_budget.intro': 'Hoeveel prikkels een medewerker van {organisation} hoogstens krijgt per week, uit alle gemeenschappen samen. Wat erboven komt, schuift door naar de week erna.',
  'organisations.prompt_budget.field': 'Hoogstens per week (0 tot 14)',
  'organisations.prompt_budget.submit': 'Opslaan',
  'organisations.prompt_budget.notice.saved': 'Het aantal prikkels per week is opgeslagen.',
};

export const promptBudgetMessages: FeatureMessages<typeof nl> = {
  nl,
  en: {
    'organisations.prompt_budget.link': 'Prompts per week',
    'organisations.prompt_budget.title': 'Prompts per week',
    'organisations.prompt_budget.intro': 'The most prompts an employee of {organisation} gets per week, from all communities together. Anything over it moves to the next week.',
    'organisations.prompt_budget.field': 'At most per week (0 to 14)',
    'organisations.prompt_budget.submit': 'Save',
    'organisations.prompt_budget.notice.saved': 'The number of prompts per week is saved.',
  },
};
