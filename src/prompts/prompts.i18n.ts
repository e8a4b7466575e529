import type { FeatureMessages } from '../platform/i18n/i18n.ts';

const nl = {
  'prompts.nav': 'Prikkels',
  'prompts.kind.reflection': 'Reflectievraag',
  'prompts.kind.try_this_week': 'Probeer deze week',
  'prompts.kind.poll': 'Mini-peiling',
  'prompts.kind.observation': 'Kijkopdracht',
  'prompts.visibility.facilitators.notice': 'Je antwoord zien alleen de facilitatoren van de gemeenschap.',
  'prompts.visibility.community.notice': 'Je antwoord ziet de hele gemeenschap, met je naam.',
  'prompts.visibility.anonymous.notice': 'Je antwoord is anoniem: de afzender ziet alleen de optelsom, nooit wie wat antwoordde.',
  'prompts.email.subject': '{kind} uit {community}',
  'prompts.email.reminder_subject': 'Herinnering: {kind} uit {community}',
  'prompts.email.greeting': 'Beste {name},',
  'prompts.email.intro': 'Een {kind} uit {community}:',
  'prompts.email.reminder_intro': 'Je hebt nog niet gereageerd op deze {kind} uit {community}. Geen tijd of zin? Dat is prima: meedoen is vrijwillig.',
  'prompts.email.closes': 'Reageren kan tot {date}.',
  'prompts.email.action': 'Reageren',
  'prompts.email.voluntary': 'Meedoen is vrijwillig. Je leidinggevende ziet niet of je reageert.',
  'prompts.email.settings': 'Minder of geen prikkels? Pauzeer ze of zet ze per gemeenschap uit: {url}',
};

export const promptsMessages: FeatureMessages<typeof nl> = {
  nl,
  en: {
    'prompts.nav': 'Prompts',
    'prompts.kind.reflection': 'Reflection question',
    'prompts.kind.try_this_week': 'Try this week',
    'prompts.kind.poll': 'Mini-poll',
    'prompts.kind.observation': 'Observation assignment',
    'prompts.visibility.facilitators.notice': 'Only the community’s facilitators see your answer.',
    'prompts.visibility.community.notice': 'The whole community sees your answer, with your name.',
    'prompts.visibility.anonymous.notice': 'Your answer is anonymous: the sender sees only the totals, never who answered what.',
    'prompts.email.subject': '{kind} from {community}',
    'prompts.email.reminder_subject': 'Reminder: {kind} from {community}',
    'prompts.email.greeting': 'Dear {name},',
    'prompts.email.intro': 'A {kind} from {community}:',
    'prompts.email.reminder_intro': 'You have not responded to this {kind} from {community} yet. No time or no wish to? That is fine: taking part is voluntary.',
    'prompts.email.closes': 'You can respond until {date}.',
    'prompts.email.action': 'Respond',
    'prompts.email.voluntary': 'Taking part is voluntary. Your manager does not see whether you respond.',
    'prompts.email.settings': 'Fewer or no prompts? Pause them or turn them off per community: {url}',
  },
};
