/**
 * The bad-input sweep's entries for prompts (src/prompts) and the organisation's prompts per week:
 * in the world's community the facilitator sent a mini-poll that reached the member, who answered
 * it (consenting to reuse). bad-input.test.ts checks that every route has an entry (these
 * included); bad-input.prompts.test.ts sweeps them.
 */
import type { Entry, Field, World } from './bad-input.support.ts';
import { promptFixtureState, seedDeliveredPrompt, type PromptFixture } from './prompts.fixture.ts';

const fixtures = new WeakMap<World, PromptFixture>();
const promptOf = (w: World) => {
  const fixture = fixtures.get(w);
  if (!fixture) throw new Error('the prompts entries need `prepare`');
  return fixture;
};
const prepare = async (w: World) => {
  if (!fixtures.has(w)) fixtures.set(w, await seedDeliveredPrompt(w.t.deps, { communityId: w.community.id, senderId: w.users.facilitator.id, recipientId: w.users.member.id, responseMode: 'choice' }));
};

const text = (name: string, extra: Partial<Field> = {}): Field => ({ name, kind: 'text', ...extra });
const req = { required: true };
const slugParams = (w: World) => ({ slug: w.community.slug });
const communityIdParams = (w: World) => ({ id: w.community.id });
const promptParams = (w: World) => ({ id: promptOf(w).promptId });
const occurrenceParams = (w: World) => ({ id: promptOf(w).occurrenceId });
const paging: NonNullable<Entry['query']> = [{ name: 'page', kind: 'page' }, { name: 'pageSize', kind: 'page' }];
const promptState = (w: World) => promptFixtureState(w.t.deps, promptOf(w).promptId);
const promptCount = async (w: World) => (await w.t.deps.db.selectFrom('prompts').select((eb) => eb.fn.countAll().as('n')).where('community_id', '=', w.community.id).executeTakeFirstOrThrow()).n;
const preferences = (w: World) => w.t.deps.db.selectFrom('users').select(['prompt_email', 'prompts_snoozed_until']).where('id', '=', w.users.member.id).executeTakeFirst();
const budget = (w: World) => w.t.deps.db.selectFrom('organisations').select('prompt_budget_per_week').where('id', '=', w.org.id).executeTakeFirst();

/**
 * Calendar days at the far end of the planning horizon (a year), so a weekly prompt has a moment
 * or two that no test's scheduler run on the shared database (injected clocks included) reaches.
 */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

// Numbers in JSON: any small number is a valid amount, so those fields only must not fail (lenient).
// The learning question is optional; the empty option (the form) and null (the API) mean none.
const composeFields = (isApi: boolean): Field[] => [
  { name: 'kind', kind: 'choice', required: true }, text('text', req), text('learningQuestionId', { lenient: true }), { name: 'responseMode', kind: 'choice', required: true },
  { name: 'visibility', kind: 'choice', required: true }, isApi ? { name: 'pollOptions', kind: 'list' } : text('pollOptions'),
  { name: 'organisationIds', kind: 'list' }, text('jobTitle'), text('expertiseTag'), text('joinedWithinDays', { lenient: isApi }), text('inactiveForDays', { lenient: isApi }),
  { name: 'scheduleKind', kind: 'choice', required: true }, text('date'), text('time'), { name: 'weekday', kind: 'choice' }, text('until'),
  text('windowAmount', { required: true, lenient: isApi }), { name: 'windowUnit', kind: 'choice', required: true }, text('reminderAfterHours', { lenient: isApi }),
];
const composeForm = () => ({
  kind: 'poll', text: 'Hoe vaak bel je terug?', learningQuestionId: '', responseMode: 'choice', visibility: 'community', pollOptions: 'Dezelfde dag\nZelden', jobTitle: 'coach', expertiseTag: 'wmo',
  joinedWithinDays: '30', inactiveForDays: '7', scheduleKind: 'weekly', date: daysAhead(357), time: '09:00', weekday: '2', until: daysAhead(365), windowAmount: '2', windowUnit: 'days', reminderAfterHours: '24',
});
const composeJson = (w: World) => ({
  kind: 'poll', text: 'Hoe vaak bel je terug?', learningQuestionId: null, responseMode: 'choice', visibility: 'community', pollOptions: ['Dezelfde dag', 'Zelden'], organisationIds: [w.org.id], jobTitle: 'coach', expertiseTag: 'wmo',
  joinedWithinDays: 30, inactiveForDays: 7, scheduleKind: 'weekly', date: daysAhead(357), time: '09:00', weekday: 2, until: daysAhead(365), windowAmount: 2, windowUnit: 'days', reminderAfterHours: 24,
});
// An answer to the mini-poll: the choice is required, the remark optional.
const answerFields: Field[] = [{ name: 'choice', kind: 'choice', required: true }, text('body'), { name: 'mayReuse', kind: 'bool' }];

export const PROMPT_ENTRIES: Entry[] = [
  { method: 'GET', route: '/gemeenschappen/:slug/prikkels', as: 'facilitator', kind: 'page', params: slugParams, prepare, query: [{ name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/gemeenschappen/:slug/prikkels/nieuw', as: 'facilitator', kind: 'page', params: slugParams, prepare },
  { method: 'POST', route: '/gemeenschappen/:slug/prikkels/nieuw', as: 'facilitator', kind: 'form', params: slugParams, prepare, fields: composeFields(false), valid: composeForm, spot: promptCount },
  { method: 'GET', route: '/prikkels/verzonden/:id', as: 'facilitator', kind: 'page', params: promptParams, prepare },
  { method: 'POST', route: '/prikkels/verzonden/:id/annuleren', as: 'facilitator', kind: 'action', params: promptParams, prepare, valid: () => ({ confirmed: 'yes' }), spot: promptState },
  // Anything but "question" makes a practice story: `as` is read leniently.
  { method: 'POST', route: '/prikkels/verzonden/:id/hergebruiken', as: 'facilitator', kind: 'action', params: promptParams, prepare, fields: [text('responseId', req), { name: 'as', kind: 'choice', lenient: true }], valid: (w) => ({ responseId: promptOf(w).responseId, as: 'question' }), spot: promptState },
  { method: 'GET', route: '/prikkels', as: 'member', kind: 'page', query: [{ name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/prikkels/:id', as: 'member', kind: 'page', params: occurrenceParams, prepare },
  { method: 'POST', route: '/prikkels/:id', as: 'member', kind: 'form', params: occurrenceParams, prepare, fields: answerFields, valid: () => ({ choice: '1', body: 'Meestal wel.', mayReuse: 'on' }), spot: promptState },
  // One form per setting, told apart by `action`; the fields of the other settings are not read.
  { method: 'POST', route: '/prikkels/instellingen', as: 'member', kind: 'form', prepare, fields: [{ name: 'action', kind: 'choice', required: true }, { name: 'period', kind: 'choice' }, text('until'), { name: 'promptEmail', kind: 'bool', lenient: true }, text('communityId', { lenient: true })], valid: () => ({ action: 'snooze', period: 'date', until: daysAhead(10) }), spot: preferences },
  { method: 'GET', route: '/api/v1/communities/:id/prompts', as: 'facilitator', kind: 'api', params: communityIdParams, prepare, query: paging },
  { method: 'POST', route: '/api/v1/communities/:id/prompts', as: 'facilitator', kind: 'api', params: communityIdParams, prepare, fields: composeFields(true), valid: composeJson, spot: promptCount },
  { method: 'POST', route: '/api/v1/communities/:id/prompts/audience-count', as: 'facilitator', kind: 'api', params: communityIdParams, prepare, fields: [{ name: 'organisationIds', kind: 'list' }, text('jobTitle'), text('expertiseTag'), text('joinedWithinDays', { lenient: true }), text('inactiveForDays', { lenient: true })], valid: (w) => ({ organisationIds: [w.org.id], jobTitle: 'coach' }) },
  { method: 'GET', route: '/api/v1/prompts/:id', as: 'facilitator', kind: 'api', params: promptParams, prepare },
  { method: 'POST', route: '/api/v1/prompts/:id/cancel', as: 'facilitator', kind: 'api', params: promptParams, prepare, spot: promptState },
  { method: 'GET', route: '/api/v1/prompt-inbox', as: 'member', kind: 'api', query: paging },
  { method: 'GET', route: '/api/v1/prompt-deliveries/:id', as: 'member', kind: 'api', params: occurrenceParams, prepare },
  // null is "no choice" (then the use case asks for one): null only must not fail.
  { method: 'PUT', route: '/api/v1/prompt-deliveries/:id/response', as: 'member', kind: 'api', params: occurrenceParams, prepare, fields: [{ name: 'choice', kind: 'choice', required: true, lenient: false }, text('body'), { name: 'mayReuse', kind: 'bool' }], valid: () => ({ choice: 1, body: 'Via de API.', mayReuse: false }), spot: promptState },
  // null ends a pause: snoozedUntil only must not fail.
  { method: 'PUT', route: '/api/v1/prompt-settings', as: 'member', kind: 'api', fields: [{ name: 'promptEmail', kind: 'bool' }, text('snoozedUntil', { lenient: true })], valid: () => ({ promptEmail: true, snoozedUntil: new Date(Date.now() + 7 * 86_400_000).toISOString() }), spot: preferences },
  { method: 'PUT', route: '/api/v1/communities/:id/prompt-opt-out', as: 'member', kind: 'api', params: communityIdParams },
  { method: 'DELETE', route: '/api/v1/communities/:id/prompt-opt-out', as: 'member', kind: 'api', params: communityIdParams },
  // The organisation's prompts per week (src/organisations/prompt-budget): a number 0–14.
  { method: 'POST', route: '/beheer/organisatie/prikkels', as: 'admin', kind: 'form', fields: [{ name: 'promptBudgetPerWeek', kind: 'choice', required: true }], valid: () => ({ promptBudgetPerWeek: '3' }), spot: budget },
  { method: 'GET', route: '/api/v1/organisations/:id/prompt-budget', as: 'admin', kind: 'api', params: (w) => ({ id: w.org.id }) },
  { method: 'PUT', route: '/api/v1/organisations/:id/prompt-budget', as: 'admin', kind: 'api', params: (w) => ({ id: w.org.id }), fields: [{ name: 'promptBudgetPerWeek', kind: 'choice', required: true }], valid: () => ({ promptBudgetPerWeek: 3 }), spot: budget },
];
