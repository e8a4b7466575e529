/**
 * The bad-input sweep's entries for frameworks (src/frameworks): the world's manager writes and
 * publishes, the member reads. bad-input.test.ts checks that every route has an entry (these
 * included); bad-input.frameworks.test.ts sweeps them.
 */
import { randomUUID } from 'node:crypto';
import * as frameworkRepo from '../src/frameworks/frameworks.repository.ts';
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

export const FRAMEWORK_ENTRIES: Entry[] = [
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
