/**
 * The machinery of the bad-input sweep (bad-input.test.ts): a fresh world per route entry, the
 * cases generated from an entry's fields, parameters and query, and the judgement of each answer.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { issueOneTimeToken, startSession } from '../src/accounts/accounts.usecases.ts';
import { insertInvitation } from '../src/accounts/invitations/invitations.repository.ts';
import { hashToken } from '../src/platform/auth/tokens.ts';
import { askQuestion } from '../src/questions/questions.usecases.ts';
import { postAnswer } from '../src/questions/answers/answers.usecases.ts';
import { postComment } from '../src/questions/comments/comments.usecases.ts';
import { actorOf, clientWithOwnAddress, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient, type TestClient } from './harness.ts';
import type { createTestAppWithRoutes } from './route-inventory.ts';

export type TestApp = Awaited<ReturnType<typeof createTestAppWithRoutes>>;
type UserRow = Awaited<ReturnType<typeof createTestUser>>;
type OrganisationRow = Awaited<ReturnType<typeof createTestOrganisation>>;

export const STRONG = 'een lang en nieuw wachtwoord voor de test';
export const LONG = 'x'.repeat(10_001);
const NUL = 'ab\u0000cd';
const CONTROL = '/\r\nX-Injected: 1';
export const ACCENT = '--basis-color-accent-1-color-default';
export const uid = () => randomUUID().slice(0, 8);

// --- Who and what ----------------------------------------------------------------------------

export type As = 'anonymous' | 'admin' | 'manager' | 'facilitator' | 'member' | 'nonMember' | 'requester' | 'invitee' | 'platformAdmin';
type FieldKind = 'text' | 'email' | 'password' | 'choice' | 'list' | 'bool' | 'object';

export interface Field {
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** Any value is acceptable (the field falls back to a default): only "no 5xx" is asked. */
  lenient?: boolean;
  /** A limit above 10,000 characters (a question's text): the oversized case goes one past it. */
  maxLength?: number;
}

type QueryKind = 'page' | 'text' | 'choice' | 'bool';

export interface Entry {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  route: string;
  as: As;
  /** form: re-renders on bad input; action: a button post (an error page on bad input); page: a GET page; api: JSON. */
  kind: 'form' | 'action' | 'page' | 'api';
  params?: (w: World) => Record<string, string>;
  fields?: Field[];
  /** A valid body: strings for forms, JSON values for the API. */
  valid?: (w: World) => Record<string, unknown>;
  query?: { name: string; kind: QueryKind }[];
  /** Path parameters are not checked by the route (anything names "nothing"): only "no 5xx". */
  lenientParams?: boolean;
  /** API through a logged-in session (x-csrf-token) instead of a personal access token. */
  session?: boolean;
  /** A new client (`client`) or a whole new world (`world`) per case: the route logs in or out, or uses up its link. */
  fresh?: 'client' | 'world';
  /** State that a refused request must leave as it was. */
  spot?: (w: World) => Promise<unknown>;
  /** Runs on every world the entry is swept in, before its first request (a draft to publish). */
  prepare?: (w: World) => Promise<void>;
}

// --- The world of one entry ------------------------------------------------------------------

export interface World {
  t: TestApp;
  tag: string;
  org: OrganisationRow;
  partnerOrg: OrganisationRow;
  targetOrg: OrganisationRow;
  signUpOrg: OrganisationRow;
  signUpDomain: string;
  users: Record<Exclude<As, 'anonymous'> | 'victim', UserRow>;
  community: { id: string; slug: string; name: string };
  /**
   * Only for the questions entries (`buildWorld(t, { question: true })`): in the community, the
   * member's question, the facilitator's answer, the member's comment; another question to close it as a duplicate of.
   */
  question?: { id: string; answerId: string; commentId: string; otherId: string };
  memberOtherSessionId: string;
  memberTokenId: string;
  invitationId: string;
  verifyToken: string;
  resetToken: string;
  invitationToken: string;
}

export async function buildWorld(t: TestApp, options: { question?: boolean } = {}): Promise<World> {
  const { deps } = t;
  const tag = uid();
  const org = await createTestOrganisation(deps, { name: `Gemeente Invoer ${tag}` });
  const partnerOrg = await createTestOrganisation(deps, { name: `Partner Invoer ${tag}`, kind: 'partner' });
  const targetOrg = await createTestOrganisation(deps, { name: `Doel Invoer ${tag}`, kind: 'partner' });
  const thirdOrg = await createTestOrganisation(deps);
  const signUpOrg = await createTestOrganisation(deps, { allowSelfSignup: true });
  const users = {
    admin: await createTestUser(deps, org.id, { role: 'admin' }),
    manager: await createTestUser(deps, org.id, { role: 'manager' }),
    facilitator: await createTestUser(deps, org.id),
    member: await createTestUser(deps, org.id),
    nonMember: await createTestUser(deps, org.id),
    requester: await createTestUser(deps, org.id),
    invitee: await createTestUser(deps, org.id),
    platformAdmin: await createTestUser(deps, thirdOrg.id, { role: 'admin', isPlatformAdmin: true }),
    victim: await createTestUser(deps, org.id),
  };
  const community = await createTestCommunity(deps, org.id, {
    name: `Kring Invoer ${tag}`,
    visibility: 'closed',
    partners: [partnerOrg.id],
    members: [
      { userId: users.facilitator.id, role: 'facilitator' },
      { userId: users.member.id },
      { userId: users.requester.id, status: 'requested' },
      { userId: users.invitee.id, status: 'invited' },
    ],
  });
  const question = options.question ? await createQuestionThread(deps, community.id, users, tag) : undefined;
  await startSession(deps, users.member.id, { ip: '10.9.9.9', userAgent: 'Telefoon' });
  const memberOtherSession = await deps.db.selectFrom('sessions').select('id').where('user_id', '=', users.member.id).executeTakeFirstOrThrow();
  await createTestPersonalAccessToken(deps, users.member.id, 'read');
  const memberToken = await deps.db.selectFrom('access_tokens').select('id').where('user_id', '=', users.member.id).executeTakeFirstOrThrow();
  const pending = await createTestUser(deps, signUpOrg.id, { status: 'pending' });
  const verifyToken = await deps.db.transaction().execute((tx) => issueOneTimeToken(tx, deps, pending.id, 'verify_email', 3_600_000));
  const resetToken = await deps.db.transaction().execute((tx) => issueOneTimeToken(tx, deps, users.requester.id, 'reset_password', 3_600_000));
  const invitationToken = randomUUID();
  const invitation = await insertInvitation(deps.db, {
    id: randomUUID(),
    organisationId: org.id,
    email: `genodigd-${tag}@example.test`,
    role: 'member',
    locale: 'nl',
    invitedBy: users.admin.id,
    tokenHash: hashToken(invitationToken),
    now: new Date(),
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return {
    t,
    tag,
    org,
    partnerOrg,
    targetOrg,
    signUpOrg,
    signUpDomain: signUpOrg.email_domains[0]!,
    users,
    community: { id: community.id, slug: community.slug, name: community.name },
    question,
    memberOtherSessionId: memberOtherSession.id,
    memberTokenId: memberToken.id,
    invitationId: invitation.id,
    verifyToken,
    resetToken,
    invitationToken,
  };
}

export const countUsers = async (w: World, organisationId: string) => (await w.t.deps.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', '=', organisationId).executeTakeFirstOrThrow()).n;
export const countTokens = async (w: World, userId: string) => (await w.t.deps.db.selectFrom('access_tokens').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n;
export const countInvitations = async (w: World) => (await w.t.deps.db.selectFrom('invitations').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', '=', w.org.id).executeTakeFirstOrThrow()).n;
export const countOrganisations = async (w: World, name: string) => (await w.t.deps.db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).where('name', 'like', `${name}%`).executeTakeFirstOrThrow()).n;
export const countCommunities = async (w: World, userId: string) => (await w.t.deps.db.selectFrom('communities').select((eb) => eb.fn.countAll().as('n')).where('created_by', '=', userId).executeTakeFirstOrThrow()).n;
export const userRow = (w: World, id: string) => w.t.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
export const organisationRow = (w: World, id: string) => w.t.deps.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();

export async function communityState(w: World) {
  const { db } = w.t.deps;
  const community = await db.selectFrom('communities').selectAll().where('id', '=', w.community.id).executeTakeFirst();
  const members = await db.selectFrom('community_members').select(['user_id', 'role', 'status', 'message']).where('community_id', '=', w.community.id).orderBy('user_id').execute();
  const partners = await db.selectFrom('community_partners').select('organisation_id').where('community_id', '=', w.community.id).orderBy('organisation_id').execute();
  return { community, members, partners };
}

async function createQuestionThread(deps: TestApp['deps'], communityId: string, users: World['users'], tag: string): Promise<NonNullable<World['question']>> {
  const asked = await askQuestion(deps, actorOf(users.member), { id: communityId }, { kind: 'how', title: `Hoe bespreek je schulden? ${tag}`, body: 'Graag tips.', tags: ['schulden'] });
  const answer = await postAnswer(deps, actorOf(users.facilitator), asked.id, { body: 'Begin met luisteren.' });
  const comment = await postComment(deps, actorOf(users.member), { questionId: asked.id }, { body: 'Dank je.' });
  const other = await askQuestion(deps, actorOf(users.facilitator), { id: communityId }, { kind: 'what', title: `Wat is schuldhulp? ${tag}`, body: '' });
  return { id: asked.id, answerId: answer.id, commentId: comment.id, otherId: other.id };
}

/** The questions of the community and everything around the world's question: a refused request changes none of it. */
export async function questionState(w: World) {
  const { db } = w.t.deps;
  const q = w.question!;
  const questions = await db.selectFrom('questions').selectAll().where('community_id', '=', w.community.id).orderBy('id').execute();
  const answers = await db.selectFrom('answers').selectAll().where('question_id', '=', q.id).orderBy('id').execute();
  const comments = await db.selectFrom('comments').selectAll().where('question_id', '=', q.id).orderBy('id').execute();
  const invitations = await db.selectFrom('answer_invitations').select('invitee_id').where('question_id', '=', q.id).orderBy('invitee_id').execute();
  return { questions, answers, comments, invitations };
}

// --- Cases -----------------------------------------------------------------------------------

/**
 * invalid: refused as such (the form again with 422; 400/422 problem+json naming the field);
 * rejected: a path parameter that names nothing (400 naming it, 404, or 410 for links);
 * malformed: a path that cannot be decoded at all (400, a page or problem+json);
 * ok: the page answers (< 400); any: only "no 5xx"; a number: exactly that status.
 */
type Expectation = 'invalid' | 'any' | 'ok' | 'rejected' | 'malformed' | number;

export type Body =
  | { type: 'form'; data: Record<string, unknown>; extra?: string }
  | { type: 'json'; data: Record<string, unknown> }
  | { type: 'raw'; contentType: string; payload: (csrf: string | undefined) => string | Buffer };

export interface Case {
  label: string;
  path: string;
  body?: Body;
  expect: Expectation;
  /** The field or parameter the case breaks: the API must name it in invalidParams. */
  field?: string;
  /** Values the re-rendered form must show again. */
  echo?: string[];
  /** Values the page must never show (passwords). */
  secret?: string[];
}

const URLENCODED = 'application/x-www-form-urlencoded';

function encodeForm(data: Record<string, unknown>, csrf: string | undefined): string {
  const params = new URLSearchParams();
  if (csrf !== undefined) params.append('_csrf', csrf);
  for (const [key, value] of Object.entries(data)) for (const v of [value].flat()) params.append(key, typeof v === 'string' ? v : JSON.stringify(v));
  return params.toString();
}

export const fill = (route: string, params: Record<string, string>, raw: Record<string, string> = {}) =>
  route.replace(/:([A-Za-z]+)/g, (_, name: string) => raw[name] ?? encodeURIComponent(params[name] ?? ''));

const paramKind = (name: string) => (name === 'slug' ? 'slug' : name === 'token' ? 'token' : 'uuid');

function fieldCases(entry: Entry, w: World, path: string): Case[] {
  const isApi = entry.kind === 'api';
  const fields = entry.fields ?? [];
  const cases: Case[] = [];
  for (const field of fields) {
    const valid = entry.valid?.(w) ?? {};
    const others = fields.filter((f) => f !== field);
    // What the re-rendered form must show again: the other text the user typed.
    const echo = others.filter((f) => ['text', 'email', 'list'].includes(f.kind) && typeof valid[f.name] === 'string' && valid[f.name] !== '').map((f) => String(valid[f.name]));
    const secret = fields.filter((f) => f.kind === 'password' && typeof valid[f.name] === 'string').map((f) => String(valid[f.name]));
    const isSingle = field.kind !== 'list' && field.kind !== 'object';
    const lenient = (e: Expectation): Expectation => (field.lenient ? 'any' : e);
    const formBool = !isApi && field.kind === 'bool';
    const long = field.maxLength ? 'x'.repeat(field.maxLength + 1) : LONG;
    const mutations: { label: string; value?: unknown; json?: boolean; raw?: string; remove?: boolean; expect: Expectation; echoValue?: boolean }[] = [
      ...(isSingle ? [{ label: 'an array', value: ['a', 'b'], expect: formBool ? 'any' : lenient('invalid') } as const] : []),
      { label: 'an object', value: { a: 1 }, json: true, expect: !isApi && (field.kind === 'list' || formBool) ? 'any' : lenient('invalid') },
      { label: 'a number', value: 42, json: true, expect: isApi ? lenient('invalid') : 'any' },
      { label: 'null', value: null, json: true, expect: isApi ? lenient('invalid') : 'any' },
      { label: `${long.length.toLocaleString('en')} characters`, value: isApi && field.kind === 'list' ? [long] : long, expect: formBool ? 'any' : lenient('invalid'), echoValue: !isApi && ['text', 'email'].includes(field.kind) && !field.lenient },
      { label: 'a null byte', value: isApi && field.kind === 'list' ? [NUL] : NUL, expect: field.kind === 'password' || formBool ? 'any' : lenient('invalid') },
      { label: 'control characters', value: isApi && field.kind === 'list' ? [CONTROL] : CONTROL, expect: ['text', 'password', 'list', 'bool'].includes(field.kind) || (field.kind === 'object' && !isApi) ? 'any' : lenient('invalid') },
      { label: 'missing', remove: true, expect: field.required ? 'invalid' : 'any' },
      ...(!isApi ? [{ label: 'invalid UTF-8', raw: '%C3%28%FF', expect: field.kind === 'email' || field.kind === 'choice' ? lenient('invalid') : 'any' } as const] : []),
      ...(field.kind === 'choice' ? [{ label: 'an unknown choice', value: 'koning', expect: lenient('invalid') } as const] : []),
      ...(field.kind === 'email' ? [{ label: 'no e-mail address', value: 'geen-adres', expect: lenient('invalid') } as const] : []),
      ...(field.kind === 'object' ? [{ label: 'an unknown key', value: { '--onbekend': 'x' }, expect: 'invalid' } as const, { label: 'CSS that escapes its declaration', value: { [ACCENT]: 'red; } body { background: url(//evil.example)' }, expect: 'invalid' } as const] : []),
    ];
    for (const m of mutations) {
      const data = { ...valid };
      if (m.remove) delete data[field.name];
      else if (m.raw === undefined) data[field.name] = m.value;
      else delete data[field.name];
      const body: Body = m.raw !== undefined
        ? { type: 'raw', contentType: URLENCODED, payload: (csrf) => `${encodeForm(data, csrf)}&${encodeURIComponent(field.name)}=${m.raw}` }
        : isApi || m.json ? { type: 'json', data } : { type: 'form', data };
      cases.push({ label: `${field.name}: ${m.label}`, path, body, expect: m.expect, field: field.name, echo: m.expect === 'invalid' && !isApi ? [...echo, ...(m.echoValue ? [long] : [])] : undefined, secret });
    }
  }
  return cases;
}

function bodyCases(entry: Entry, w: World, path: string): Case[] {
  const isApi = entry.kind === 'api';
  const fields = entry.fields ?? [];
  const valid = entry.valid?.(w) ?? {};
  const hasRequired = fields.some((f) => f.required);
  const firstField = fields.find((f) => f.kind !== 'password') ?? fields[0];
  const first = firstField?.name ?? 'x';
  const csrfJson = (csrf: string | undefined) => (csrf === undefined ? '' : `"_csrf":${JSON.stringify(csrf)},`);
  const validJson = JSON.stringify(valid).slice(1, -1);
  return [
    { label: 'content-type application/xml', path, body: { type: 'raw', contentType: 'application/xml', payload: () => '<naam>x</naam>' }, expect: 415 },
    { label: 'content-type text/plain', path, body: { type: 'raw', contentType: 'text/plain', payload: () => `${first}=x` }, expect: 'any' },
    { label: 'broken JSON', path, body: { type: 'raw', contentType: 'application/json', payload: (csrf) => `{${csrfJson(csrf)}"${first}": ` }, expect: 400 },
    { label: 'urlencoded junk', path, body: { type: 'raw', contentType: URLENCODED, payload: (csrf) => `${encodeForm({}, csrf)}&%%%&&==&=&a=%ZZ&%E0%A4%A=1&b[c]=d&;` }, expect: hasRequired ? 'invalid' : 'any' },
    {
      label: 'a body over 1 MB',
      path,
      body: isApi ? { type: 'json', data: { ...valid, [first]: 'x'.repeat(1_100_000) } } : { type: 'raw', contentType: URLENCODED, payload: (csrf) => `${encodeForm({}, csrf)}&${first}=${'x'.repeat(1_100_000)}` },
      expect: 413,
    },
    { label: '2,000 repeated keys', path, body: { type: 'raw', contentType: URLENCODED, payload: (csrf) => `${encodeForm({}, csrf)}&${Array.from({ length: 2000 }, () => `${encodeURIComponent(first)}=a`).join('&')}` }, expect: firstField && !firstField.lenient ? 'invalid' : 'any', field: firstField && !firstField.lenient ? first : undefined },
    { label: '2,000 distinct unknown keys', path, body: { type: 'json', data: { ...valid, ...Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`veld${i}`, 'a'])) } }, expect: 'any' },
    { label: '__proto__ and constructor in JSON', path, body: { type: 'raw', contentType: 'application/json', payload: (csrf) => `{${csrfJson(csrf)}"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}${validJson ? `,${validJson}` : ''}}` }, expect: 400 },
    { label: '__proto__ and constructor keys, urlencoded', path, body: { type: 'form', data: valid, extra: '__proto__=x&__proto__[polluted]=yes&constructor[prototype][polluted]=yes' }, expect: 'any' },
    { label: 'empty body', path, body: isApi ? { type: 'json', data: {} } : { type: 'form', data: {} }, expect: hasRequired ? 'invalid' : 'any' },
  ];
}

function paramCases(entry: Entry, w: World, params: Record<string, string>, queryString: string): Case[] {
  const cases: Case[] = [];
  const valid = entry.valid?.(w);
  const body: Body | undefined = hasBodyMethod(entry.method) ? (entry.kind === 'api' ? { type: 'json', data: valid ?? {} } : { type: 'form', data: valid ?? {} }) : undefined;
  for (const name of Object.keys(params)) {
    const kind = paramKind(name);
    const unknown = kind === 'uuid' ? randomUUID() : kind === 'slug' ? `bestaat-niet-${uid()}` : 'onbekende-link';
    const values: [string, string, Expectation][] = [
      ['not a uuid', 'geen-uuid', 'rejected'],
      ['10,001 characters', LONG, 'rejected'],
      ['a null byte', '%00', 'rejected'],
      ['invalid UTF-8', '%C3%28', 'malformed'],
      ['path traversal', '..%2F..%2Fetc%2Fpasswd', 'rejected'],
      ['SQL', encodeURIComponent("' OR 1=1 --"), 'rejected'],
      [`an unknown ${kind}`, unknown, kind === 'token' ? 410 : 404],
    ];
    for (const [label, raw, expect] of values) {
      cases.push({ label: `:${name} ${label}`, path: fill(entry.route, params, { [name]: raw }) + queryString, body, expect: entry.lenientParams ? 'any' : expect, field: name });
    }
  }
  return cases;
}

function queryCases(entry: Entry, path: string): Case[] {
  const isApi = entry.kind === 'api';
  const cases: Case[] = [];
  for (const { name, kind } of entry.query ?? []) {
    const values: [string, string, Expectation][] =
      kind === 'page'
        ? // TypeBox converts "1.5" to 1 for an integer: lenient, and harmless.
          [['negative', '-1', 'invalid'], ['zero', '0', 'invalid'], ['huge', '99999999999999999999', 'invalid'], ['not a number', 'abc', 'invalid'], ['a fraction', '1.5', 'any'], ['empty', '', 'any']]
        : kind === 'text'
          ? [['10,001 characters', LONG, 'invalid'], ['a null byte', '%00', 'any'], ['control characters', encodeURIComponent(CONTROL), 'any'], ['invalid UTF-8', '%C3%28', 'any'], ['repeated', `a&${name}=b`, 'any'], ['SQL wildcards', encodeURIComponent("%_' OR 1=1 --"), 'any']]
          : kind === 'choice'
            ? [['an unknown choice', 'koning', 'invalid'], ['repeated', `a&${name}=b`, 'any']]
            : [['not a boolean', 'misschien', 'invalid']];
    for (const [label, raw, expect] of values) {
      // Pages read their query leniently: whatever it says, the page answers.
      cases.push({ label: `?${name} ${label}`, path: `${path}?${name}=${raw}`, expect: isApi ? expect : 'ok', field: name });
    }
  }
  return cases;
}

/** The methods whose requests carry a body (PUT: the questions API sets a state, `PUT …/hidden`). */
export const hasBodyMethod = (method: Entry['method']) => method === 'POST' || method === 'PATCH' || method === 'PUT';

export function casesFor(entry: Entry, w: World): Case[] {
  const params = entry.params?.(w) ?? {};
  const path = fill(entry.route, params);
  const hasBody = hasBodyMethod(entry.method);
  return [
    ...(hasBody ? bodyCases(entry, w, path) : []),
    ...(hasBody ? fieldCases(entry, w, path) : []),
    ...paramCases(entry, w, params, ''),
    ...queryCases(entry, path),
  ];
}

// --- Sending and judging ---------------------------------------------------------------------

interface Caller {
  client: TestClient;
  token?: string;
}

export async function callerFor(w: World, as: As): Promise<Caller> {
  if (as === 'anonymous') {
    const client = clientWithOwnAddress(w.t.app);
    await client.get('/');
    return { client };
  }
  const user = w.users[as];
  return { client: await sessionClient(w.t.deps, w.t.app, user.id), token: await createTestPersonalAccessToken(w.t.deps, user.id, 'read_write') };
}

export function send(entry: Entry, caller: Caller, kase: Case): Promise<LightMyRequestResponse> {
  const isApi = entry.kind === 'api';
  const { client } = caller;
  const headers: Record<string, string> = { accept: isApi ? 'application/json' : 'text/html' };
  const viaSession = !isApi || entry.session;
  if (viaSession) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (isApi && entry.session) headers['x-csrf-token'] = client.csrf;
  if (isApi && !entry.session && caller.token) headers.authorization = `Bearer ${caller.token}`;
  // Page forms carry the CSRF token in the body, as a browser sends it.
  const csrf = isApi ? undefined : client.csrf;
  let payload: string | Buffer | undefined;
  const body = kase.body;
  if (body?.type === 'form') {
    headers['content-type'] = URLENCODED;
    payload = [encodeForm(body.data, csrf), body.extra].filter(Boolean).join('&');
  } else if (body?.type === 'json') {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(csrf === undefined ? body.data : { _csrf: csrf, ...body.data });
  } else if (body?.type === 'raw') {
    headers['content-type'] = body.contentType;
    payload = body.payload(csrf);
  }
  return client.app.inject({ method: entry.method, url: kase.path, headers, ...(payload !== undefined && { payload }) });
}

/** `theme.--accent` names the field `theme` (a more precise name is still the field). */
const names = (param: string, field: string) => param === field || param.startsWith(`${field}.`);

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function judge(entry: Entry, kase: Case, response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  const isApi = entry.kind === 'api';
  const type = String(response.headers['content-type'] ?? '');
  if (status >= 500) return [`server error ${status}`];
  let problem: { invalidParams?: { name: string }[] } | undefined;
  if (isApi && status >= 400) {
    if (!type.startsWith('application/problem+json')) problems.push(`${status} as ${type || 'no content-type'}, expected problem+json`);
    else problem = JSON.parse(response.body) as typeof problem;
  }
  if (!isApi && status >= 400 && !type.startsWith('text/html')) problems.push(`${status} as ${type}, expected an HTML page`);
  if (type.startsWith('text/html') && !response.headers['content-security-policy']) problems.push('an HTML page without its Content-Security-Policy');
  const expect = kase.expect;
  if (typeof expect === 'number' && status !== expect) problems.push(`status ${status}, expected ${expect}`);
  if (expect === 'ok' && status >= 400) problems.push(`status ${status}, expected the page`);
  if (expect === 'malformed' && status !== 400) problems.push(`status ${status}, expected 400`);
  if (expect === 'rejected') {
    const allowed = isApi ? [400, 404] : [400, 404, 410];
    if (!allowed.includes(status)) problems.push(`status ${status}, expected one of ${allowed.join('/')}`);
    if (isApi && status === 400 && !problem?.invalidParams?.some((p) => names(p.name, kase.field!))) problems.push(`400 without invalidParams for ${kase.field}`);
  }
  if (expect === 'invalid') {
    if (isApi) {
      if (status !== 400 && status !== 422) problems.push(`status ${status}, expected 400 or 422`);
      else if (!problem?.invalidParams?.length) problems.push('no invalidParams');
      else if (kase.field && !problem.invalidParams.some((p) => names(p.name, kase.field!))) problems.push(`invalidParams ${JSON.stringify(problem.invalidParams.map((p) => p.name))} do not name ${kase.field}`);
    } else if (entry.kind === 'form') {
      if (status !== 422) problems.push(`status ${status}, expected the form again (422)`);
      else {
        if (!response.body.includes('id="error-summary"')) problems.push('no error message');
        for (const value of kase.echo ?? []) if (!response.body.includes(escapeHtml(value))) problems.push(`does not show what was typed: "${value.slice(0, 30)}"`);
      }
    } else if (status !== 400 && status !== 422) problems.push(`status ${status}, expected 400 or 422`);
  }
  for (const secret of kase.secret ?? []) if (response.body.includes(secret)) problems.push('shows a password');
  return problems;
}

// --- One entry's sweep -----------------------------------------------------------------------

/** Every case of one entry, then the same route with valid input in a world of its own. */
export async function sweepEntry(t: TestApp, entry: Entry, worldOptions: Parameters<typeof buildWorld>[1] = {}): Promise<{ count: number; failures: string[] }> {
  let w = await buildWorld(t, worldOptions);
  await entry.prepare?.(w);
  let caller = await callerFor(w, entry.as);
  const count = casesFor(entry, w).length;
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    if (entry.fresh === 'world' && i > 0) {
      w = await buildWorld(t, worldOptions);
      await entry.prepare?.(w);
      caller = await callerFor(w, entry.as);
    } else if (entry.fresh === 'client' && i > 0) caller = await callerFor(w, entry.as);
    const kase = casesFor(entry, w)[i]!;
    const before = await entry.spot?.(w);
    const response = await send(entry, caller, kase);
    const problems = judge(entry, kase, response);
    if (entry.spot && response.statusCode >= 400) {
      const after = await entry.spot(w);
      if (JSON.stringify(after) !== JSON.stringify(before)) problems.push('a refused request changed something');
    }
    if (({} as Record<string, unknown>).polluted !== undefined) problems.push('Object.prototype was polluted');
    if (problems.length > 0) failures.push(`${kase.label} → ${problems.join('; ')}`);
  }
  // The refusals above were about the input: valid input works.
  const fresh = await buildWorld(t, worldOptions);
  await entry.prepare?.(fresh);
  const freshCaller = await callerFor(fresh, entry.as);
  const params = entry.params?.(fresh) ?? {};
  const valid = entry.valid?.(fresh);
  const body: Body | undefined = hasBodyMethod(entry.method) ? (entry.kind === 'api' ? { type: 'json', data: valid ?? {} } : { type: 'form', data: valid ?? {} }) : undefined;
  const response = await send(entry, freshCaller, { label: 'valid input', path: fill(entry.route, params), body, expect: 'ok' });
  if (response.statusCode >= 400) failures.push(`valid input → status ${response.statusCode}: ${response.body.slice(0, 200)}`);
  return { count, failures };
}
