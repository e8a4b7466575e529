import { createI18n, type I18n } from '../platform/i18n/i18n.ts';
import { uiMessages } from '../ui/ui.i18n.ts';
import { errorMessages } from '../ui/errors.i18n.ts';
import { accountsMessages } from '../accounts/accounts.i18n.ts';
import { organisationsMessages } from '../organisations/organisations.i18n.ts';
import { communitiesMessages } from '../communities/communities.i18n.ts';
import { frameworksMessages } from '../frameworks/frameworks.i18n.ts';
import { frameworkResponsesMessages } from '../frameworks/responses/responses.i18n.ts';
import { homeMessages } from '../home/home.i18n.ts';
import { questionsMessages } from '../questions/questions.i18n.ts';
import { practicesMessages } from '../practices/practices.i18n.ts';
import { promptsMessages } from '../prompts/prompts.i18n.ts';
import { promptBudgetMessages } from '../organisations/prompt-budget/prompt-budget.i18n.ts';
import { visitsMessages } from '../practices/visits/visits.i18n.ts';
import { searchMessages } from '../search/search.i18n.ts';
import { filesMessages } from '../platform/files/files.i18n.ts';
import { notificationsMessages } from '../notifications/notifications.i18n.ts';
import { mailMessages } from '../notifications/mail/mail.i18n.ts';
import { signalsMessages } from '../signals/signals.i18n.ts';

/** Every feature's messages, listed. */
export const createAppI18n = (): I18n =>
  createI18n([uiMessages, errorMessages, accountsMessages, organisationsMessages, communitiesMessages, frameworksMessages, frameworkResponsesMessages, homeMessages, questionsMessages, practicesMessages, promptsMessages, promptBudgetMessages, visitsMessages, searchMessages, filesMessages, mailMessages, notificationsMessages, signalsMessages]);
