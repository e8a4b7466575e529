/**
 * The bad-input sweep's entries for practice stories (src/practices): in the world's community the
 * member shared a story, remarked on it and added a file; the facilitator reported trying it,
 * asked to watch the member at work (meekijken) and moderates. bad-input.test.ts checks that every
 * route has an entry (these included); bad-input.practices.test.ts sweeps them, plus the multipart
 * uploads (MULTIPART_ENTRIES), whose valid input is a file the generic sweep cannot send.
 */
import { randomUUID } from 'node:crypto';
import { actorOf, createTestCommunity } from './harness.ts';
import type { Entry, Field, World } from './bad-input.support.ts';
import { addComment, reportTried } from '../src/practices/contributions.usecases.ts';
import { sharePractice } from '../src/practices/practices.usecases.ts';
import * as practicesRepo from '../src/practices/practices.repository.ts';
import { requestVisit } from '../src/practices/visits/visits.usecases.ts';

/** Two weeks ahead at ten, in both forms the visits routes take. */
const inTwoWeeks = () => new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 14 * 86_400_000 + 9 * 3_600_000);

export interface PracticeFixture {
  practiceId: string;
  commentId: string;
  tryId: string;
  attachmentId: string;
  /** Another community of the member's, to show the story in. */
  otherCommunityId: string;
  /** The facilitator asked the member (the story's author) to watch them at work. */
  visitId: string;
}

const fixtures = new WeakMap<World, PracticeFixture>();
export const practiceOf = (w: World) => {
  const fixture = fixtures.get(w);
  if (!fixture) throw new Error('the practices entries need `prepare: withPractice`');
  return fixture;
};

/** The story, its remark, tried report and file, in every world a practices entry is swept in. */
export async function withPractice(w: World, options: { visit?: boolean } = {}): Promise<void> {
  if (fixtures.has(w)) return;
  const { deps } = w.t;
  const member = actorOf(w.users.member);
  const { id: practiceId } = await sharePractice(deps, member, { id: w.community.id }, { title: `Spreekuur op de basisschool ${w.tag}`, situation: 'Ouders vonden de weg niet.', action: 'Elke dinsdag een uur in de school.', tags: ['jeugd'] });
  const { id: commentId } = await addComment(deps, member, practiceId, { kind: 'comment', body: 'Ook op de middelbare school?' });
  const { id: tryId } = await reportTried(deps, actorOf(w.users.facilitator), practiceId, { team: 'Wijkteam Noord', result: 'worked', adapted: 'Op woensdag.', howItWent: 'Goed.' });
  const attachmentId = randomUUID();
  await deps.files.put(`practices/${attachmentId}`, Buffer.from('verslag\n'), 'text/plain');
  await practicesRepo.insertAttachment(deps.db, { id: attachmentId, practiceId, uploaderId: member.userId, fileName: 'verslag.txt', contentType: 'text/plain', byteSize: 8, isImage: false, storageKey: `practices/${attachmentId}`, now: new Date() });
  const other = await createTestCommunity(deps, w.org.id, { name: `Tweede kring ${w.tag}`, members: [{ userId: w.users.member.id }, { userId: w.users.facilitator.id, role: 'facilitator' }] });
  const { id: visitId } = options.visit === false ? { id: randomUUID() } : await requestVisit(deps, actorOf(w.users.facilitator), practiceId, { startsAt: inTwoWeeks(), durationMinutes: 60, message: 'Mag ik een ochtend meekijken?' });
  fixtures.set(w, { practiceId, commentId, tryId, attachmentId, otherCommunityId: other.id, visitId });
}

/** The story and everything on it, and the community's stories: a refused request changes none of it. */
export async function practiceState(w: World) {
  const { db } = w.t.deps;
  const { practiceId } = practiceOf(w);
  const practices = await db.selectFrom('practices').selectAll().where('community_id', '=', w.community.id).orderBy('id').execute();
  const comments = await db.selectFrom('practice_comments').selectAll().where('practice_id', '=', practiceId).orderBy('id').execute();
  const tries = await db.selectFrom('practice_tries').selectAll().where('practice_id', '=', practiceId).orderBy('id').execute();
  const reactions = await db.selectFrom('practice_reactions').select(['user_id', 'kind']).where('practice_id', '=', practiceId).orderBy('user_id').orderBy('kind').execute();
  const shares = await db.selectFrom('practice_shares').select('community_id').where('practice_id', '=', practiceId).orderBy('community_id').execute();
  const attachments = await db.selectFrom('practice_attachments').select(['id', 'file_name']).where('practice_id', '=', practiceId).orderBy('id').execute();
  const visits = await db.selectFrom('visit_requests').selectAll().where('practice_id', '=', practiceId).orderBy('id').execute();
  return { practices, comments, tries, reactions, shares, attachments, visits };
}

const text = (name: string, extra: Partial<Field> = {}): Field => ({ name, kind: 'text', ...extra });
const req = { required: true };
const prepare = (w: World) => withPractice(w);
// Asking to watch: one open request per person and story, so the facilitator has none yet.
const prepareUnasked = (w: World) => withPractice(w, { visit: false });
const slugParams = (w: World) => ({ slug: w.community.slug });
const communityIdParams = (w: World) => ({ id: w.community.id });
const practiceParams = (w: World) => ({ id: practiceOf(w).practiceId });
const commentParams = (w: World) => ({ id: practiceOf(w).commentId });
const tryParams = (w: World) => ({ id: practiceOf(w).tryId });
const attachmentParams = (w: World) => ({ id: practiceOf(w).attachmentId });
const paging: NonNullable<Entry['query']> = [{ name: 'page', kind: 'page' }, { name: 'pageSize', kind: 'page' }];
// The learning question is optional; null (the API) and the empty option (the form) mean none, any other value must be a current one.
// The form reads an outcome or learning that is no text (a repeated field, an object) as empty (practiceFormInput): lenient there.
const storyFields = (required: boolean, isForm = false): Field[] => [
  text('title', required ? req : {}), text('situation', required ? req : {}), text('action', required ? req : {}), text('outcome', { lenient: isForm }), text('learning', { lenient: isForm }),
  { name: 'tags', kind: 'list' }, text('learningQuestionId', { lenient: true }),
];
const story = { title: 'Een vast spreekuur op de basisschool', situation: 'Ouders vonden de weg niet.', action: 'Elke dinsdag een uur in de school.' };
const tryFields: Field[] = [text('parentId', { lenient: true }), text('team', req), { name: 'result', kind: 'choice', required: true }, text('adapted', req), text('howItWent', req)];
const tryValues = { team: 'Wijkteam Zuid', result: 'partly', adapted: 'Met een collega erbij.', howItWent: 'Het eerste gesprek ging goed.' };
const reasonFields: Field[] = [text('reason', req)];
const hideReason = () => ({ reason: 'Hoort niet in deze gemeenschap.' });
const confirmed = () => ({ confirmed: 'yes' });
const visitParams = (w: World) => ({ id: practiceOf(w).visitId });
// The form's "when" is a local date and time; the API's an instant. A duration of 42 is a valid
// number of minutes, so in JSON the duration is only checked for "no server error".
// The duration is a choice in the form (a select).
const whenFields: Field[] = [text('date', req), text('time', req), { name: 'durationMinutes', kind: 'choice', required: true }];
const whenForm = () => ({ date: inTwoWeeks().toISOString().slice(0, 10), time: '10:00', durationMinutes: '60' });

export const PRACTICE_ENTRIES: Entry[] = [
  { method: 'GET', route: '/gemeenschappen/:slug/praktijk', as: 'member', kind: 'page', params: slugParams, prepare, query: [{ name: 'sortering', kind: 'choice' }, { name: 'tag', kind: 'text' }, { name: 'leervraag', kind: 'text' }, { name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/gemeenschappen/:slug/praktijk/nieuw', as: 'member', kind: 'page', params: slugParams, prepare },
  // Urlencoded here (the form without a file works so too); multipart cases: bad-input.practices.test.ts.
  { method: 'POST', route: '/gemeenschappen/:slug/praktijk', as: 'member', kind: 'form', params: slugParams, prepare, fields: storyFields(true, true), valid: () => ({ ...story, outcome: '', learning: '', tags: 'jeugd, school', learningQuestionId: '' }), spot: practiceState },
  { method: 'GET', route: '/praktijk/:id', as: 'member', kind: 'page', params: practiceParams, prepare },
  { method: 'GET', route: '/praktijk/:id/bewerken', as: 'member', kind: 'page', params: practiceParams, prepare },
  { method: 'POST', route: '/praktijk/:id/bewerken', as: 'member', kind: 'form', params: practiceParams, prepare, fields: storyFields(false, true), valid: () => ({ ...story, outcome: 'Meer ouders kwamen.', learning: '', tags: 'jeugd', learningQuestionId: '' }), spot: practiceState },
  { method: 'POST', route: '/praktijk/:id/verwijderen', as: 'member', kind: 'action', params: practiceParams, prepare, valid: confirmed },
  { method: 'GET', route: '/praktijk/:id/verbergen', as: 'facilitator', kind: 'page', params: practiceParams, prepare },
  { method: 'POST', route: '/praktijk/:id/verbergen', as: 'facilitator', kind: 'form', params: practiceParams, prepare, fields: reasonFields, valid: hideReason, spot: practiceState },
  { method: 'POST', route: '/praktijk/:id/tonen', as: 'facilitator', kind: 'action', params: practiceParams, prepare },
  // The facilitator: the member wrote the story, and nobody reacts to their own.
  { method: 'POST', route: '/praktijk/:id/reageren', as: 'facilitator', kind: 'action', params: practiceParams, prepare, fields: [{ name: 'kind', kind: 'choice', required: true }, { name: 'on', kind: 'bool', lenient: true }], valid: () => ({ kind: 'will_try', on: 'true' }), spot: practiceState },
  { method: 'POST', route: '/praktijk/:id/opmerkingen', as: 'facilitator', kind: 'form', params: practiceParams, prepare, fields: [{ name: 'kind', kind: 'choice', lenient: true }, text('body', req)], valid: () => ({ kind: 'alternative', body: 'Ik zou eerst de school bellen.' }), spot: practiceState },
  // ?vanuit (the report tried from) is not read leniently: an unknown report is "not found"; see bad-input.practices.test.ts.
  { method: 'GET', route: '/praktijk/:id/geprobeerd', as: 'facilitator', kind: 'page', params: practiceParams, prepare },
  { method: 'POST', route: '/praktijk/:id/geprobeerd', as: 'facilitator', kind: 'form', params: practiceParams, prepare, fields: tryFields, valid: () => ({ ...tryValues, parentId: '' }), spot: practiceState },
  { method: 'GET', route: '/praktijk/:id/delen-met', as: 'member', kind: 'page', params: practiceParams, prepare },
  // A choice among the member's other communities (radio buttons): what was sent is not shown again as typed text.
  { method: 'POST', route: '/praktijk/:id/delen-met', as: 'member', kind: 'form', params: practiceParams, prepare, fields: [{ name: 'communityId', kind: 'choice', required: true }], valid: (w) => ({ communityId: practiceOf(w).otherCommunityId }), spot: practiceState },
  { method: 'GET', route: '/praktijk/:id/bijlagen', as: 'member', kind: 'page', params: practiceParams, prepare },
  { method: 'GET', route: '/bijlagen/:id', as: 'member', kind: 'page', params: attachmentParams, prepare },
  { method: 'GET', route: '/bijlagen/:id/voorbeeld', as: 'member', kind: 'page', params: attachmentParams, prepare },
  { method: 'POST', route: '/bijlagen/:id/verwijderen', as: 'member', kind: 'action', params: attachmentParams, prepare, valid: confirmed },
  { method: 'POST', route: '/praktijkreacties/:id/verwijderen', as: 'member', kind: 'action', params: commentParams, prepare, valid: confirmed },
  { method: 'GET', route: '/praktijkreacties/:id/verbergen', as: 'facilitator', kind: 'page', params: commentParams, prepare },
  { method: 'POST', route: '/praktijkreacties/:id/verbergen', as: 'facilitator', kind: 'form', params: commentParams, prepare, fields: reasonFields, valid: hideReason, spot: practiceState },
  { method: 'POST', route: '/praktijkreacties/:id/tonen', as: 'facilitator', kind: 'action', params: commentParams, prepare },
  { method: 'POST', route: '/geprobeerd/:id/verwijderen', as: 'facilitator', kind: 'action', params: tryParams, prepare, valid: confirmed },
  { method: 'GET', route: '/geprobeerd/:id/verbergen', as: 'facilitator', kind: 'page', params: tryParams, prepare },
  { method: 'POST', route: '/geprobeerd/:id/verbergen', as: 'facilitator', kind: 'form', params: tryParams, prepare, fields: reasonFields, valid: hideReason, spot: practiceState },
  { method: 'POST', route: '/geprobeerd/:id/tonen', as: 'facilitator', kind: 'action', params: tryParams, prepare },
  { method: 'GET', route: '/api/v1/communities/:id/practices', as: 'member', kind: 'api', params: communityIdParams, prepare, query: [...paging, { name: 'sort', kind: 'choice' }, { name: 'tag', kind: 'text' }, { name: 'learningQuestionId', kind: 'text' }] },
  { method: 'POST', route: '/api/v1/communities/:id/practices', as: 'member', kind: 'api', params: communityIdParams, prepare, fields: storyFields(true), valid: () => ({ ...story, outcome: '', learning: '', tags: ['jeugd'], learningQuestionId: null }), spot: practiceState },
  { method: 'GET', route: '/api/v1/practices/:id', as: 'member', kind: 'api', params: practiceParams, prepare },
  { method: 'PATCH', route: '/api/v1/practices/:id', as: 'member', kind: 'api', params: practiceParams, prepare, fields: storyFields(false), valid: () => ({ title: 'Via de API: spreekuur op school', tags: ['jeugd'] }), spot: practiceState },
  { method: 'DELETE', route: '/api/v1/practices/:id', as: 'member', kind: 'api', params: practiceParams, prepare },
  { method: 'PUT', route: '/api/v1/practices/:id/hidden', as: 'facilitator', kind: 'api', params: practiceParams, prepare, fields: reasonFields, valid: hideReason, spot: practiceState },
  { method: 'DELETE', route: '/api/v1/practices/:id/hidden', as: 'facilitator', kind: 'api', params: practiceParams, prepare },
  // Two path parameters, one of them a choice (`recognise`, `will_try`): an unknown kind is a 400 naming it, not "not found", so the parameters only must not fail.
  { method: 'PUT', route: '/api/v1/practices/:id/reactions/:kind', as: 'facilitator', kind: 'api', params: (w) => ({ ...practiceParams(w), kind: 'recognise' }), prepare, lenientParams: true, spot: practiceState },
  { method: 'DELETE', route: '/api/v1/practices/:id/reactions/:kind', as: 'facilitator', kind: 'api', params: (w) => ({ ...practiceParams(w), kind: 'will_try' }), prepare, lenientParams: true },
  { method: 'POST', route: '/api/v1/practices/:id/comments', as: 'facilitator', kind: 'api', params: practiceParams, prepare, fields: [{ name: 'kind', kind: 'choice', required: true }, text('body', req)], valid: () => ({ kind: 'comment', body: 'Via de API: herkenbaar.' }), spot: practiceState },
  { method: 'DELETE', route: '/api/v1/practice-comments/:id', as: 'member', kind: 'api', params: commentParams, prepare },
  { method: 'PUT', route: '/api/v1/practice-comments/:id/hidden', as: 'facilitator', kind: 'api', params: commentParams, prepare, fields: reasonFields, valid: hideReason, spot: practiceState },
  { method: 'DELETE', route: '/api/v1/practice-comments/:id/hidden', as: 'facilitator', kind: 'api', params: commentParams, prepare },
  { method: 'POST', route: '/api/v1/practices/:id/tries', as: 'facilitator', kind: 'api', params: practiceParams, prepare, fields: tryFields, valid: () => ({ ...tryValues, parentId: null }), spot: practiceState },
  { method: 'DELETE', route: '/api/v1/practice-tries/:id', as: 'facilitator', kind: 'api', params: tryParams, prepare },
  { method: 'PUT', route: '/api/v1/practice-tries/:id/hidden', as: 'facilitator', kind: 'api', params: tryParams, prepare, fields: reasonFields, valid: hideReason, spot: practiceState },
  { method: 'DELETE', route: '/api/v1/practice-tries/:id/hidden', as: 'facilitator', kind: 'api', params: tryParams, prepare },
  { method: 'POST', route: '/api/v1/practices/:id/shares', as: 'member', kind: 'api', params: practiceParams, prepare, fields: [text('communityId', req)], valid: (w) => ({ communityId: practiceOf(w).otherCommunityId }), spot: practiceState },
  { method: 'GET', route: '/api/v1/attachments/:id', as: 'member', kind: 'api', params: attachmentParams, prepare },
  { method: 'DELETE', route: '/api/v1/attachments/:id', as: 'member', kind: 'api', params: attachmentParams, prepare },

  // Meekijken (src/practices/visits): the facilitator asked, the member (the story's author) hosts and decides first.
  { method: 'GET', route: '/praktijk/:id/meekijken', as: 'facilitator', kind: 'page', params: practiceParams, prepare },
  { method: 'POST', route: '/praktijk/:id/meekijken', as: 'facilitator', kind: 'form', params: practiceParams, prepare: prepareUnasked, fields: [...whenFields, text('message')], valid: () => ({ ...whenForm(), message: 'Ik wil zien hoe je de tolk inzet.' }), spot: practiceState },
  { method: 'GET', route: '/meekijken/:id', as: 'facilitator', kind: 'page', params: visitParams, prepare },
  { method: 'POST', route: '/meekijken/:id/accepteren', as: 'member', kind: 'action', params: visitParams, prepare },
  // A proposal that goes through hands the turn to the other party, whose page has no form: a world per case.
  { method: 'POST', route: '/meekijken/:id/ander-moment', as: 'member', kind: 'form', fresh: 'world', params: visitParams, prepare, fields: whenFields, valid: whenForm, spot: practiceState },
  { method: 'POST', route: '/meekijken/:id/afwijzen', as: 'member', kind: 'action', params: visitParams, prepare, valid: confirmed },
  { method: 'POST', route: '/meekijken/:id/annuleren', as: 'facilitator', kind: 'action', params: visitParams, prepare, valid: confirmed },
  { method: 'GET', route: '/api/v1/visits', as: 'member', kind: 'api', prepare, query: paging },
  { method: 'POST', route: '/api/v1/practices/:id/visits', as: 'facilitator', kind: 'api', params: practiceParams, prepare: prepareUnasked, fields: [text('startsAt', req), text('durationMinutes', { lenient: true }), text('message')], valid: () => ({ startsAt: inTwoWeeks().toISOString(), durationMinutes: 60, message: 'Via de API.' }), spot: practiceState },
  { method: 'GET', route: '/api/v1/visits/:id', as: 'member', kind: 'api', params: visitParams, prepare },
  { method: 'POST', route: '/api/v1/visits/:id/accept', as: 'member', kind: 'api', params: visitParams, prepare },
  { method: 'POST', route: '/api/v1/visits/:id/reschedule', as: 'member', kind: 'api', params: visitParams, prepare, fields: [text('startsAt', req), text('durationMinutes', { lenient: true })], valid: () => ({ startsAt: new Date(inTwoWeeks().getTime() + 86_400_000).toISOString(), durationMinutes: 90 }), spot: practiceState },
  { method: 'POST', route: '/api/v1/visits/:id/decline', as: 'member', kind: 'api', params: visitParams, prepare, fields: [text('message')], valid: () => ({ message: 'Die week lukt niet.' }), spot: practiceState },
  { method: 'POST', route: '/api/v1/visits/:id/cancel', as: 'facilitator', kind: 'api', params: visitParams, prepare },
];

/** Uploads: valid input is a file, so bad-input.practices.test.ts sends these itself (multipart). */
export const MULTIPART_ENTRIES: Entry[] = [
  { method: 'POST', route: '/praktijk/:id/bijlagen', as: 'member', kind: 'form', params: practiceParams, prepare, spot: practiceState },
  { method: 'POST', route: '/api/v1/practices/:id/attachments', as: 'member', kind: 'api', params: practiceParams, prepare, spot: practiceState },
];
