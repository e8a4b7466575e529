/**
 * The world of the authorisation matrix (authz-matrix.test.ts): an owning organisation with an
 * open, a closed (with a partner) and a secret community, eleven actors around it with a session
 * and a personal access token each, and the targets other people's requests reach for.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { issueOneTimeToken } from '../src/accounts/accounts.usecases.ts';
import { insertInvitation } from '../src/accounts/invitations/invitations.repository.ts';
import { hashToken } from '../src/platform/auth/tokens.ts';
import { cookieNames } from '../src/platform/http/context.ts';
import { actorOf, clientWithOwnAddress, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient, type TestClient } from './harness.ts';
import type { createTestAppWithRoutes } from './route-inventory.ts';
import { askQuestion } from '../src/questions/questions.usecases.ts';
import { postAnswer, setAcceptedAnswer, setAnswerHidden, setHelped } from '../src/questions/answers/answers.usecases.ts';
import { postComment, setCommentHidden } from '../src/questions/comments/comments.usecases.ts';
import { closeAsDuplicate, deleteQuestion, setQuestionHidden } from '../src/questions/moderation.usecases.ts';

/** The columns of the matrix, in this order. */
export const ACTORS = ['anonymous', 'other', 'otherAdmin', 'partner', 'platformAdmin', 'nonMember', 'manager', 'orgAdmin', 'member', 'facilitator', 'deactivated'] as const;
export type ActorName = (typeof ACTORS)[number];
export const VISIBILITIES = ['open', 'closed', 'secret'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export type TestApp = Awaited<ReturnType<typeof createTestAppWithRoutes>>;
type UserRow = Awaited<ReturnType<typeof createTestUser>>;
type OrganisationRow = Awaited<ReturnType<typeof createTestOrganisation>>;

export interface World {
  t: TestApp;
  owner: OrganisationRow;
  partnerOrg: OrganisationRow;
  users: Partial<Record<ActorName, UserRow>>;
  clients: Record<ActorName, TestClient>;
  tokens: Partial<Record<ActorName, string>>;
  communities: Record<Visibility, { id: string; slug: string; name: string }>;
  /** Per community: a question by the member, answered by the facilitator, with the member's comment. */
  questions: Record<Visibility, QuestionThread>;
  /** A member of the owner who is no actor: the target whose session, token and account others reach for. */
  victim: UserRow;
  victimSessionId: string;
  victimTokenId: string;
  /** Asked to join every fresh community. */
  requester: UserRow;
  /** Invited into fresh communities; eligible for all three (a user of the owner). */
  invitee: UserRow;
  signUpDomain: string;
  verifyToken: string;
  resetToken: string;
  invitationToken: string;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const { deps } = t;
  const tag = randomUUID().slice(0, 8);
  const owner = await createTestOrganisation(deps, { name: `Gemeente Eigenaar ${tag}` });
  const partnerOrg = await createTestOrganisation(deps, { name: `Zorgpartner ${tag}`, kind: 'partner' });
  const otherOrg = await createTestOrganisation(deps, { name: `Gemeente Elders ${tag}` });
  const thirdOrg = await createTestOrganisation(deps, { name: `Gemeente Platform ${tag}` });
  const signUpOrg = await createTestOrganisation(deps, { allowSelfSignup: true });

  const users: Partial<Record<ActorName, UserRow>> = {
    other: await createTestUser(deps, otherOrg.id),
    otherAdmin: await createTestUser(deps, otherOrg.id, { role: 'admin' }),
    partner: await createTestUser(deps, partnerOrg.id),
    platformAdmin: await createTestUser(deps, thirdOrg.id, { role: 'admin', isPlatformAdmin: true }),
    nonMember: await createTestUser(deps, owner.id),
    manager: await createTestUser(deps, owner.id, { role: 'manager' }),
    orgAdmin: await createTestUser(deps, owner.id, { role: 'admin' }),
    member: await createTestUser(deps, owner.id),
    facilitator: await createTestUser(deps, owner.id),
    deactivated: await createTestUser(deps, owner.id),
  };
  const victim = await createTestUser(deps, owner.id, { email: `slachtoffer-${tag}@example.test` });
  const requester = await createTestUser(deps, owner.id);
  const invitee = await createTestUser(deps, owner.id);

  const communities = {} as World['communities'];
  for (const vis of VISIBILITIES) communities[vis] = await createCommunity(deps, owner.id, partnerOrg.id, users, vis, `${vis} ${tag}`);
  const questions = {} as World['questions'];
  for (const vis of VISIBILITIES) questions[vis] = await createThread(deps, users, communities[vis].id, `${vis} ${tag}`);

  const clients = {} as Record<ActorName, TestClient>;
  const tokens: Partial<Record<ActorName, string>> = {};
  for (const actor of ACTORS) {
    const user = users[actor];
    clients[actor] = user ? await sessionClient(deps, t.app, user.id) : await anonymousClient(t);
    if (user) tokens[actor] = await createTestPersonalAccessToken(deps, user.id, 'read_write');
  }

  // The deactivated user was a member with a live session and token; the administrator deactivates them.
  const deactivated = users.deactivated!;
  const deactivation = await clients.orgAdmin.post(`/beheer/organisatie/leden/${deactivated.id}/deactiveren`, { confirmed: 'yes' });
  assert.equal(deactivation.statusCode, 303, 'the administrator deactivates the member');
  // Like a browser reloading: the dead session cookie is still sent, the form token is refreshed.
  const reload = await clients.deactivated.get('/');
  assert.ok(clients.deactivated.cookies.has(cookieNames(deps.config.isSecure).session), 'the old session cookie is still sent');
  assert.doesNotMatch(reload.body, new RegExp(deactivated.name), 'the start page no longer knows them');

  await sessionClient(deps, t.app, victim.id);
  const victimSession = await deps.db.selectFrom('sessions').select('id').where('user_id', '=', victim.id).executeTakeFirstOrThrow();
  await createTestPersonalAccessToken(deps, victim.id);
  const victimToken = await deps.db.selectFrom('access_tokens').select('id').where('user_id', '=', victim.id).executeTakeFirstOrThrow();

  const pending = await createTestUser(deps, signUpOrg.id, { status: 'pending' });
  const verifyToken = await deps.db.transaction().execute((tx) => issueOneTimeToken(tx, deps, pending.id, 'verify_email', 3_600_000));
  const resetToken = await deps.db.transaction().execute((tx) => issueOneTimeToken(tx, deps, (requester as UserRow).id, 'reset_password', 3_600_000));
  const invitationToken = randomUUID();
  await insertInvitation(deps.db, {
    id: randomUUID(),
    organisationId: owner.id,
    email: `genodigd-${tag}@example.test`,
    role: 'member',
    locale: 'nl',
    invitedBy: users.orgAdmin!.id,
    tokenHash: hashToken(invitationToken),
    now: new Date(),
    expiresAt: new Date(Date.now() + 86_400_000),
  });

  return {
    t,
    owner,
    partnerOrg,
    users,
    clients,
    tokens,
    communities,
    questions,
    victim,
    victimSessionId: victimSession.id,
    victimTokenId: victimToken.id,
    requester,
    invitee,
    signUpDomain: signUpOrg.email_domains[0]!,
    verifyToken,
    resetToken,
    invitationToken,
  };
}

export async function anonymousClient(t: TestApp): Promise<TestClient> {
  const client = clientWithOwnAddress(t.app);
  await client.get('/');
  return client;
}

/** A community with the facilitator, the member and the (later deactivated) member; a pending request. */
async function createCommunity(deps: TestApp['deps'], ownerId: string, partnerId: string, users: World['users'], vis: Visibility, label: string, requesterId?: string) {
  const community = await createTestCommunity(deps, ownerId, {
    name: `Kring ${label} ${randomUUID().slice(0, 8)}`,
    visibility: vis,
    partners: vis === 'closed' ? [partnerId] : [],
    members: [
      { userId: users.facilitator!.id, role: 'facilitator' },
      { userId: users.member!.id },
      { userId: users.deactivated!.id },
      ...(requesterId ? [{ userId: requesterId, status: 'requested' as const, message: 'Mag ik erbij?' }] : []),
    ],
  });
  return { id: community.id, slug: community.slug, name: community.name };
}

export const freshCommunity = (w: World, vis: Visibility) => createCommunity(w.t.deps, w.owner.id, w.partnerOrg.id, w.users, vis, `vers ${vis}`, w.requester.id);
export const freshUser = (w: World, status: 'active' | 'deactivated' = 'active') => createTestUser(w.t.deps, w.owner.id, { status });

export async function freshInvitation(w: World): Promise<string> {
  const row = await insertInvitation(w.t.deps.db, {
    id: randomUUID(),
    organisationId: w.owner.id,
    email: `open-${randomUUID().slice(0, 8)}@example.test`,
    role: 'member',
    locale: 'nl',
    invitedBy: w.users.orgAdmin!.id,
    tokenHash: hashToken(randomUUID()),
    now: new Date(),
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return row.id;
}

export const userState = (w: World, id: string) => w.t.deps.db.selectFrom('users').select(['role', 'status', 'updated_at']).where('id', '=', id).executeTakeFirst();
export const tokenState = (w: World, id: string) => w.t.deps.db.selectFrom('access_tokens').select(['revoked_at']).where('id', '=', id).executeTakeFirst();
export const invitationState = (w: World, id: string) => w.t.deps.db.selectFrom('invitations').select(['revoked_at', 'accepted_at']).where('id', '=', id).executeTakeFirst();
export const sessionExists = async (w: World, id: string) => Boolean(await w.t.deps.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst());
export const organisationState = (w: World, id: string) => w.t.deps.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();

export async function communityState(w: World, id: string) {
  const community = await w.t.deps.db.selectFrom('communities').selectAll().where('id', '=', id).executeTakeFirst();
  const members = await w.t.deps.db.selectFrom('community_members').select(['user_id', 'role', 'status']).where('community_id', '=', id).orderBy('user_id').execute();
  const partners = await w.t.deps.db.selectFrom('community_partners').select('organisation_id').where('community_id', '=', id).orderBy('organisation_id').execute();
  return { community, members, partners };
}

// --- Questions ---------------------------------------------------------------------------------

export interface QuestionThread {
  questionId: string;
  answerId: string;
  commentId: string;
  /** Unique texts: a body that shows one of them to an actor who may not see the community leaks it. */
  canaries: string[];
}

/** What a fresh thread has been through before the row's request. */
export type ThreadState = 'plain' | 'hiddenQuestion' | 'deletedQuestion' | 'hiddenAnswer' | 'hiddenComment' | 'accepted' | 'closed' | 'helped';

async function createThread(deps: TestApp['deps'], users: World['users'], communityId: string, label: string, state: ThreadState = 'plain', duplicateOf?: string): Promise<QuestionThread> {
  const member = actorOf(users.member!);
  const facilitator = actorOf(users.facilitator!);
  const canary = randomUUID().slice(0, 8);
  const title = `Hoe pak je ${label} aan? vraag-${canary}`;
  const { id: questionId } = await askQuestion(deps, member, { id: communityId }, { kind: 'how', title, body: `Toelichting toelichting-${canary}`, tags: [`tag-${canary}`] });
  const { id: answerId } = await postAnswer(deps, facilitator, questionId, { body: `Antwoord antwoord-${canary}` });
  const { id: commentId } = await postComment(deps, member, { questionId }, { body: `Reactie reactie-${canary}` });
  const reason = { reason: 'Hoort hier niet.' };
  if (state === 'hiddenQuestion') await setQuestionHidden(deps, facilitator, questionId, reason);
  if (state === 'deletedQuestion') await deleteQuestion(deps, member, questionId);
  if (state === 'hiddenAnswer') await setAnswerHidden(deps, facilitator, answerId, reason);
  if (state === 'hiddenComment') await setCommentHidden(deps, facilitator, commentId, reason);
  if (state === 'accepted') await setAcceptedAnswer(deps, member, questionId, answerId);
  if (state === 'closed') await closeAsDuplicate(deps, facilitator, questionId, { duplicateOf: duplicateOf! });
  if (state === 'helped') await setHelped(deps, member, answerId, true);
  return { questionId, answerId, commentId, canaries: [`vraag-${canary}`, `toelichting-${canary}`, `tag-${canary}`, `antwoord-${canary}`, `reactie-${canary}`] };
}

/** A thread of its own in the shared community, for a request that may change it: actors never share one. */
export const freshThread = (w: World, vis: Visibility, state: ThreadState = 'plain') =>
  createThread(w.t.deps, w.users, w.communities[vis].id, `vers ${vis}`, state, w.questions[vis].questionId);

const sharedThreads = new WeakMap<World, Map<string, Promise<QuestionThread>>>();

/**
 * One thread per community and state for requests that are to be refused: a refused request
 * changes nothing (the row's snapshot proves it), so they may share it, and the matrix makes
 * far fewer threads.
 */
export function sharedThread(w: World, vis: Visibility, state: ThreadState = 'plain'): Promise<QuestionThread> {
  if (state === 'plain') return Promise.resolve(w.questions[vis]);
  const threads = sharedThreads.get(w) ?? new Map<string, Promise<QuestionThread>>();
  sharedThreads.set(w, threads);
  const key = `${vis} ${state}`;
  if (!threads.has(key)) threads.set(key, createThread(w.t.deps, w.users, w.communities[vis].id, `gedeeld ${vis}`, state, w.questions[vis].questionId));
  return threads.get(key)!;
}

/** Everything a request about a question could change: a refused one must leave it as it was. */
export async function threadState(w: World, questionId: string) {
  const { db } = w.t.deps;
  const question = await db.selectFrom('questions').selectAll().where('id', '=', questionId).executeTakeFirst();
  const answers = await db.selectFrom('answers').selectAll().where('question_id', '=', questionId).orderBy('id').execute();
  const comments = await db.selectFrom('comments').selectAll().where('question_id', '=', questionId).orderBy('id').execute();
  const answerIds = answers.map((a) => a.id);
  const helped = answerIds.length === 0 ? [] : await db.selectFrom('answer_helped').select(['answer_id', 'user_id']).where('answer_id', 'in', answerIds).orderBy('answer_id').orderBy('user_id').execute();
  const follows = await db.selectFrom('question_follows').select('user_id').where('question_id', '=', questionId).orderBy('user_id').execute();
  const invitations = await db.selectFrom('answer_invitations').select('invitee_id').where('question_id', '=', questionId).orderBy('invitee_id').execute();
  const revisions = await db.selectFrom('revisions').select('id').where('question_id', '=', questionId).orderBy('id').execute();
  const indexed = await db.selectFrom('search_documents').select('id').where('id', 'in', [questionId, ...answerIds]).orderBy('id').execute();
  return { question, answers, comments, helped, follows, invitations, revisions, indexed };
}

export const questionCount = async (w: World, communityId: string) =>
  (await w.t.deps.db.selectFrom('questions').select((eb) => eb.fn.countAll<string>().as('n')).where('community_id', '=', communityId).executeTakeFirstOrThrow()).n;
