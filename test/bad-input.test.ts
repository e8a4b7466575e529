/**
 * The bad-input sweep: every form post and every API route with a body, query or path parameters
 * gets malformed, oversized, wrong-typed and missing input, sent by someone who IS allowed to use
 * the route. The cases are generated from ENTRIES (a route, who may use it, its fields); a
 * state-changing or parameterised route without an entry fails the test.
 *
 * What must hold for every case:
 * - never a 5xx;
 * - a form answers 422 with an error message and what the user typed (passwords excepted);
 * - the API answers application/problem+json, with `invalidParams` naming the field for
 *   validation errors;
 * - a refused request leaves nothing half-written (spot checks per route), and no prototype is
 *   polluted.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientWithOwnAddress, createTestOrganisation, createTestUser, sessionClient, TEST_PASSWORD } from './harness.ts';
import { createTestAppWithRoutes, routeKey, staleRows, uncoveredRoutes, type AppRoute } from './route-inventory.ts';
import {
  ACCENT,
  communityState,
  countCommunities,
  countInvitations,
  countOrganisations,
  countTokens,
  countUsers,
  organisationRow,
  STRONG,
  sweepEntry,
  uid,
  userRow,
  type Entry,
  type Field,
  type TestApp,
  type World,
} from './bad-input.support.ts';
// Swept in bad-input.questions.test.ts (one file would outrun the runner's time limit); covered here.
import { QUESTION_ENTRIES } from './bad-input.questions.ts';
import { FRAMEWORK_ENTRIES } from './bad-input.frameworks.ts';
import { MULTIPART_ENTRIES, PRACTICE_ENTRIES } from './bad-input.practices.ts';
import { PROMPT_ENTRIES } from './bad-input.prompts.ts';
import { NOTIFICATION_ENTRIES } from './bad-input.notifications.ts';
import { signUnsubscribeToken } from '../src/notifications/mail/mail.models.ts';
import { unsubscribeKey } from '../src/notifications/mail/mail.repository.ts';

const text = (name: string, extra: Partial<Field> = {}): Field => ({ name, kind: 'text', ...extra });
const req = { required: true };
const communityFields: Field[] = [text('name', req), text('purpose'), { name: 'tags', kind: 'list' }, { name: 'visibility', kind: 'choice', required: true }, { name: 'partnerOrganisationIds', kind: 'list' }];
const profileFields: Field[] = [text('name'), text('jobTitle'), text('bio'), { name: 'expertise', kind: 'list' }, { name: 'locale', kind: 'choice' }];
const paging: Entry['query'] = [{ name: 'page', kind: 'page' }, { name: 'pageSize', kind: 'page' }];
const slugParams = (w: World) => ({ slug: w.community.slug });
const idParams = (w: World) => ({ id: w.community.id });
/** A signed unsubscribe link for the victim (src/notifications/mail), made before the entry's first request. */
const unsubscribeTokens = new WeakMap<World, string>();
const prepareUnsubscribe = async (w: World) => void unsubscribeTokens.set(w, signUnsubscribeToken(await unsubscribeKey(w.t.deps.db), w.users.victim.id, 'digest'));
const unsubscribeParams = (w: World) => ({ token: unsubscribeTokens.get(w) ?? '' });

const createOrganisationFormFields: Field[] = [text('name', req), text('slug'), { name: 'kind', kind: 'choice', required: true }, { name: 'emailDomains', kind: 'list' }, { name: 'allowSelfSignup', kind: 'bool' }];
// The edit form sends every field, but the schema is the API's PATCH: what is left out stays as it is.
const editOrganisationFormFields: Field[] = [text('name'), text('slug'), { name: 'kind', kind: 'choice' }, { name: 'emailDomains', kind: 'list' }, { name: 'allowSelfSignup', kind: 'bool' }, text(`theme.${ACCENT}`)];
const organisationApiFields = (required: boolean): Field[] => [text('name', { required }), text('slug'), { name: 'kind', kind: 'choice', required }, { name: 'emailDomains', kind: 'list' }, { name: 'allowSelfSignup', kind: 'bool' }, { name: 'theme', kind: 'object' }];

const ENTRIES: Entry[] = [
  // Public forms: log in, sign up, links from e-mails.
  { method: 'POST', route: '/inloggen', as: 'anonymous', kind: 'form', fresh: 'client', fields: [{ name: 'email', kind: 'email', required: true }, { name: 'password', kind: 'password', required: true }, text('next', { lenient: true })], valid: (w) => ({ email: w.users.member.email, password: TEST_PASSWORD, next: '/profiel' }) },
  { method: 'POST', route: '/aanmelden', as: 'anonymous', kind: 'form', fields: [{ name: 'email', kind: 'email', required: true }, text('name', req), { name: 'password', kind: 'password', required: true }], valid: (w) => ({ email: `nieuw-${uid()}@${w.signUpDomain}`, name: 'Nieuwe Collega', password: STRONG }), spot: (w) => countUsers(w, w.signUpOrg.id) },
  { method: 'POST', route: '/aanmelden/bevestigen/:token', as: 'anonymous', kind: 'form', fresh: 'world', params: (w) => ({ token: w.verifyToken }), fields: [{ name: 'password', kind: 'password', required: true }], valid: () => ({ password: TEST_PASSWORD }) },
  { method: 'POST', route: '/uitnodiging/:token', as: 'anonymous', kind: 'form', fresh: 'world', params: (w) => ({ token: w.invitationToken }), fields: [text('name', req), { name: 'password', kind: 'password', required: true }, { name: 'passwordConfirmation', kind: 'password', required: true }], valid: () => ({ name: 'Nieuwe Collega', password: STRONG, passwordConfirmation: STRONG }), spot: (w) => countUsers(w, w.org.id) },
  { method: 'POST', route: '/wachtwoord-vergeten', as: 'anonymous', kind: 'form', fields: [{ name: 'email', kind: 'email', required: true }], valid: (w) => ({ email: w.users.member.email }) },
  // One-click unsubscribe: every unknown or forged link is 404 (not 410: it never existed), so its parameter is lenient here; unsubscribe.routes.test.ts checks the 404s.
  { method: 'POST', route: '/afmelden/:token', as: 'anonymous', kind: 'action', prepare: prepareUnsubscribe, params: unsubscribeParams, lenientParams: true, fields: [text('List-Unsubscribe', { lenient: true })], valid: () => ({ 'List-Unsubscribe': 'One-Click' }) },
  { method: 'POST', route: '/wachtwoord-herstellen/:token', as: 'anonymous', kind: 'form', fresh: 'world', params: (w) => ({ token: w.resetToken }), fields: [{ name: 'password', kind: 'password', required: true }, { name: 'passwordConfirmation', kind: 'password', required: true }], valid: () => ({ password: STRONG, passwordConfirmation: STRONG }) },

  // Session, language, profile, sessions and tokens.
  { method: 'POST', route: '/uitloggen', as: 'member', kind: 'action', fresh: 'client' },
  { method: 'POST', route: '/taal', as: 'member', kind: 'action', fields: [{ name: 'locale', kind: 'choice', required: true }, text('next', { lenient: true })], valid: () => ({ locale: 'nl', next: '/profiel' }) },
  { method: 'POST', route: '/profiel', as: 'member', kind: 'form', fields: profileFields, valid: () => ({ name: 'Mila Lid', jobTitle: 'Consulent', bio: 'Ik werk in de wijk.', expertise: 'wmo, schuldhulp', locale: 'nl' }), spot: (w) => userRow(w, w.users.member.id) },
  { method: 'POST', route: '/profiel/wachtwoord', as: 'member', kind: 'form', fields: [{ name: 'currentPassword', kind: 'password', required: true }, { name: 'password', kind: 'password', required: true }, { name: 'passwordConfirmation', kind: 'password', required: true }], valid: () => ({ currentPassword: TEST_PASSWORD, password: STRONG, passwordConfirmation: STRONG }), spot: (w) => userRow(w, w.users.member.id) },
  { method: 'POST', route: '/profiel/sessies/:id/uitloggen', as: 'member', kind: 'action', params: (w) => ({ id: w.memberOtherSessionId }) },
  { method: 'POST', route: '/profiel/sessies/andere-uitloggen', as: 'member', kind: 'action' },
  { method: 'POST', route: '/profiel/tokens', as: 'member', kind: 'form', fields: [text('name', req), { name: 'scope', kind: 'choice', required: true }], valid: () => ({ name: 'Mijn script', scope: 'read' }), spot: (w) => countTokens(w, w.users.member.id) },
  { method: 'POST', route: '/profiel/tokens/:id/intrekken', as: 'member', kind: 'action', params: (w) => ({ id: w.memberTokenId }), valid: () => ({ confirmed: 'yes' }) },
  { method: 'PATCH', route: '/api/v1/me', as: 'member', kind: 'api', fields: profileFields, valid: () => ({ name: 'Mila Lid', jobTitle: 'Consulent', bio: 'Wijkteam.', expertise: ['wmo'], locale: 'nl' }), spot: (w) => userRow(w, w.users.member.id) },
  { method: 'GET', route: '/api/v1/me/sessions', as: 'member', kind: 'api', query: paging },
  { method: 'DELETE', route: '/api/v1/me/sessions/:id', as: 'member', kind: 'api', params: (w) => ({ id: w.memberOtherSessionId }) },
  { method: 'GET', route: '/api/v1/me/tokens', as: 'member', kind: 'api', query: paging },
  { method: 'POST', route: '/api/v1/me/tokens', as: 'member', kind: 'api', session: true, fields: [text('name', req), { name: 'scope', kind: 'choice', required: true }], valid: () => ({ name: 'Script', scope: 'read' }), spot: (w) => countTokens(w, w.users.member.id) },
  { method: 'DELETE', route: '/api/v1/me/tokens/:id', as: 'member', kind: 'api', params: (w) => ({ id: w.memberTokenId }) },

  // Organisation administration.
  { method: 'POST', route: '/beheer/organisatie/uitnodigen', as: 'admin', kind: 'form', fields: [{ name: 'email', kind: 'email', required: true }, { name: 'role', kind: 'choice', required: true }, { name: 'locale', kind: 'choice' }], valid: () => ({ email: `uitgenodigd-${uid()}@example.test`, role: 'member', locale: 'nl' }), spot: (w) => countInvitations(w) },
  { method: 'POST', route: '/beheer/organisatie/uitnodigen/:id/intrekken', as: 'admin', kind: 'action', params: (w) => ({ id: w.invitationId }), valid: () => ({ confirmed: 'yes' }) },
  { method: 'POST', route: '/api/v1/organisations/:organisationId/invitations', as: 'admin', kind: 'api', params: (w) => ({ organisationId: w.org.id }), fields: [{ name: 'email', kind: 'email', required: true }, { name: 'role', kind: 'choice', required: true }, { name: 'locale', kind: 'choice' }], valid: () => ({ email: `api-uitgenodigd-${uid()}@example.test`, role: 'member', locale: 'nl' }), spot: (w) => countInvitations(w) },
  { method: 'POST', route: '/beheer/organisatie/leden/:userId/rol', as: 'admin', kind: 'form', params: (w) => ({ userId: w.users.victim.id }), fields: [{ name: 'role', kind: 'choice', required: true }], valid: () => ({ role: 'manager' }), spot: (w) => userRow(w, w.users.victim.id) },
  { method: 'POST', route: '/beheer/organisatie/leden/:userId/deactiveren', as: 'admin', kind: 'action', params: (w) => ({ userId: w.users.victim.id }), valid: () => ({ confirmed: 'yes' }) },
  { method: 'POST', route: '/beheer/organisatie/leden/:userId/heractiveren', as: 'admin', kind: 'action', params: (w) => ({ userId: w.users.victim.id }) },
  { method: 'GET', route: '/api/v1/organisations/:id/members', as: 'admin', kind: 'api', params: (w) => ({ id: w.org.id }), query: [...paging!, { name: 'q', kind: 'text' }, { name: 'role', kind: 'choice' }, { name: 'status', kind: 'choice' }] },
  { method: 'PATCH', route: '/api/v1/organisations/:id/members/:userId', as: 'admin', kind: 'api', params: (w) => ({ id: w.org.id, userId: w.users.victim.id }), fields: [{ name: 'role', kind: 'choice' }, { name: 'status', kind: 'choice' }], valid: () => ({ role: 'manager' }), spot: (w) => userRow(w, w.users.victim.id) },

  // Platform administration.
  { method: 'POST', route: '/beheer/organisaties/nieuw', as: 'platformAdmin', kind: 'form', fields: createOrganisationFormFields, valid: (w) => ({ name: `Gemeente Slecht ${w.tag}`, slug: `slecht-${w.tag}`, kind: 'municipality', emailDomains: `slecht-${w.tag}.example`, allowSelfSignup: 'yes' }), spot: (w) => countOrganisations(w, `Gemeente Slecht ${w.tag}`) },
  { method: 'POST', route: '/beheer/organisaties/:slug', as: 'platformAdmin', kind: 'form', fresh: 'world', params: (w) => ({ slug: w.targetOrg.slug }), fields: editOrganisationFormFields, valid: (w) => ({ name: w.targetOrg.name, slug: w.targetOrg.slug, kind: 'partner', emailDomains: `doel-${w.tag}.example`, allowSelfSignup: '', [`theme.${ACCENT}`]: '#1a5b8f' }), spot: (w) => organisationRow(w, w.targetOrg.id) },
  { method: 'GET', route: '/api/v1/organisations', as: 'platformAdmin', kind: 'api', query: [...paging!, { name: 'q', kind: 'text' }] },
  { method: 'POST', route: '/api/v1/organisations', as: 'platformAdmin', kind: 'api', fields: organisationApiFields(true), valid: (w) => ({ name: `Gemeente Api ${w.tag}`, slug: `api-${w.tag}`, kind: 'partner', emailDomains: [`api-${w.tag}.example`], allowSelfSignup: false, theme: { [ACCENT]: '#123456' } }), spot: (w) => countOrganisations(w, `Gemeente Api ${w.tag}`) },
  { method: 'GET', route: '/api/v1/organisations/:id', as: 'platformAdmin', kind: 'api', params: (w) => ({ id: w.targetOrg.id }) },
  { method: 'PATCH', route: '/api/v1/organisations/:id', as: 'platformAdmin', kind: 'api', params: (w) => ({ id: w.targetOrg.id }), fields: organisationApiFields(false), valid: (w) => ({ name: w.targetOrg.name, emailDomains: [`doel-${w.tag}.example`] }), spot: (w) => organisationRow(w, w.targetOrg.id) },

  // Communities.
  { method: 'POST', route: '/gemeenschappen', as: 'manager', kind: 'form', fields: communityFields, valid: (w) => ({ name: 'Kring met slechte invoer', purpose: 'Samen leren', tags: 'wmo, zorg', visibility: 'closed', partnerOrganisationIds: w.partnerOrg.id }), spot: (w) => countCommunities(w, w.users.manager.id) },
  { method: 'POST', route: '/gemeenschappen/:slug/bewerken', as: 'facilitator', kind: 'form', params: slugParams, fields: communityFields, valid: (w) => ({ name: w.community.name, purpose: 'Samen leren', tags: 'wmo, zorg', visibility: 'closed', partnerOrganisationIds: w.partnerOrg.id }), spot: (w) => communityState(w) },
  { method: 'POST', route: '/gemeenschappen/:slug/lid-worden', as: 'nonMember', kind: 'action', params: slugParams },
  { method: 'POST', route: '/gemeenschappen/:slug/aanvraag', as: 'nonMember', kind: 'form', fresh: 'world', params: slugParams, fields: [text('message')], valid: () => ({ message: 'Ik werk ook aan dit thema.' }), spot: (w) => communityState(w) },
  { method: 'POST', route: '/gemeenschappen/:slug/aanvraag/intrekken', as: 'requester', kind: 'action', params: slugParams },
  { method: 'POST', route: '/gemeenschappen/:slug/verlaten', as: 'member', kind: 'action', params: slugParams, valid: () => ({ confirmed: 'yes' }) },
  { method: 'POST', route: '/gemeenschappen/:slug/uitnodiging/accepteren', as: 'invitee', kind: 'action', params: slugParams },
  { method: 'POST', route: '/gemeenschappen/:slug/uitnodiging/afslaan', as: 'invitee', kind: 'action', params: slugParams },
  { method: 'POST', route: '/gemeenschappen/:slug/aanvragen/:userId/toelaten', as: 'facilitator', kind: 'action', params: (w) => ({ slug: w.community.slug, userId: w.users.requester.id }) },
  { method: 'POST', route: '/gemeenschappen/:slug/aanvragen/:userId/afwijzen', as: 'facilitator', kind: 'action', params: (w) => ({ slug: w.community.slug, userId: w.users.requester.id }) },
  { method: 'POST', route: '/gemeenschappen/:slug/uitnodigen', as: 'facilitator', kind: 'form', params: slugParams, fields: [{ name: 'email', kind: 'email', required: true }], valid: (w) => ({ email: w.users.nonMember.email }), spot: (w) => communityState(w) },
  { method: 'POST', route: '/gemeenschappen/:slug/leden/:userId/rol', as: 'facilitator', kind: 'action', params: (w) => ({ slug: w.community.slug, userId: w.users.member.id }), fields: [{ name: 'role', kind: 'choice', required: true }], valid: () => ({ role: 'facilitator' }), spot: (w) => communityState(w) },
  { method: 'POST', route: '/gemeenschappen/:slug/leden/:userId/verwijderen', as: 'facilitator', kind: 'action', params: (w) => ({ slug: w.community.slug, userId: w.users.member.id }), valid: () => ({ confirmed: 'yes' }) },
  { method: 'GET', route: '/api/v1/communities', as: 'member', kind: 'api', query: [...paging!, { name: 'q', kind: 'text' }, { name: 'mine', kind: 'bool' }] },
  // Signals: the page and CSV read their Dutch period query leniently; the API's is the schema's (period, from, to).
  { method: 'GET', route: '/gemeenschappen/:slug/signalen', as: 'facilitator', kind: 'page', params: slugParams, query: [{ name: 'periode', kind: 'choice' }, { name: 'van', kind: 'text' }, { name: 'tot', kind: 'text' }] },
  { method: 'GET', route: '/gemeenschappen/:slug/signalen.csv', as: 'facilitator', kind: 'page', params: slugParams, query: [{ name: 'periode', kind: 'choice' }, { name: 'van', kind: 'text' }, { name: 'tot', kind: 'text' }] },
  { method: 'GET', route: '/api/v1/communities/:id/signals', as: 'facilitator', kind: 'api', params: idParams, query: [{ name: 'period', kind: 'choice' }, { name: 'from', kind: 'text' }, { name: 'to', kind: 'text' }] },
  ...['/signalen', '/signalen.csv', '/signalen/keten', '/signalen/keten.csv'].map((route) => ({ method: 'GET', route, as: 'admin', kind: 'page', query: [{ name: 'periode', kind: 'choice' }, { name: 'van', kind: 'text' }, { name: 'tot', kind: 'text' }, { name: 'pagina', kind: 'page' }] }) as const satisfies Entry),
  ...['/api/v1/organisations/:id/signals', '/api/v1/organisations/:id/signals/chain'].map((route) => ({ method: 'GET', route, as: 'admin', kind: 'api', params: (w: World) => ({ id: w.org.id }), query: [{ name: 'period', kind: 'choice' }, { name: 'from', kind: 'text' }, { name: 'to', kind: 'text' }, { name: 'page', kind: 'page' }] }) as const satisfies Entry),
  { method: 'POST', route: '/api/v1/communities', as: 'manager', kind: 'api', fields: communityFields, valid: (w) => ({ name: 'Api-kring', purpose: 'Samen leren', tags: ['wmo'], visibility: 'open', partnerOrganisationIds: [w.partnerOrg.id] }), spot: (w) => countCommunities(w, w.users.manager.id) },
  { method: 'GET', route: '/api/v1/communities/:id', as: 'member', kind: 'api', params: idParams },
  { method: 'PATCH', route: '/api/v1/communities/:id', as: 'facilitator', kind: 'api', params: idParams, fields: communityFields.map((f) => ({ ...f, required: false })), valid: () => ({ purpose: 'Aangescherpt doel' }), spot: (w) => communityState(w) },
  { method: 'GET', route: '/api/v1/communities/:id/members', as: 'member', kind: 'api', params: idParams, query: [...paging!, { name: 'q', kind: 'text' }] },
  { method: 'GET', route: '/api/v1/search', as: 'member', kind: 'api', query: [...paging!, { name: 'q', kind: 'text' }, { name: 'community', kind: 'text' }, { name: 'kind', kind: 'choice' }, { name: 'questionKind', kind: 'choice' }, { name: 'tag', kind: 'text' }, { name: 'from', kind: 'choice' }, { name: 'to', kind: 'choice' }] },
  { method: 'GET', route: '/api/v1/communities/:id/questions/similar', as: 'member', kind: 'api', params: idParams, query: [{ name: 'title', kind: 'text' }, { name: 'limit', kind: 'page' }] },
  { method: 'POST', route: '/api/v1/communities/:id/join', as: 'nonMember', kind: 'api', params: idParams, fields: [text('message')], valid: () => ({ message: 'Graag' }), spot: (w) => communityState(w) },
  { method: 'POST', route: '/api/v1/communities/:id/leave', as: 'member', kind: 'api', params: idParams },
  { method: 'POST', route: '/api/v1/communities/:id/invitations', as: 'facilitator', kind: 'api', params: idParams, fields: [{ name: 'email', kind: 'email', required: true }], valid: (w) => ({ email: w.users.nonMember.email }), spot: (w) => communityState(w) },
  { method: 'POST', route: '/api/v1/communities/:id/requests/:userId/approve', as: 'facilitator', kind: 'api', params: (w) => ({ id: w.community.id, userId: w.users.requester.id }) },
  { method: 'POST', route: '/api/v1/communities/:id/requests/:userId/decline', as: 'facilitator', kind: 'api', params: (w) => ({ id: w.community.id, userId: w.users.requester.id }) },
  { method: 'PATCH', route: '/api/v1/communities/:id/members/:userId', as: 'facilitator', kind: 'api', params: (w) => ({ id: w.community.id, userId: w.users.member.id }), fields: [{ name: 'role', kind: 'choice', required: true }], valid: () => ({ role: 'facilitator' }), spot: (w) => communityState(w) },

  // Pages with path parameters or a query string: read leniently, never an error page for a query.
  { method: 'GET', route: '/uitnodiging/:token', as: 'anonymous', kind: 'page', params: (w) => ({ token: w.invitationToken }) },
  { method: 'GET', route: '/aanmelden/bevestigen/:token', as: 'anonymous', kind: 'page', params: (w) => ({ token: w.verifyToken }) },
  { method: 'GET', route: '/wachtwoord-herstellen/:token', as: 'anonymous', kind: 'page', params: (w) => ({ token: w.resetToken }) },
  { method: 'GET', route: '/afmelden/:token', as: 'anonymous', kind: 'page', prepare: prepareUnsubscribe, params: unsubscribeParams, lenientParams: true },
  { method: 'GET', route: '/thema/:organisationId.css', as: 'member', kind: 'page', lenientParams: true, params: (w) => ({ organisationId: w.org.id }) },
  { method: 'GET', route: '/beheer/organisaties/:slug', as: 'platformAdmin', kind: 'page', params: (w) => ({ slug: w.targetOrg.slug }) },
  { method: 'GET', route: '/beheer/organisatie/leden/:userId', as: 'admin', kind: 'page', params: (w) => ({ userId: w.users.victim.id }) },
  { method: 'GET', route: '/gemeenschappen/:slug', as: 'member', kind: 'page', params: slugParams },
  { method: 'GET', route: '/gemeenschappen/:slug/bewerken', as: 'facilitator', kind: 'page', params: slugParams },
  { method: 'GET', route: '/gemeenschappen/:slug/leden', as: 'member', kind: 'page', params: slugParams, query: [{ name: 'q', kind: 'text' }, { name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/gemeenschappen/:slug/aanvragen', as: 'facilitator', kind: 'page', params: slugParams, query: [{ name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/gemeenschappen', as: 'member', kind: 'page', query: [{ name: 'q', kind: 'text' }, { name: 'mijn', kind: 'bool' }, { name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/gemeenschappen/:slug/zoekvragen', as: 'facilitator', kind: 'page', params: slugParams, query: [{ name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/zoeken', as: 'member', kind: 'page', query: [{ name: 'q', kind: 'text' }, { name: 'gemeenschap', kind: 'text' }, { name: 'soort', kind: 'choice' }, { name: 'vraagsoort', kind: 'choice' }, { name: 'tag', kind: 'text' }, { name: 'van', kind: 'choice' }, { name: 'tot', kind: 'choice' }, { name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/beheer/organisaties', as: 'platformAdmin', kind: 'page', query: [{ name: 'zoek', kind: 'text' }, { name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/beheer/organisatie', as: 'admin', kind: 'page', query: [{ name: 'zoek', kind: 'text' }, { name: 'rol', kind: 'choice' }, { name: 'status', kind: 'choice' }, { name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/beheer/organisatie/uitnodigen', as: 'admin', kind: 'page', query: [{ name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/profiel/sessies', as: 'member', kind: 'page', query: [{ name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/profiel/tokens', as: 'member', kind: 'page', query: [{ name: 'pagina', kind: 'page' }] },
  { method: 'GET', route: '/inloggen', as: 'member', kind: 'page', query: [{ name: 'volgende', kind: 'text' }] },
  { method: 'GET', route: '/inloggen', as: 'anonymous', kind: 'page', query: [{ name: 'volgende', kind: 'text' }] },
];

/** A route needs an entry when it changes something, takes path parameters, or is an API list with a query. */
const needsEntry = (route: AppRoute) => (route.method !== 'GET' && route.method !== 'HEAD') || route.url.includes(':') || (route.url.startsWith('/api/') && Boolean(route.hasQuerySchema));

// --- The tests -------------------------------------------------------------------------------

describe('bad input: every form post and API route survives malformed, oversized and wrong-typed input', () => {
  let t: TestApp;
  before(async () => {
    // Rate limits are not what this test is about: hundreds of refused log-ins come from one place here.
    t = await createTestAppWithRoutes({ config: { loginRateLimit: 10_000 } });
  });
  after(() => t.close());

  it('has an entry for every route that changes something, takes path parameters or an API query', () => {
    const covered = new Set([...ENTRIES, ...QUESTION_ENTRIES, ...FRAMEWORK_ENTRIES, ...PRACTICE_ENTRIES, ...MULTIPART_ENTRIES, ...PROMPT_ENTRIES, ...NOTIFICATION_ENTRIES].map((e) => routeKey({ method: e.method, url: e.route })));
    assert.deepEqual(uncoveredRoutes(t.routes, covered, { needsRow: needsEntry }), [], 'routes without an entry in ENTRIES: add one with its fields');
    assert.deepEqual(staleRows(t.routes, covered), [], 'entries for routes the app does not have');
  });

  for (const entry of ENTRIES) {
    it(`${entry.method} ${entry.route} (as ${entry.as})`, async (ctx) => {
      const { count, failures } = await sweepEntry(t, entry);
      ctx.diagnostic(`${count} cases`);
      assert.deepEqual(failures, [], `${entry.method} ${entry.route}\n  ${failures.join('\n  ')}`);
    });
  }
});

describe('bad input: redirect targets never leave the site', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestAppWithRoutes({ config: { loginRateLimit: 10_000 } });
  });
  after(() => t.close());

  // Browsers drop tabs and line breaks from a URL before resolving it: "/\t/evil.example" is "//evil.example".
  const targets = ['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', 'https://evil.example/', ' //evil.example', '\t//evil.example', '/%09/evil.example', '/\u0000/evil.example'];
  const staysHere = (location: string | undefined) => {
    if (!location || /[\u0000-\u001f\u007f]/.test(location)) return false;
    return new URL(location.replace(/[\t\n\r]/g, ''), 'https://leerkring.test/profiel').origin === 'https://leerkring.test';
  };

  it('after log-in, after a language switch, and on /inloggen when already logged in', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id);
    const failures: string[] = [];
    for (const target of targets) {
      const anonymous = clientWithOwnAddress(t.app);
      await anonymous.get('/');
      const logIn = await anonymous.post('/inloggen', { email: user.email, password: TEST_PASSWORD, next: target });
      if (logIn.statusCode !== 303 || !staysHere(logIn.headers.location as string)) failures.push(`POST /inloggen next=${JSON.stringify(target)} → ${logIn.statusCode} ${JSON.stringify(logIn.headers.location)}`);
      const client = await sessionClient(t.deps, t.app, user.id);
      const language = await client.post('/taal', { locale: 'nl', next: target });
      if (language.statusCode !== 303 || !staysHere(language.headers.location as string)) failures.push(`POST /taal next=${JSON.stringify(target)} → ${language.statusCode} ${JSON.stringify(language.headers.location)}`);
      const again = await client.get(`/inloggen?volgende=${encodeURIComponent(target)}`);
      if (again.statusCode !== 302 || !staysHere(again.headers.location as string)) failures.push(`GET /inloggen?volgende=${JSON.stringify(target)} → ${again.statusCode} ${JSON.stringify(again.headers.location)}`);
    }
    assert.deepEqual(failures, []);
  });
});
