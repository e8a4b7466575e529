/**
 * The bad-input sweep's entries for questions, answers and comments (src/questions): the world's
 * member asked the question, the facilitator answered it and moderates. bad-input.test.ts checks
 * that every route has an entry (these included); bad-input.questions.test.ts sweeps them, in a
 * file of its own so neither file outruns the test runner's time limit.
 */
import { questionState, type Entry, type Field, type World } from './bad-input.support.ts';

const text = (name: string, extra: Partial<Field> = {}): Field => ({ name, kind: 'text', ...extra });
const req = { required: true };
const paging: NonNullable<Entry['query']> = [{ name: 'page', kind: 'page' }, { name: 'pageSize', kind: 'page' }];
const slugParams = (w: World) => ({ slug: w.community.slug });
const idParams = (w: World) => ({ id: w.community.id });
const questionParams = (w: World) => ({ id: w.question!.id });
const answerParams = (w: World) => ({ id: w.question!.answerId });
const commentParams = (w: World) => ({ id: w.question!.commentId });
// Questions and answers hold up to 20,000 characters of Markdown; comments 1,000; titles 200.
const longText = { maxLength: 20_000 };
const askFields: Field[] = [{ name: 'kind', kind: 'choice', required: true }, text('title', req), text('body', longText), { name: 'tags', kind: 'list' }, { name: 'isPseudonymous', kind: 'bool' }];
const editQuestionFields: Field[] = [{ name: 'kind', kind: 'choice' }, text('title'), text('body', longText), { name: 'tags', kind: 'list' }];
const answerFields: Field[] = [text('body', { ...req, ...longText })];
const postFields: Field[] = [text('body', req)];
const reasonFields: Field[] = [text('reason', req)];
const hideReason = () => ({ reason: 'Hoort niet in deze gemeenschap.' });
const confirmed = () => ({ confirmed: 'yes' });

export const QUESTION_ENTRIES: Entry[] = [
  { method: 'GET', route: '/gemeenschappen/:slug/vragen', as: 'member', kind: 'page', params: slugParams, query: [{ name: 'filter', kind: 'choice' }, { name: 'sortering', kind: 'choice' }, { name: 'tag', kind: 'text' }, { name: 'leervraag', kind: 'text' }, { name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/gemeenschappen/:slug/vragen/nieuw', as: 'member', kind: 'page', params: slugParams },
  { method: 'POST', route: '/gemeenschappen/:slug/vragen', as: 'member', kind: 'form', params: slugParams, fields: askFields, valid: () => ({ kind: 'how', title: 'Hoe regel je vervoer naar de dagbesteding?', body: 'Ervaringen **welkom**.', tags: 'vervoer, wmo' }), spot: questionState },
  // The same form without JavaScript, "look for similar questions first": shows suggestions, never saves, never fails on odd input.
  { method: 'POST', route: '/gemeenschappen/:slug/vragen', as: 'facilitator', kind: 'form', params: slugParams, fields: [text('preview', { lenient: true }), { name: 'kind', kind: 'choice', lenient: true }, text('title', { lenient: true }), text('body', { lenient: true })], valid: () => ({ preview: '1', kind: 'how', title: 'Hoe bespreek je schulden?', body: '' }), spot: questionState },
  { method: 'GET', route: '/vragen', as: 'member', kind: 'page', query: [{ name: 'lijst', kind: 'choice' }, { name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/vragen/:id', as: 'member', kind: 'page', params: questionParams, query: [{ name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/vragen/:id/bewerken', as: 'member', kind: 'page', params: questionParams },
  { method: 'POST', route: '/vragen/:id/bewerken', as: 'member', kind: 'form', params: questionParams, fields: editQuestionFields, valid: () => ({ kind: 'what', title: 'Wat zijn goede eerste stappen bij schulden?', body: 'Bewerkt.', tags: 'schulden, wmo' }), spot: questionState },
  { method: 'GET', route: '/vragen/:id/versies', as: 'member', kind: 'page', params: questionParams },
  { method: 'POST', route: '/vragen/:id/volgen', as: 'member', kind: 'action', params: questionParams },
  { method: 'POST', route: '/vragen/:id/ontvolgen', as: 'member', kind: 'action', params: questionParams },
  { method: 'POST', route: '/vragen/:id/verwijderen', as: 'member', kind: 'action', params: questionParams, valid: confirmed },
  { method: 'GET', route: '/vragen/:id/verbergen', as: 'facilitator', kind: 'page', params: questionParams },
  { method: 'POST', route: '/vragen/:id/verbergen', as: 'facilitator', kind: 'form', params: questionParams, fields: reasonFields, valid: hideReason, spot: questionState },
  { method: 'POST', route: '/vragen/:id/tonen', as: 'facilitator', kind: 'action', params: questionParams },
  { method: 'GET', route: '/vragen/:id/sluiten', as: 'member', kind: 'page', params: questionParams },
  { method: 'POST', route: '/vragen/:id/sluiten', as: 'member', kind: 'form', params: questionParams, fields: [text('duplicateOf', req)], valid: (w) => ({ duplicateOf: `https://leerkring.test/vragen/${w.question!.otherId}` }), spot: questionState },
  { method: 'POST', route: '/vragen/:id/heropenen', as: 'member', kind: 'action', params: questionParams },
  { method: 'GET', route: '/vragen/:id/uitnodigen', as: 'member', kind: 'page', params: questionParams, query: [{ name: 'q', kind: 'text' }] },
  { method: 'POST', route: '/vragen/:id/uitnodigen', as: 'member', kind: 'form', params: questionParams, fields: [{ name: 'userIds', kind: 'list', required: true }], valid: (w) => ({ userIds: w.users.facilitator.id }), spot: questionState },
  { method: 'POST', route: '/vragen/:id/antwoorden', as: 'facilitator', kind: 'form', params: questionParams, fields: answerFields, valid: () => ({ body: 'Bel eerst de wijkcoach.' }), spot: questionState },
  { method: 'POST', route: '/vragen/:id/oplossing', as: 'member', kind: 'action', params: questionParams, fields: [text('answerId')], valid: (w) => ({ answerId: w.question!.answerId }), spot: questionState },
  { method: 'POST', route: '/vragen/:id/reacties', as: 'member', kind: 'form', params: questionParams, fields: postFields, valid: () => ({ body: 'Nog een vraag erbij.' }), spot: questionState },
  { method: 'GET', route: '/antwoorden/:id', as: 'member', kind: 'page', params: answerParams },
  { method: 'POST', route: '/antwoorden/:id/geholpen', as: 'member', kind: 'action', params: answerParams, fields: [text('helped', { lenient: true })], valid: () => ({ helped: 'true' }) },
  { method: 'GET', route: '/antwoorden/:id/bewerken', as: 'facilitator', kind: 'page', params: answerParams },
  { method: 'POST', route: '/antwoorden/:id/bewerken', as: 'facilitator', kind: 'form', params: answerParams, fields: answerFields, valid: () => ({ body: 'Begin met luisteren, dan pas advies.' }), spot: questionState },
  { method: 'GET', route: '/antwoorden/:id/versies', as: 'member', kind: 'page', params: answerParams },
  { method: 'POST', route: '/antwoorden/:id/verwijderen', as: 'facilitator', kind: 'action', params: answerParams, valid: confirmed },
  { method: 'GET', route: '/antwoorden/:id/verbergen', as: 'facilitator', kind: 'page', params: answerParams },
  { method: 'POST', route: '/antwoorden/:id/verbergen', as: 'facilitator', kind: 'form', params: answerParams, fields: reasonFields, valid: hideReason, spot: questionState },
  { method: 'POST', route: '/antwoorden/:id/tonen', as: 'facilitator', kind: 'action', params: answerParams },
  { method: 'POST', route: '/antwoorden/:id/reacties', as: 'member', kind: 'form', params: answerParams, fields: postFields, valid: () => ({ body: 'Dank, dit werkt.' }), spot: questionState },
  { method: 'POST', route: '/reacties/:id/verwijderen', as: 'member', kind: 'action', params: commentParams, valid: confirmed },
  { method: 'GET', route: '/reacties/:id/verbergen', as: 'facilitator', kind: 'page', params: commentParams },
  { method: 'POST', route: '/reacties/:id/verbergen', as: 'facilitator', kind: 'form', params: commentParams, fields: reasonFields, valid: hideReason, spot: questionState },
  { method: 'POST', route: '/reacties/:id/tonen', as: 'facilitator', kind: 'action', params: commentParams },
  { method: 'GET', route: '/api/v1/communities/:id/questions', as: 'member', kind: 'api', params: idParams, query: [...paging, { name: 'filter', kind: 'choice' }, { name: 'sort', kind: 'choice' }, { name: 'tag', kind: 'text' }, { name: 'learningQuestionId', kind: 'text' }] },
  // learningQuestionId: null is valid (no learning question), and any id is refused until learning questions exist.
  { method: 'POST', route: '/api/v1/communities/:id/questions', as: 'member', kind: 'api', params: idParams, fields: [{ name: 'kind', kind: 'choice', required: true }, text('title', req), text('body', { required: true, maxLength: 20_000 }), { name: 'tags', kind: 'list' }, { name: 'isPseudonymous', kind: 'bool' }, text('learningQuestionId', { lenient: true })], valid: () => ({ kind: 'what', title: 'Wat kost een rolstoel via de Wmo?', body: '', tags: ['wmo'], isPseudonymous: false, learningQuestionId: null }), spot: questionState },
  { method: 'GET', route: '/api/v1/questions', as: 'member', kind: 'api', query: [...paging, { name: 'list', kind: 'choice' }] },
  { method: 'GET', route: '/api/v1/questions/:id', as: 'member', kind: 'api', params: questionParams, query: [{ name: 'page', kind: 'page' }] },
  { method: 'PATCH', route: '/api/v1/questions/:id', as: 'member', kind: 'api', params: questionParams, fields: editQuestionFields, valid: () => ({ kind: 'what', title: 'Wat zijn goede eerste stappen bij schulden?', tags: ['schulden'] }), spot: questionState },
  { method: 'DELETE', route: '/api/v1/questions/:id', as: 'member', kind: 'api', params: questionParams },
  { method: 'GET', route: '/api/v1/questions/:id/revisions', as: 'member', kind: 'api', params: questionParams },
  { method: 'POST', route: '/api/v1/questions/:id/answers', as: 'facilitator', kind: 'api', params: questionParams, fields: answerFields, valid: () => ({ body: 'Via de API: bel de wijkcoach.' }), spot: questionState },
  { method: 'POST', route: '/api/v1/questions/:id/comments', as: 'member', kind: 'api', params: questionParams, fields: postFields, valid: () => ({ body: 'Via de API: aanvulling.' }), spot: questionState },
  { method: 'PUT', route: '/api/v1/questions/:id/accepted-answer', as: 'member', kind: 'api', params: questionParams, fields: [text('answerId', req)], valid: (w) => ({ answerId: w.question!.answerId }), spot: questionState },
  { method: 'DELETE', route: '/api/v1/questions/:id/accepted-answer', as: 'member', kind: 'api', params: questionParams },
  { method: 'PUT', route: '/api/v1/questions/:id/follow', as: 'member', kind: 'api', params: questionParams },
  { method: 'DELETE', route: '/api/v1/questions/:id/follow', as: 'member', kind: 'api', params: questionParams },
  { method: 'PUT', route: '/api/v1/questions/:id/hidden', as: 'facilitator', kind: 'api', params: questionParams, fields: reasonFields, valid: hideReason, spot: questionState },
  { method: 'DELETE', route: '/api/v1/questions/:id/hidden', as: 'facilitator', kind: 'api', params: questionParams },
  { method: 'PUT', route: '/api/v1/questions/:id/closed', as: 'member', kind: 'api', params: questionParams, fields: [text('duplicateOf', req)], valid: (w) => ({ duplicateOf: w.question!.otherId }), spot: questionState },
  { method: 'DELETE', route: '/api/v1/questions/:id/closed', as: 'member', kind: 'api', params: questionParams },
  { method: 'POST', route: '/api/v1/questions/:id/answer-invitations', as: 'member', kind: 'api', params: questionParams, fields: [{ name: 'userIds', kind: 'list', required: true }], valid: (w) => ({ userIds: [w.users.facilitator.id] }), spot: questionState },
  { method: 'PATCH', route: '/api/v1/answers/:id', as: 'facilitator', kind: 'api', params: answerParams, fields: answerFields, valid: () => ({ body: 'Via de API bewerkt.' }), spot: questionState },
  { method: 'DELETE', route: '/api/v1/answers/:id', as: 'facilitator', kind: 'api', params: answerParams },
  { method: 'GET', route: '/api/v1/answers/:id/revisions', as: 'member', kind: 'api', params: answerParams },
  { method: 'PUT', route: '/api/v1/answers/:id/helped', as: 'member', kind: 'api', params: answerParams },
  { method: 'DELETE', route: '/api/v1/answers/:id/helped', as: 'member', kind: 'api', params: answerParams },
  { method: 'PUT', route: '/api/v1/answers/:id/hidden', as: 'facilitator', kind: 'api', params: answerParams, fields: reasonFields, valid: hideReason, spot: questionState },
  { method: 'DELETE', route: '/api/v1/answers/:id/hidden', as: 'facilitator', kind: 'api', params: answerParams },
  { method: 'POST', route: '/api/v1/answers/:id/comments', as: 'member', kind: 'api', params: answerParams, fields: postFields, valid: () => ({ body: 'Via de API: dank.' }), spot: questionState },
  { method: 'DELETE', route: '/api/v1/comments/:id', as: 'member', kind: 'api', params: commentParams },
  { method: 'PUT', route: '/api/v1/comments/:id/hidden', as: 'facilitator', kind: 'api', params: commentParams, fields: reasonFields, valid: hideReason, spot: questionState },
  { method: 'DELETE', route: '/api/v1/comments/:id/hidden', as: 'facilitator', kind: 'api', params: commentParams },
];
