/**
 * The bad-input sweep's entries for frameworks (src/frameworks): the world's manager writes and
 * publishes, the member reads. bad-input.test.ts checks that every route has an entry (these
 * included); bad-input.frameworks.test.ts sweeps them.
 */
import { randomUUID } from 'node:crypto';
import * as frameworkRepo from '../src/frameworks/frameworks.repository.ts';
import * as responsesRepo from '../src/frameworks/responses/responses.repository.ts';
import type { Entry, Field, World } from './bad-input.support.ts';

const text = (name: string, extra: Partial<Field> = {}): Field => ({ name, kind: 'text', ...extra });
const slugParams = (w: World) => ({ slug: w.community.slug });
const idParams = (w: World) => ({ id: w.community.id });

/** Every version of the world's framework: a refused request leaves them as they were. */
const frameworkState = (w: World) =>
  w.t.deps.db.selectFrom('framework_versions as v').innerJoin('frameworks as f', 'f.id', 'v.framework_id').selectAll('v').where('f.community_id', '=', w.community.id).orderBy('v.number').execute();

/** A framework with version 1 published and a draft of version 2 waiting: publishing needs a note. */
async function publishedAndDraft(w: World): Promise<void> {
  const db = w.t.deps.db;
  const frameworkId = await frameworkRepo.ensureFramework(db, { id: randomUUID(), communityId: w.community.id, now: new Date() });
  const first = randomUUID();
  await frameworkRepo.insertDraft(db, { id: first, frameworkId, number: 1, createdBy: w.users.manager.id, now: new Date() });
  await frameworkRepo.updateDraftContent(db, first, { purpose: 'Eerste doel', room: '', constraints: '', indicators: '', reviewDate: null });
  await frameworkRepo.publishDraft(db, first, { changeNote: '', publishedBy: w.users.manager.id, now: new Date() });
  await frameworkRepo.insertDraft(db, { id: randomUUID(), frameworkId, number: 2, createdBy: w.users.manager.id, now: new Date() });
}

// The form posts learning questions as repeated rows (lqId, lqKind, lqText, lqExplanation).
// reviewDate in the API is lenient here because null is valid (no review date); a bad date is
// covered in frameworks.routes.test.ts.
const draftFormFields: Field[] = [text('purpose'), text('room'), text('constraints'), text('indicators'), text('reviewDate'), { name: 'lqId', kind: 'list' }, { name: 'lqKind', kind: 'choice' }, { name: 'lqText', kind: 'list' }, { name: 'lqExplanation', kind: 'list' }];
const validDraftForm = () => ({ purpose: 'Schulden eerder zien.', room: 'Teams maken zelf afspraken.', constraints: 'Het budget ligt vast.', indicators: 'Minder huisuitzettingen.', reviewDate: '2027-03-01', lqId: '', lqKind: 'how', lqText: 'Hoe herken je schulden vroeg?', lqExplanation: 'Bij de eerste afspraak.' });
const draftApiFields: Field[] = [text('purpose', { required: true }), text('room', { required: true }), text('constraints', { required: true }), text('indicators', { required: true }), { name: 'reviewDate', kind: 'choice', required: true, lenient: true }, { name: 'learningQuestions', kind: 'list', required: true }];
const validDraftJson = () => ({ purpose: 'Schulden eerder zien.', room: 'Teams maken zelf afspraken.', constraints: 'Het budget ligt vast.', indicators: 'Minder huisuitzettingen.', reviewDate: '2027-03-01', learningQuestions: [{ kind: 'how', text: 'Hoe herken je schulden vroeg?', explanation: '' }] });
const validNote = () => ({ changeNote: 'Het doel is scherper gemaakt voor de wijkteams.' });

// Member responses (src/frameworks/responses): the member flags and proposes, the manager answers and adopts.
const shared = new WeakMap<World, { flag: string; proposal: string }>();
/** Version 1 published (and a draft), with an unsigned flag and an unsigned proposal by the member. */
async function withResponses(w: World): Promise<void> {
  await publishedAndDraft(w);
  const db = w.t.deps.db;
  const frameworkId = (await frameworkRepo.findFrameworkId(db, w.community.id))!;
  const versionId = (await frameworkRepo.findLatestPublished(db, frameworkId))!.id;
  const base = { frameworkId, versionId, target: 'purpose' as const, learningQuestionId: null, signed: false, authorId: w.users.member.id, now: new Date() };
  const ids = { flag: randomUUID(), proposal: randomUUID() };
  await responsesRepo.insertResponse(db, { ...base, id: ids.flag, kind: 'unclear', body: 'Onduidelijk.' });
  await responsesRepo.insertResponse(db, { ...base, id: ids.proposal, kind: 'proposal', body: 'Scherper doel.' });
  shared.set(w, ids);
}
const responseState = (w: World) =>
  w.t.deps.db.selectFrom('framework_responses as r').innerJoin('frameworks as f', 'f.id', 'r.framework_id').selectAll('r').where('f.community_id', '=', w.community.id).orderBy('r.id').execute();
const respondFields = (api: boolean): Field[] => [
  { name: 'target', kind: 'choice', required: true },
  { name: 'learningQuestionId', kind: 'text', lenient: true },
  { name: 'kind', kind: 'choice', required: true },
  text('text'),
  { name: 'signed', kind: 'bool', lenient: !api },
];
const validRespond = () => ({ target: 'purpose', kind: 'unclear', text: 'Wat betekent vroeg in de praktijk?' });
const responseParams = (which: 'flag' | 'proposal', api: boolean) => (w: World): Record<string, string> => (api ? { id: w.community.id, responseId: shared.get(w)![which] } : { slug: w.community.slug, id: shared.get(w)![which] });

export const FRAMEWORK_ENTRIES: Entry[] = [
  { method: 'POST', route: '/gemeenschappen/:slug/kader/reacties', as: 'member', kind: 'form', params: slugParams, fields: respondFields(false), valid: validRespond, spot: responseState, prepare: withResponses },
  { method: 'GET', route: '/gemeenschappen/:slug/kader/reacties', as: 'manager', kind: 'page', params: slugParams, prepare: withResponses },
  { method: 'POST', route: '/gemeenschappen/:slug/kader/reacties/:id/beantwoorden', as: 'manager', kind: 'form', params: responseParams('flag', false), fields: [text('reply', { required: true })], valid: () => ({ reply: 'Bedoeld is de eerste maand.' }), spot: responseState, prepare: withResponses },
  { method: 'POST', route: '/gemeenschappen/:slug/kader/reacties/:id/overnemen', as: 'manager', kind: 'form', params: responseParams('proposal', false), fields: [text('reply'), { name: 'credit', kind: 'bool', lenient: true }], valid: () => ({ reply: 'Overgenomen.' }), spot: responseState, prepare: withResponses },
  { method: 'GET', route: '/api/v1/communities/:id/framework/responses', as: 'manager', kind: 'api', params: idParams, prepare: withResponses },
  { method: 'POST', route: '/api/v1/communities/:id/framework/responses', as: 'member', kind: 'api', params: idParams, fields: respondFields(true), valid: validRespond, spot: responseState, prepare: withResponses },
  { method: 'POST', route: '/api/v1/communities/:id/framework/responses/:responseId/answer', as: 'manager', kind: 'api', params: responseParams('flag', true), fields: [text('reply', { required: true })], valid: () => ({ reply: 'Bedoeld is de eerste maand.' }), spot: responseState, prepare: withResponses },
  { method: 'POST', route: '/api/v1/communities/:id/framework/responses/:responseId/adopt', as: 'manager', kind: 'api', params: responseParams('proposal', true), fields: [text('reply'), { name: 'credit', kind: 'bool' }], valid: () => ({ reply: 'Overgenomen.' }), spot: responseState, prepare: withResponses },

  { method: 'GET', route: '/gemeenschappen/:slug/kader', as: 'member', kind: 'page', params: slugParams, prepare: publishedAndDraft },
  { method: 'GET', route: '/gemeenschappen/:slug/kader/concept', as: 'manager', kind: 'page', params: slugParams, prepare: publishedAndDraft },
  { method: 'POST', route: '/gemeenschappen/:slug/kader/concept', as: 'manager', kind: 'form', params: slugParams, fields: draftFormFields, valid: validDraftForm, spot: frameworkState, prepare: publishedAndDraft },
  { method: 'POST', route: '/gemeenschappen/:slug/kader/publiceren', as: 'manager', kind: 'form', fresh: 'world', params: slugParams, fields: [text('changeNote', { required: true })], valid: validNote, spot: frameworkState, prepare: publishedAndDraft },
  { method: 'GET', route: '/gemeenschappen/:slug/kader/versies', as: 'member', kind: 'page', params: slugParams, prepare: publishedAndDraft },
  // A version number that is no number names no version: 404, like an unknown one.
  { method: 'GET', route: '/gemeenschappen/:slug/kader/versies/:a/:b', as: 'member', kind: 'page', params: (w) => ({ slug: w.community.slug, a: '1', b: '1' }), prepare: publishedAndDraft },
  { method: 'GET', route: '/api/v1/communities/:id/framework', as: 'member', kind: 'api', params: idParams, prepare: publishedAndDraft },
  { method: 'GET', route: '/api/v1/communities/:id/framework/versions', as: 'member', kind: 'api', params: idParams, prepare: publishedAndDraft },
  { method: 'GET', route: '/api/v1/communities/:id/framework/versions/:number', as: 'member', kind: 'api', params: (w) => ({ id: w.community.id, number: '1' }), prepare: publishedAndDraft },
  { method: 'PUT', route: '/api/v1/communities/:id/framework/draft', as: 'manager', kind: 'api', params: idParams, fields: draftApiFields, valid: validDraftJson, spot: frameworkState, prepare: publishedAndDraft },
  { method: 'POST', route: '/api/v1/communities/:id/framework/publish', as: 'manager', kind: 'api', fresh: 'world', params: idParams, fields: [text('changeNote', { required: true })], valid: validNote, spot: frameworkState, prepare: publishedAndDraft },
];
