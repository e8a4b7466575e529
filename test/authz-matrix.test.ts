/**
 * The authorisation matrix: every route of the app × eleven actors × the three community
 * visibilities, each expected status read from ONE table (TABLE below). A route the app
 * registers without a row here fails the test, so no route ships without a decision on who may
 * call it.
 *
 * The rules the table follows:
 * - 404 when the actor may not see what the URL names (a community, an organisation, a member,
 *   an invitation, a session, a token, an administration area). Never 403: the answer must not
 *   tell whether it exists.
 * - 403 only when the actor can see it but may not do this to it (edit an open community as a
 *   plain member, change one's own organisation through the API as a non-administrator).
 * - Anonymous visitors get a 401 page with a log-in button on every page that needs an account
 *   (the product's choice everywhere: no redirects), and a 401 problem+json on the API.
 * - A deactivated user's session and tokens are dead: they get what anonymous visitors get, and
 *   cannot log in again.
 * - Allowed: 200 for pages and reads, 303 for form posts (post/redirect/get), 201/204 on the API.
 *
 * Besides the status, every answer is checked for: no 5xx, problem+json on API errors, a log-in
 * button on 401 pages, no names of communities the actor may not see and no e-mail address of
 * members they may not see anywhere in the body, and (for refused state changes) nothing changed.
 *
 * And the manager role adds no person (issue 8: managers see figures, never individuals): every
 * GET the manager gets a 2xx for (pages and API, both authentications) is asked again, same path
 * and mode, as nonMember, a plain colleague of the same organisation; every name, e-mail address
 * and user id of a world user (the manager's own excepted: the header shows it) in the manager's
 * answer must be in the colleague's too. For nonMember's own markers the witness is the victim,
 * another such colleague. Exceptions are decisions with a reason in MANAGER_SEES_PERSON.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { actorOf, bearerRequest, createTestPersonalAccessToken, sessionClient, TEST_PASSWORD, type TestClient } from './harness.ts';
import { createTestAppWithRoutes, routeKey, staleRows, uncoveredRoutes } from './route-inventory.ts';
import * as frameworkRepo from '../src/frameworks/frameworks.repository.ts';
import * as responsesRepo from '../src/frameworks/responses/responses.repository.ts';
import { respondToFramework } from '../src/frameworks/responses/responses.usecases.ts';
import { crossSharedStory, freshPractice, practiceCanaries, practiceCount, inTwoWeeks, pickShareTarget, practiceState, sharedPractice, shareTargetOf, type PracticeState, type PracticeThread } from './authz-practices.ts';
import { signUnsubscribeToken } from '../src/notifications/mail/mail.models.ts';
import { unsubscribeKey } from '../src/notifications/mail/mail.repository.ts';
import { freshPrompt, optOutState, promptCount, promptMoment, promptState, sharedPrompt } from './authz-prompts.ts';
import { memberNotification, notificationState, preferencesForm } from './authz-notifications.ts';
import {
  ACTORS,
  anonymousClient,
  buildWorld,
  communityState,
  freshCommunity,
  freshInvitation,
  freshThread,
  freshUser,
  invitationState,
  organisationState,
  questionCount,
  sessionExists,
  sharedThread,
  threadState,
  tokenState,
  userState,
  VISIBILITIES,
  type ActorName,
  type QuestionThread,
  type ThreadState,
  type TestApp,
  type Visibility,
  type World,
} from './authz-world.ts';

/*
 * The actors, all relative to the owning organisation ("owner") and its three communities:
 *   ano  anonymous visitor
 *   oth  user of another organisation (neither owner nor partner)
 *   oad  administrator of that other organisation: swaps ids of the owner's things into their own admin URLs
 *   par  user of the closed community's partner organisation, not a member
 *   pla  platform administrator from a third organisation, not a member
 *   non  user of the owner, not a member
 *   mgr  manager of the owner (organisation role), not a member
 *   adm  administrator of the owner, not a member
 *   mem  member of every community
 *   fac  facilitator of every community
 *   dea  was a member; deactivated by the administrator, their session and token since
 * Communities: open, closed (with the partner organisation), secret; each with fac and mem.
 */
type Expect = string;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Ctx {
  w: World;
  actor: ActorName;
  /** The community the row is about: the shared one, or a fresh one for state-changing rows. */
  community?: { id: string; slug: string; name: string };
  vis?: Visibility;
  /** The question thread of a questions row's request (its params set it; its body reads it). */
  thread?: QuestionThread;
  /** The status this actor should get (unknown outside the table's cases). */
  expected?: number;
}

interface Row {
  method: Method;
  route: string;
  /** A second row for the same route, about another state of its target (a hidden question). */
  variant?: string;
  /** One expectation string (columns as ACTORS), or one per visibility for community routes. */
  expect: Expect | Record<Visibility, Expect>;
  /** API only: when a personal access token is answered differently from a session. */
  expectBearer?: Expect;
  params?: (c: Ctx) => Record<string, string> | Promise<Record<string, string>>;
  body?: (c: Ctx) => Record<string, unknown>;
  /** A fresh community per request: the row changes memberships or the community itself. */
  fresh?: boolean;
  /** A fresh session (or anonymous client) per request: the row logs in or out. */
  freshClient?: boolean;
  /** A fresh session per request, and run after every other row: the row ends sessions. */
  endsSessions?: boolean;
  /** State that a refused request (4xx) must leave as it was. */
  snapshot?: (c: Ctx, params: Record<string, string>) => Promise<unknown>;
}

const c3 = (open: Expect, closed: Expect, secret: Expect) => ({ open, closed, secret });
const slugOf = (c: Ctx) => ({ slug: c.community!.slug });
const idOf = (c: Ctx) => ({ id: c.community!.id });
const strongPassword = 'een heel ander lang wachtwoord voor de test';

/*
 * Questions (src/questions) follow their community: whoever may see it reads its questions;
 * taking part (asking, answering, commenting, "this helped", inviting) is for active members,
 * 403 for others who can see it; moderating (hiding, and accepting and closing besides the asker)
 * is for whoever manages the community; authors edit and delete their own posts. A deleted post
 * is 404 for everyone, a hidden one for everyone but its author and the moderators.
 * The shared thread per community (w.questions): a question by mem, answered by fac, with a
 * comment by mem. Rows that change something give each request that is to succeed a thread of
 * its own (ownThread). `yes` is the row's success code.
 */
const rule = (open: string, closed: string, secret: string) => (ok: number) => {
  const code = (line: string) => line.replace(/yes/g, String(ok));
  return c3(code(open), code(closed), code(secret));
};
//                                                    ano oth oad par pla non mgr adm mem fac dea
const readsQuestions = rule(                        '401 yes yes yes yes yes yes yes yes yes 401',
                                                    '401 404 404 yes 404 yes yes yes yes yes 401',
                                                    '401 404 404 404 404 404 404 404 yes yes 401');
const takesPart = rule(                             '401 403 403 403 403 403 403 403 yes yes 401',
                                                    '401 404 404 403 404 403 403 403 yes yes 401',
                                                    '401 404 404 404 404 404 404 404 yes yes 401');
const memberIsAuthor = rule(                        '401 403 403 403 403 403 403 403 yes 403 401',
                                                    '401 404 404 403 404 403 403 403 yes 403 401',
                                                    '401 404 404 404 404 404 404 404 yes 403 401');
const facilitatorIsAuthor = rule(                   '401 403 403 403 403 403 403 403 403 yes 401',
                                                    '401 404 404 403 404 403 403 403 403 yes 401',
                                                    '401 404 404 404 404 404 404 404 403 yes 401');
const moderates = rule(                             '401 403 403 403 403 403 403 yes 403 yes 401',
                                                    '401 404 404 403 404 403 403 yes 403 yes 401',
                                                    '401 404 404 404 404 404 404 404 403 yes 401');
// The asker (mem) or a moderator: accepting an answer, closing as duplicate, reopening.
const askerOrModerator = rule(                      '401 403 403 403 403 403 403 yes yes yes 401',
                                                    '401 404 404 403 404 403 403 yes yes yes 401',
                                                    '401 404 404 404 404 404 404 404 yes yes 401');
// "This helped" is for members, never on one's own answer (the shared answer is fac's).
const helpsOthers = memberIsAuthor;
// A hidden question or comment (by mem): its author and the moderators read it; only moderators act on it.
const readsHiddenByMember = rule(                   '401 404 404 404 404 404 404 yes yes yes 401',
                                                    '401 404 404 404 404 404 404 yes yes yes 401',
                                                    '401 404 404 404 404 404 404 404 yes yes 401');
const unhidesByMember = rule(                       '401 404 404 404 404 404 404 yes 403 yes 401',
                                                    '401 404 404 404 404 404 404 yes 403 yes 401',
                                                    '401 404 404 404 404 404 404 404 403 yes 401');
// A hidden answer (by fac, its author and a moderator): besides fac only the owner's administrator, outside secret communities.
const readsHiddenByFacilitator = rule(              '401 404 404 404 404 404 404 yes 404 yes 401',
                                                    '401 404 404 404 404 404 404 yes 404 yes 401',
                                                    '401 404 404 404 404 404 404 404 404 yes 401');
const gone = c3(                                    '401 404 404 404 404 404 404 404 404 404 401',
                                                    '401 404 404 404 404 404 404 404 404 404 401',
                                                    '401 404 404 404 404 404 404 404 404 404 401');

const sharedQuestion = (c: Ctx) => ({ id: c.w.questions[c.vis!].questionId });
const sharedAnswer = (c: Ctx) => ({ id: c.w.questions[c.vis!].answerId });
const sharedComment = (c: Ctx) => ({ id: c.w.questions[c.vis!].commentId });
/**
 * A thread of the request's own when it is to succeed, one shared by the refused requests otherwise
 * (sharedThread); `on` says which of its posts the URL names. questionId is for the snapshot.
 */
const ownThread = (on: 'questionId' | 'answerId' | 'commentId', state: ThreadState = 'plain') => async (c: Ctx) => {
  c.thread = c.expected !== undefined && c.expected < 400 ? await freshThread(c.w, c.vis!, state) : await sharedThread(c.w, c.vis!, state);
  return { id: c.thread[on], questionId: c.thread.questionId };
};
const threadSnapshot = (c: Ctx, p: Record<string, string>) => threadState(c.w, p.questionId!);
const otherParticipant = (c: Ctx) => (c.actor === 'member' ? c.w.users.facilitator! : c.w.users.member!).id;
const hideReason = () => ({ reason: 'Dit hoort niet in deze gemeenschap.' });

/*
 * Frameworks (src/frameworks): whoever may see the community reads the published versions;
 * managers and administrators of the owning organisation, and platform admins, write and publish
 * (403 for others who see the community); the draft is "not found" to everyone but the writers.
 * The shared communities get two published versions (sharedFramework); publish rows get a fresh
 * community with a draft (withDraft).
 */
const readsFramework = readsQuestions;
const writesFramework = rule(                       '401 403 403 403 yes 403 yes yes 403 403 401',
                                                    '401 404 404 403 404 403 yes yes 403 403 401',
                                                    '401 404 404 404 404 404 404 404 403 403 401');
const readsDraft = rule(                            '401 404 404 404 yes 404 yes yes 404 404 401',
                                                    '401 404 404 404 404 404 yes yes 404 404 401',
                                                    '401 404 404 404 404 404 404 404 404 404 401');
const sharedFrameworks = new Map<string, Promise<void>>();
async function publishVersion(c: Ctx, frameworkId: string, purpose: string, changeNote: string) {
  const db = c.w.t.deps.db;
  const waiting = await frameworkRepo.findDraft(db, frameworkId);
  const id = waiting?.id ?? randomUUID();
  if (!waiting) await frameworkRepo.insertDraft(db, { id, frameworkId, number: await frameworkRepo.nextVersionNumber(db, frameworkId), createdBy: c.w.users.manager!.id, now: new Date() });
  await frameworkRepo.updateDraftContent(db, id, { purpose, room: 'Ruimte', constraints: '', indicators: '', reviewDate: null });
  await frameworkRepo.publishDraft(db, id, { changeNote, publishedBy: c.w.users.manager!.id, now: new Date() });
}
const sharedFramework = (paramsOf: (c: Ctx) => Record<string, string>) => async (c: Ctx) => {
  const communityId = c.community!.id;
  if (!sharedFrameworks.has(communityId)) {
    sharedFrameworks.set(communityId, (async () => {
      const frameworkId = await frameworkRepo.ensureFramework(c.w.t.deps.db, { id: randomUUID(), communityId, now: new Date() });
      await publishVersion(c, frameworkId, 'Eerste doel', '');
      await publishVersion(c, frameworkId, 'Aangescherpt doel', 'Het doel is aangescherpt.');
    })());
  }
  await sharedFrameworks.get(communityId);
  return paramsOf(c);
};
const withDraft = (paramsOf: (c: Ctx) => Record<string, string>) => async (c: Ctx) => {
  const db = c.w.t.deps.db;
  const frameworkId = await frameworkRepo.ensureFramework(db, { id: randomUUID(), communityId: c.community!.id, now: new Date() });
  // Some checks call this with a shared community: a draft already there is the one to publish.
  if (!(await frameworkRepo.findDraft(db, frameworkId))) {
    await frameworkRepo.insertDraft(db, { id: randomUUID(), frameworkId, number: await frameworkRepo.nextVersionNumber(db, frameworkId), createdBy: c.w.users.manager!.id, now: new Date() });
  }
  return paramsOf(c);
};
const frameworkState = (c: Ctx) => c.w.t.deps.db.selectFrom('framework_versions as v').innerJoin('frameworks as f', 'f.id', 'v.framework_id').select(['v.number', 'v.status', 'v.purpose']).where('f.community_id', '=', c.community!.id).orderBy('v.number').execute();
const draftForm = () => ({ purpose: 'Waarom', room: 'Ruimte', constraints: 'Budget', indicators: 'Minder wachttijd', reviewDate: '2027-01-01', lqId: '', lqKind: 'how', lqText: 'Hoe begin je?', lqExplanation: '' });
const draftJson = () => ({ purpose: 'Waarom', room: 'Ruimte', constraints: 'Budget', indicators: 'Minder wachttijd', reviewDate: '2027-01-01', learningQuestions: [{ kind: 'how', text: 'Hoe begin je?', explanation: '' }] });

/*
 * Framework responses (src/frameworks/responses): active members (mem, fac) respond to the current
 * version, 403 for others who see the community; the overview, answering and adopting are for
 * the framework's writers, the overview "not found" to everyone else (like the draft). The shared
 * communities get an unsigned flag and an unsigned proposal by mem (sharedResponse).
 */
const respondsToFramework = takesPart;
const sharedResponseIds = new Map<string, Promise<{ flag: string; proposal: string }>>();
const sharedResponse = (which: 'flag' | 'proposal', paramsOf: (c: Ctx, responseId: string) => Record<string, string>) => async (c: Ctx) => {
  await sharedFramework(() => ({}))(c);
  const communityId = c.community!.id;
  if (!sharedResponseIds.has(communityId)) {
    sharedResponseIds.set(communityId, (async () => {
      const db = c.w.t.deps.db;
      const frameworkId = (await frameworkRepo.findFrameworkId(db, communityId))!;
      const versionId = (await frameworkRepo.findLatestPublished(db, frameworkId))!.id;
      const base = { frameworkId, versionId, target: 'purpose' as const, learningQuestionId: null, signed: false, authorId: c.w.users.member!.id, now: new Date() };
      const ids = { flag: randomUUID(), proposal: randomUUID() };
      await responsesRepo.insertResponse(db, { ...base, id: ids.flag, kind: 'unclear', body: 'Onduidelijk in de praktijk.' });
      await responsesRepo.insertResponse(db, { ...base, id: ids.proposal, kind: 'proposal', body: 'Een scherper doel.' });
      return ids;
    })());
  }
  const shared = (await sharedResponseIds.get(communityId)!)[which];
  if (c.expected === undefined || c.expected >= 400) return paramsOf(c, shared);
  // A request that is to succeed answers a response of its own, so refused ones can check theirs stayed as it was.
  const db = c.w.t.deps.db;
  const row = (await db.selectFrom('framework_responses').selectAll().where('id', '=', shared).executeTakeFirst())!;
  const id = randomUUID();
  await responsesRepo.insertResponse(db, { id, frameworkId: row.framework_id, versionId: row.version_id, target: 'purpose', learningQuestionId: null, kind: row.kind, body: row.body, signed: false, authorId: c.w.users.member!.id, now: new Date() });
  return paramsOf(c, id);
};
/** The response the URL names (answer, adopt), or the actor's own responses (respond). */
const responseState = (c: Ctx, p: Record<string, string>) => {
  const query = c.w.t.deps.db.selectFrom('framework_responses as r').innerJoin('frameworks as f', 'f.id', 'r.framework_id').select(['r.id', 'r.status', 'r.reply', 'r.credit_proposer']).where('f.community_id', '=', c.community!.id);
  const named = p.responseId ?? (p.slug ? p.id : undefined);
  if (named) return query.where('r.id', '=', named).execute();
  return query.where('r.author_id', '=', c.w.users[c.actor]?.id ?? randomUUID()).orderBy('r.id').execute();
};
const responseForm = () => ({ target: 'purpose', kind: 'unclear', text: 'Wat betekent dit in de praktijk?' });

/*
 * Practice stories (src/practices) follow their community like questions do: whoever may see it
 * reads the story; taking part (sharing, reacting, remarks, tried reports, showing it in another
 * community) is for active members, 403 for others who see it; the author edits, deletes and adds
 * files; the community's managers hide and show again. The shared story per community
 * (test/authz-practices.ts) is mem's, with mem's remark, fac's tried report and an attachment;
 * mem is its author, so mem's reactions and tries are refused.
 */
// Taking part in someone else's story: the author (mem) may not react to, or report trying, their own.
const takesPartInOthers = (own: number) => rule(    `401 403 403 403 403 403 403 403 ${own} yes 401`,
                                                    `401 404 404 403 404 403 403 403 ${own} yes 401`,
                                                    `401 404 404 404 404 404 404 404 ${own} yes 401`);
// A reaction to one's own story is refused as input (422).
const reactsToOthers = takesPartInOthers(422);
// Reporting a try of one's own story is refused (403), on the form page and in the API alike.
const triesOthersPage = takesPartInOthers(403);
const triesOthersApi = takesPartInOthers(403);
// Adding files: the matrix posts no file, so the author gets past the rules to "choose a file" (422); uploads: src/practices tests and the e2e journey.
const addsFilesWithoutFile = memberIsAuthor(422);
// A file is removed by the story's author or its moderators.
const removesFile = askerOrModerator;
/** The story the URL names: one of its own when the request is to succeed, the shared one otherwise. */
const ownPractice = (on: keyof Omit<PracticeThread, 'canaries'>, state: PracticeState = 'plain') => async (c: Ctx) => {
  const thread = c.expected !== undefined && c.expected < 400 ? await freshPractice(c.w, c.vis!, state) : await sharedPractice(c.w, c.vis!, state);
  return { id: thread[on], practiceId: thread.practiceId };
};
const readPractice = (on: keyof Omit<PracticeThread, 'canaries'>, state: PracticeState = 'plain') => async (c: Ctx) => ({ id: (await sharedPractice(c.w, c.vis!, state))[on] });
const practiceSnapshot = (c: Ctx, p: Record<string, string>) => practiceState(c.w, p.practiceId!);
const storyForm = () => ({ title: 'Een vast spreekuur op de basisschool', situation: 'Ouders vonden de weg niet.', action: 'Elke dinsdag een uur in de school.', outcome: '', learning: '', tags: 'jeugd' });
const storyJson = () => ({ title: 'Een vast spreekuur op de basisschool', situation: 'Ouders vonden de weg niet.', action: 'Elke dinsdag een uur in de school.', tags: ['jeugd'] });
/*
 * Meekijken (src/practices/visits): an active member asks the story's author (mem) to watch them
 * at work, never the author themselves (403); the request is "not found" to everyone but the two
 * of them (fac asked, mem hosts). They decide by turns: a new request waits for the host (mem);
 * only the requester cancels.
 */
const asksToWatch = facilitatorIsAuthor;
const visitParties = (ok: number) => c3(...(Array(3).fill(`401 404 404 404 404 404 404 404 ${ok} ${ok} 401`) as [string, string, string]));
const hostsTurn = (ok: number) => c3(...(Array(3).fill(`401 404 404 404 404 404 404 404 ${ok} 403 401`) as [string, string, string]));
const requesterOnly = (ok: number) => c3(...(Array(3).fill(`401 404 404 404 404 404 404 404 403 ${ok} 401`) as [string, string, string]));
const whenForm = () => {
  const at = inTwoWeeks();
  return { date: at.toISOString().slice(0, 10), time: '10:00', durationMinutes: '60', message: 'Ik wil zien hoe je de tolk inzet.' };
};
const sharesTo = async (c: Ctx) => {
  await pickShareTarget(c.w, c.vis!, c, c.expected !== undefined && c.expected < 400);
  return ownPractice('practiceId')(c);
};
const tryForm = () => ({ team: 'Wijkteam Noord', result: 'partly', adapted: 'Met een collega erbij.', howItWent: 'Het eerste gesprek ging goed.' });

/*
 * Prompts (src/prompts): composing, the community's list, the results and cancelling are for
 * whoever manages the community (moderates); turning an answer into a question is for its sender
 * (fac), as the question is theirs and needs an active member. A delivered prompt is its
 * recipient's only (mem; its answers are for the facilitators): 404 to everyone else. Opting out
 * of a community's prompts is for its active members; opting back in for whoever sees it. The
 * inbox and settings are everyone's own. Per community the shared prompt (test/authz-prompts.ts)
 * is fac's, delivered to and answered by mem.
 */
/*
 * Signals (src/signals): the community's figures are for whoever manages it (fac; adm outside
 * secret communities) and the owning organisation's managers (mgr, not in secret communities);
 * members who see it get 403.
 */
const readsSignals = rule(                          '401 403 403 403 403 403 yes yes 403 yes 401',
                                                    '401 404 404 403 404 403 yes yes 403 yes 401',
                                                    '401 404 404 404 404 404 404 404 403 yes 401');
const recipientOnly = rule(                         '401 404 404 404 404 404 404 404 yes 404 401',
                                                    '401 404 404 404 404 404 404 404 yes 404 401',
                                                    '401 404 404 404 404 404 404 404 yes 404 401');
const promptByRequest = new WeakMap<Ctx, { promptId: string; responseId: string; canary: string }>();
/** The prompt the URL names: one of its own when the request is to succeed, the shared one otherwise. */
const ownPrompt = (on: 'promptId' | 'occurrenceId') => async (c: Ctx) => {
  const prompt = c.expected !== undefined && c.expected < 400 ? await freshPrompt(c.w, c.vis!) : await sharedPrompt(c.w, c.vis!);
  promptByRequest.set(c, prompt);
  return { id: prompt[on], promptId: prompt.promptId, canary: prompt.canary };
};
const readPrompt = (on: 'promptId' | 'occurrenceId') => async (c: Ctx) => ({ id: (await sharedPrompt(c.w, c.vis!))[on] });
const promptSnapshot = (c: Ctx, p: Record<string, string>) => promptState(c.w, p.promptId!, p.canary!);
const composeForm = () => ({ kind: 'reflection', text: 'Wat leerde je deze week?', responseMode: 'text', visibility: 'facilitators', scheduleKind: 'once', date: promptMoment(), time: '09:00', windowAmount: '2', windowUnit: 'days' });
const composeJson = () => ({ kind: 'reflection', text: 'Wat leerde je deze week?', responseMode: 'text', visibility: 'facilitators', scheduleKind: 'once', date: promptMoment(), time: '09:00', windowAmount: 2, windowUnit: 'days' });
const optOutSnapshot = (c: Ctx) => optOutState(c.w, c.community!.id, c.w.users[c.actor]?.id);
/** Unsubscribe links (src/notifications/mail) name the victim: the signed link is the authorisation, a forged one is 404. */
const unsubscribeLink = async (c: Ctx) => ({ token: signUnsubscribeToken(await unsubscribeKey(c.w.t.deps.db), c.w.victim.id, 'activity') });
const forgedUnsubscribeLink = (c: Ctx) => ({ token: `${Buffer.from(`${c.w.victim.id}.digest`).toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA` });
const victimDigest = async (c: Ctx) => (await c.w.t.deps.db.selectFrom('users').select('digest_frequency').where('id', '=', c.w.victim.id).executeTakeFirstOrThrow()).digest_frequency;

// Aligned by hand: read a row across to see who gets what.
const TABLE: Row[] = [
  //                                                                                         ano oth oad par pla non mgr adm mem fac dea
  // Operations, assets and public pages: the same for everyone.
  { method: 'GET',    route: '/healthz',                                            expect: '200 200 200 200 200 200 200 200 200 200 200' },
  { method: 'GET',    route: '/readyz',                                             expect: '200 200 200 200 200 200 200 200 200 200 200' },
  // Every actor calls from their own (non-loopback) address; metrics answer only on loopback or to METRICS_TOKEN.
  { method: 'GET',    route: '/metrics',                                            expect: '404 404 404 404 404 404 404 404 404 404 404' },
  { method: 'GET',    route: '/favicon.ico',                                        expect: '200 200 200 200 200 200 200 200 200 200 200' },
  { method: 'GET',    route: '/api/v1/openapi.json',                                expect: '200 200 200 200 200 200 200 200 200 200 200' },
  { method: 'GET',    route: '/thema/:organisationId.css',                          expect: '200 200 200 200 200 200 200 200 200 200 200', params: (c) => ({ organisationId: c.w.owner.id }) },
  { method: 'GET',    route: '/',                                                   expect: '200 200 200 200 200 200 200 200 200 200 200' },

  // Log-in, language, sign-up, links from e-mails: public; a link's token is its own authorisation.
  { method: 'GET',    route: '/inloggen',                                           expect: '200 302 302 302 302 302 302 302 302 302 200' },
  { method: 'POST',   route: '/inloggen',                                           expect: '303 303 303 303 303 303 303 303 303 303 422', freshClient: true, body: (c) => ({ email: (c.w.users[c.actor] ?? c.w.victim).email, password: TEST_PASSWORD }) },
  { method: 'POST',   route: '/uitloggen',                                          expect: '303 303 303 303 303 303 303 303 303 303 303', endsSessions: true },
  { method: 'POST',   route: '/taal',                                               expect: '303 303 303 303 303 303 303 303 303 303 303', body: () => ({ locale: 'nl', next: '/' }) },
  { method: 'GET',    route: '/aanmelden',                                          expect: '200 200 200 200 200 200 200 200 200 200 200' },
  { method: 'POST',   route: '/aanmelden',                                          expect: '303 303 303 303 303 303 303 303 303 303 303', body: (c) => ({ email: `nieuw-${randomUUID().slice(0, 8)}@${c.w.signUpDomain}`, name: 'Nieuwe Collega', password: strongPassword }) },
  { method: 'GET',    route: '/aanmelden/verstuurd',                                expect: '200 200 200 200 200 200 200 200 200 200 200' },
  { method: 'GET',    route: '/aanmelden/bevestigen/:token',                        expect: '200 200 200 200 200 200 200 200 200 200 200', params: (c) => ({ token: c.w.verifyToken }) },
  { method: 'POST',   route: '/aanmelden/bevestigen/:token',                        expect: '422 422 422 422 422 422 422 422 422 422 422', params: (c) => ({ token: c.w.verifyToken }), body: () => ({ password: 'niet het wachtwoord van de aanmelding' }) },
  { method: 'GET',    route: '/uitnodiging/:token',                                 expect: '200 200 200 200 200 200 200 200 200 200 200', params: (c) => ({ token: c.w.invitationToken }) },
  { method: 'POST',   route: '/uitnodiging/:token',                                 expect: '422 422 422 422 422 422 422 422 422 422 422', params: (c) => ({ token: c.w.invitationToken }), body: () => ({ name: 'Nieuwe Collega', password: strongPassword, passwordConfirmation: 'iets anders' }) },
  { method: 'GET',    route: '/wachtwoord-vergeten',                                expect: '200 200 200 200 200 200 200 200 200 200 200' },
  { method: 'POST',   route: '/wachtwoord-vergeten',                                expect: '303 303 303 303 303 303 303 303 303 303 303', body: () => ({ email: `onbekend-${randomUUID().slice(0, 8)}@example.test` }) },
  { method: 'GET',    route: '/wachtwoord-vergeten/verstuurd',                      expect: '200 200 200 200 200 200 200 200 200 200 200' },
  { method: 'GET',    route: '/wachtwoord-herstellen/:token',                       expect: '200 200 200 200 200 200 200 200 200 200 200', params: (c) => ({ token: c.w.resetToken }) },
  { method: 'POST',   route: '/wachtwoord-herstellen/:token',                       expect: '422 422 422 422 422 422 422 422 422 422 422', params: (c) => ({ token: c.w.resetToken }), body: () => ({ password: strongPassword, passwordConfirmation: 'iets anders' }) },
  { method: 'GET',    route: '/afmelden/:token',                                    expect: '200 200 200 200 200 200 200 200 200 200 200', params: unsubscribeLink },
  { method: 'GET',    route: '/afmelden/:token',              variant: 'forged',    expect: '404 404 404 404 404 404 404 404 404 404 404', params: forgedUnsubscribeLink },
  { method: 'POST',   route: '/afmelden/:token',                                    expect: '200 200 200 200 200 200 200 200 200 200 200', params: unsubscribeLink, body: () => ({ 'List-Unsubscribe': 'One-Click' }) },
  { method: 'POST',   route: '/afmelden/:token',              variant: 'forged',    expect: '404 404 404 404 404 404 404 404 404 404 404', params: forgedUnsubscribeLink, snapshot: victimDigest },

  // One's own profile, sessions and tokens; another person's session or token is "not found".
  { method: 'GET',    route: '/profiel',                                            expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/profiel',                                            expect: '401 303 303 303 303 303 303 303 303 303 401', body: (c) => ({ name: `Naam van ${c.actor}`, jobTitle: 'Consulent', bio: '', expertise: 'wmo', locale: 'nl' }) },
  { method: 'GET',    route: '/profiel/wachtwoord',                                 expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/profiel/wachtwoord',                                 expect: '401 303 303 303 303 303 303 303 303 303 401', endsSessions: true, body: () => ({ currentPassword: TEST_PASSWORD, password: strongPassword, passwordConfirmation: strongPassword }) },
  { method: 'GET',    route: '/profiel/sessies',                                    expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/profiel/sessies/:id/uitloggen',                      expect: '401 404 404 404 404 404 404 404 404 404 401', params: (c) => ({ id: c.w.victimSessionId }), snapshot: (c) => sessionExists(c.w, c.w.victimSessionId) },
  { method: 'POST',   route: '/profiel/sessies/andere-uitloggen',                   expect: '401 303 303 303 303 303 303 303 303 303 401', endsSessions: true },
  { method: 'GET',    route: '/profiel/tokens',                                     expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/profiel/tokens',                                     expect: '401 200 200 200 200 200 200 200 200 200 401', body: () => ({ name: 'Script', scope: 'read' }) },
  { method: 'POST',   route: '/profiel/tokens/:id/intrekken',                       expect: '401 404 404 404 404 404 404 404 404 404 401', params: (c) => ({ id: c.w.victimTokenId }), body: () => ({ confirmed: 'yes' }), snapshot: (c) => tokenState(c.w, c.w.victimTokenId) },
  { method: 'GET',    route: '/api/v1/me',                                          expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'PATCH',  route: '/api/v1/me',                                          expect: '401 200 200 200 200 200 200 200 200 200 401', body: () => ({ jobTitle: 'Beleidsadviseur' }) },
  { method: 'GET',    route: '/api/v1/me/sessions',                                 expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'DELETE', route: '/api/v1/me/sessions/:id',                             expect: '401 404 404 404 404 404 404 404 404 404 401', params: (c) => ({ id: c.w.victimSessionId }), snapshot: (c) => sessionExists(c.w, c.w.victimSessionId) },
  { method: 'GET',    route: '/api/v1/me/tokens',                                   expect: '401 200 200 200 200 200 200 200 200 200 401' },
  // A token may not make another token (a leaked token must not leave a copy behind).
  { method: 'POST',   route: '/api/v1/me/tokens',                                   expect: '401 201 201 201 201 201 201 201 201 201 401', expectBearer: '401 403 403 403 403 403 403 403 403 403 401', body: () => ({ name: 'Script', scope: 'read' }) },
  { method: 'DELETE', route: '/api/v1/me/tokens/:id',                               expect: '401 404 404 404 404 404 404 404 404 404 401', params: (c) => ({ id: c.w.victimTokenId }), snapshot: (c) => tokenState(c.w, c.w.victimTokenId) },

  // Organisation administration (/beheer/organisatie): one's own organisation; does not exist for non-administrators.
  { method: 'GET',    route: '/beheer/organisatie',                                 expect: '401 404 200 404 200 404 404 200 404 404 401' },
  { method: 'GET',    route: '/beheer/organisatie/leden/:userId',                   expect: '401 404 404 404 404 404 404 200 404 404 401', params: (c) => ({ userId: c.w.victim.id }) },
  { method: 'POST',   route: '/beheer/organisatie/leden/:userId/rol',               expect: '401 404 404 404 404 404 404 303 404 404 401', params: async (c) => ({ userId: (await freshUser(c.w)).id }), body: () => ({ role: 'manager' }), snapshot: (c, p) => userState(c.w, p.userId!) },
  { method: 'POST',   route: '/beheer/organisatie/leden/:userId/deactiveren',       expect: '401 404 404 404 404 404 404 303 404 404 401', params: async (c) => ({ userId: (await freshUser(c.w)).id }), body: () => ({ confirmed: 'yes' }), snapshot: (c, p) => userState(c.w, p.userId!) },
  { method: 'POST',   route: '/beheer/organisatie/leden/:userId/heractiveren',      expect: '401 404 404 404 404 404 404 303 404 404 401', params: async (c) => ({ userId: (await freshUser(c.w, 'deactivated')).id }), snapshot: (c, p) => userState(c.w, p.userId!) },
  { method: 'GET',    route: '/beheer/organisatie/uitnodigen',                      expect: '401 404 200 404 200 404 404 200 404 404 401' },
  { method: 'POST',   route: '/beheer/organisatie/uitnodigen',                      expect: '401 404 303 404 303 404 404 303 404 404 401', body: () => ({ email: `uitgenodigd-${randomUUID().slice(0, 8)}@example.test`, role: 'member', locale: 'nl' }) },
  { method: 'POST',   route: '/beheer/organisatie/uitnodigen/:id/intrekken',        expect: '401 404 404 404 404 404 404 303 404 404 401', params: async (c) => ({ id: await freshInvitation(c.w) }), body: () => ({ confirmed: 'yes' }), snapshot: (c, p) => invitationState(c.w, p.id!) },
  { method: 'POST',   route: '/api/v1/organisations/:organisationId/invitations',   expect: '401 404 404 404 201 403 403 201 403 403 401', params: (c) => ({ organisationId: c.w.owner.id }), body: () => ({ email: `api-uitgenodigd-${randomUUID().slice(0, 8)}@example.test`, role: 'member' }) },
  { method: 'GET',    route: '/api/v1/organisations/:id/members',                   expect: '401 404 404 404 200 403 403 200 403 403 401', params: (c) => ({ id: c.w.owner.id }) },
  { method: 'PATCH',  route: '/api/v1/organisations/:id/members/:userId',           expect: '401 404 404 404 200 403 403 200 403 403 401', params: async (c) => ({ id: c.w.owner.id, userId: (await freshUser(c.w)).id }), body: () => ({ role: 'manager' }), snapshot: (c, p) => userState(c.w, p.userId!) },

  // Platform administration (/beheer/organisaties): does not exist for anyone but platform administrators.
  { method: 'GET',    route: '/beheer/organisaties',                                expect: '401 404 404 404 200 404 404 404 404 404 401' },
  { method: 'GET',    route: '/beheer/organisaties/nieuw',                          expect: '401 404 404 404 200 404 404 404 404 404 401' },
  { method: 'POST',   route: '/beheer/organisaties/nieuw',                          expect: '401 404 404 404 303 404 404 404 404 404 401', body: () => ({ name: `Gemeente Nieuw ${randomUUID().slice(0, 8)}`, slug: '', kind: 'municipality', emailDomains: '' }) },
  { method: 'GET',    route: '/beheer/organisaties/:slug',                          expect: '401 404 404 404 200 404 404 404 404 404 401', params: (c) => ({ slug: c.w.owner.slug }) },
  { method: 'POST',   route: '/beheer/organisaties/:slug',                          expect: '401 404 404 404 303 404 404 404 404 404 401', params: (c) => ({ slug: c.w.owner.slug }), body: (c) => ({ name: c.w.owner.name, slug: c.w.owner.slug, kind: 'municipality', emailDomains: c.w.owner.email_domains.join('\n') }), snapshot: (c) => organisationState(c.w, c.w.owner.id) },
  { method: 'GET',    route: '/api/v1/organisations',                               expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/api/v1/organisations',                               expect: '401 403 403 403 201 403 403 403 403 403 401', body: () => ({ name: `Gemeente Api ${randomUUID().slice(0, 8)}`, kind: 'partner' }) },
  { method: 'GET',    route: '/api/v1/organisations/:id',                           expect: '401 404 404 404 200 200 200 200 200 200 401', params: (c) => ({ id: c.w.owner.id }) },
  { method: 'PATCH',  route: '/api/v1/organisations/:id',                           expect: '401 404 404 404 200 403 403 403 403 403 401', params: (c) => ({ id: c.w.owner.id }), body: (c) => ({ name: c.w.owner.name }), snapshot: (c) => organisationState(c.w, c.w.owner.id) },

  // Communities: the list and starting one.
  { method: 'GET',    route: '/gemeenschappen',                                     expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'GET',    route: '/gemeenschappen/nieuw',                               expect: '401 403 200 403 200 403 200 200 403 403 401' },
  { method: 'POST',   route: '/gemeenschappen',                                     expect: '401 403 303 403 303 403 303 303 403 403 401', body: () => ({ name: `Nieuwe kring ${randomUUID().slice(0, 8)}`, visibility: 'open' }) },
  { method: 'GET',    route: '/api/v1/communities',                                 expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/api/v1/communities',                                 expect: '401 403 201 403 201 403 201 201 403 403 401', body: () => ({ name: `Api-kring ${randomUUID().slice(0, 8)}`, visibility: 'open' }) },

  // Search: one box over everything the actor may see; what they may not see is filtered out in SQL (src/search/search.visibility.test.ts).
  { method: 'GET',    route: '/zoeken',                                             expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'GET',    route: '/api/v1/search',                                      expect: '401 200 200 200 200 200 200 200 200 200 401' },

  // One community, per visibility. Seeing: open everyone; closed owner + partner + members; secret members only.
  // Managing: facilitators, and administrators of the owner except in secret communities.
  //                                                                                         ano oth oad par pla non mgr adm mem fac dea
  { method: 'GET',    route: '/gemeenschappen/:slug',                               params: slugOf, expect: c3(
                                                                                            '401 200 200 200 200 200 200 200 200 200 401',
                                                                                            '401 404 404 200 404 200 200 200 200 200 401',
                                                                                            '401 404 404 404 404 404 404 404 200 200 401') },
  { method: 'GET',    route: '/gemeenschappen/:slug/leden',                         params: slugOf, expect: c3(
                                                                                            '401 200 200 200 200 200 200 200 200 200 401',
                                                                                            '401 404 404 200 404 200 200 200 200 200 401',
                                                                                            '401 404 404 404 404 404 404 404 200 200 401') },
  { method: 'GET',    route: '/gemeenschappen/:slug/bewerken',                      params: slugOf, expect: c3(
                                                                                            '401 403 403 403 403 403 403 200 403 200 401',
                                                                                            '401 404 404 403 404 403 403 200 403 200 401',
                                                                                            '401 404 404 404 404 404 404 404 403 200 401') },
  { method: 'POST',   route: '/gemeenschappen/:slug/bewerken',                      params: slugOf, fresh: true, body: (c) => ({ name: c.community!.name, purpose: 'Samen leren', tags: 'wmo', visibility: c.vis, ...(c.vis === 'closed' && { partnerOrganisationIds: c.w.partnerOrg.id }) }), expect: c3(
                                                                                            '401 403 403 403 403 403 403 303 403 303 401',
                                                                                            '401 404 404 403 404 403 403 303 403 303 401',
                                                                                            '401 404 404 404 404 404 404 404 403 303 401') },
  { method: 'GET',    route: '/gemeenschappen/:slug/aanvragen',                     params: slugOf, expect: c3(
                                                                                            '401 403 403 403 403 403 403 200 403 200 401',
                                                                                            '401 404 404 403 404 403 403 200 403 200 401',
                                                                                            '401 404 404 404 404 404 404 404 403 200 401') },
  { method: 'POST',   route: '/gemeenschappen/:slug/lid-worden',                    params: slugOf, fresh: true, expect: c3(
                                                                                            '401 303 303 303 303 303 303 303 303 303 401',
                                                                                            '401 404 404 303 404 303 303 303 303 303 401',
                                                                                            '401 404 404 404 404 404 404 404 303 303 401') },
  { method: 'POST',   route: '/gemeenschappen/:slug/aanvraag',                      params: slugOf, fresh: true, body: () => ({ message: 'Ik werk ook aan dit thema.' }), expect: c3(
                                                                                            '401 303 303 303 303 303 303 303 303 303 401',
                                                                                            '401 404 404 303 404 303 303 303 303 303 401',
                                                                                            '401 404 404 404 404 404 404 404 303 303 401') },
  { method: 'POST',   route: '/gemeenschappen/:slug/aanvraag/intrekken',            params: slugOf, fresh: true, expect: c3(
                                                                                            '401 303 303 303 303 303 303 303 303 303 401',
                                                                                            '401 404 404 303 404 303 303 303 303 303 401',
                                                                                            '401 404 404 404 404 404 404 404 303 303 401') },
  // The only facilitator may not leave: someone must keep running the community (409).
  { method: 'POST',   route: '/gemeenschappen/:slug/verlaten',                      params: slugOf, fresh: true, body: () => ({ confirmed: 'yes' }), expect: c3(
                                                                                            '401 303 303 303 303 303 303 303 303 409 401',
                                                                                            '401 404 404 303 404 303 303 303 303 409 401',
                                                                                            '401 404 404 404 404 404 404 404 303 409 401') },
  // Only an invitation is accepted, never joined or asked for instead; no actor holds one in a
  // fresh community, so it is "not found" (the invitee's own flow: membership.routes.test.ts).
  { method: 'POST',   route: '/gemeenschappen/:slug/uitnodiging/accepteren',        params: slugOf, fresh: true, expect: c3(
                                                                                            '401 404 404 404 404 404 404 404 404 404 401',
                                                                                            '401 404 404 404 404 404 404 404 404 404 401',
                                                                                            '401 404 404 404 404 404 404 404 404 404 401') },
  { method: 'POST',   route: '/gemeenschappen/:slug/uitnodiging/afslaan',           params: slugOf, fresh: true, expect: c3(
                                                                                            '401 303 303 303 303 303 303 303 303 303 401',
                                                                                            '401 404 404 303 404 303 303 303 303 303 401',
                                                                                            '401 404 404 404 404 404 404 404 303 303 401') },
  { method: 'POST',   route: '/gemeenschappen/:slug/aanvragen/:userId/toelaten',    params: (c) => ({ slug: c.community!.slug, userId: c.w.requester.id }), fresh: true, expect: c3(
                                                                                            '401 403 403 403 403 403 403 303 403 303 401',
                                                                                            '401 404 404 403 404 403 403 303 403 303 401',
                                                                                            '401 404 404 404 404 404 404 404 403 303 401') },
  { method: 'POST',   route: '/gemeenschappen/:slug/aanvragen/:userId/afwijzen',    params: (c) => ({ slug: c.community!.slug, userId: c.w.requester.id }), fresh: true, expect: c3(
                                                                                            '401 403 403 403 403 403 403 303 403 303 401',
                                                                                            '401 404 404 403 404 403 403 303 403 303 401',
                                                                                            '401 404 404 404 404 404 404 404 403 303 401') },
  { method: 'POST',   route: '/gemeenschappen/:slug/uitnodigen',                    params: slugOf, fresh: true, body: (c) => ({ email: c.w.invitee.email }), expect: c3(
                                                                                            '401 403 403 403 403 403 403 303 403 303 401',
                                                                                            '401 404 404 403 404 403 403 303 403 303 401',
                                                                                            '401 404 404 404 404 404 404 404 403 303 401') },
  { method: 'POST',   route: '/gemeenschappen/:slug/leden/:userId/rol',             params: (c) => ({ slug: c.community!.slug, userId: c.w.users.member!.id }), fresh: true, body: () => ({ role: 'facilitator' }), expect: c3(
                                                                                            '401 403 403 403 403 403 403 303 403 303 401',
                                                                                            '401 404 404 403 404 403 403 303 403 303 401',
                                                                                            '401 404 404 404 404 404 404 404 403 303 401') },
  { method: 'POST',   route: '/gemeenschappen/:slug/leden/:userId/verwijderen',     params: (c) => ({ slug: c.community!.slug, userId: c.w.users.member!.id }), fresh: true, body: () => ({ confirmed: 'yes' }), expect: c3(
                                                                                            '401 403 403 403 403 403 403 303 403 303 401',
                                                                                            '401 404 404 403 404 403 403 303 403 303 401',
                                                                                            '401 404 404 404 404 404 404 404 403 303 401') },
  { method: 'GET',    route: '/api/v1/communities/:id',                             params: idOf, expect: c3(
                                                                                            '401 200 200 200 200 200 200 200 200 200 401',
                                                                                            '401 404 404 200 404 200 200 200 200 200 401',
                                                                                            '401 404 404 404 404 404 404 404 200 200 401') },
  { method: 'GET',    route: '/api/v1/communities/:id/members',                     params: idOf, expect: c3(
                                                                                            '401 200 200 200 200 200 200 200 200 200 401',
                                                                                            '401 404 404 200 404 200 200 200 200 200 401',
                                                                                            '401 404 404 404 404 404 404 404 200 200 401') },
  // Similar questions while asking: whoever may see the community; searches without results: whoever manages it.
  { method: 'GET',    route: '/api/v1/communities/:id/questions/similar',           params: idOf, expect: c3(
                                                                                            '401 200 200 200 200 200 200 200 200 200 401',
                                                                                            '401 404 404 200 404 200 200 200 200 200 401',
                                                                                            '401 404 404 404 404 404 404 404 200 200 401') },
  { method: 'GET',    route: '/gemeenschappen/:slug/zoekvragen',                    params: slugOf, expect: c3(
                                                                                            '401 403 403 403 403 403 403 200 403 200 401',
                                                                                            '401 404 404 403 404 403 403 200 403 200 401',
                                                                                            '401 404 404 404 404 404 404 404 403 200 401') },
  { method: 'PATCH',  route: '/api/v1/communities/:id',                             params: idOf, fresh: true, body: () => ({ purpose: 'Aangescherpt doel' }), expect: c3(
                                                                                            '401 403 403 403 403 403 403 200 403 200 401',
                                                                                            '401 404 404 403 404 403 403 200 403 200 401',
                                                                                            '401 404 404 404 404 404 404 404 403 200 401') },
  { method: 'POST',   route: '/api/v1/communities/:id/join',                        params: idOf, fresh: true, expect: c3(
                                                                                            '401 200 200 200 200 200 200 200 200 200 401',
                                                                                            '401 404 404 200 404 200 200 200 200 200 401',
                                                                                            '401 404 404 404 404 404 404 404 200 200 401') },
  { method: 'POST',   route: '/api/v1/communities/:id/leave',                       params: idOf, fresh: true, expect: c3(
                                                                                            '401 204 204 204 204 204 204 204 204 409 401',
                                                                                            '401 404 404 204 404 204 204 204 204 409 401',
                                                                                            '401 404 404 404 404 404 404 404 204 409 401') },
  { method: 'POST',   route: '/api/v1/communities/:id/invitations',                 params: idOf, fresh: true, body: (c) => ({ email: c.w.invitee.email }), expect: c3(
                                                                                            '401 403 403 403 403 403 403 201 403 201 401',
                                                                                            '401 404 404 403 404 403 403 201 403 201 401',
                                                                                            '401 404 404 404 404 404 404 404 403 201 401') },
  { method: 'POST',   route: '/api/v1/communities/:id/requests/:userId/approve',    params: (c) => ({ id: c.community!.id, userId: c.w.requester.id }), fresh: true, expect: c3(
                                                                                            '401 403 403 403 403 403 403 200 403 200 401',
                                                                                            '401 404 404 403 404 403 403 200 403 200 401',
                                                                                            '401 404 404 404 404 404 404 404 403 200 401') },
  { method: 'POST',   route: '/api/v1/communities/:id/requests/:userId/decline',    params: (c) => ({ id: c.community!.id, userId: c.w.requester.id }), fresh: true, expect: c3(
                                                                                            '401 403 403 403 403 403 403 204 403 204 401',
                                                                                            '401 404 404 403 404 403 403 204 403 204 401',
                                                                                            '401 404 404 404 404 404 404 404 403 204 401') },
  { method: 'PATCH',  route: '/api/v1/communities/:id/members/:userId',             params: (c) => ({ id: c.community!.id, userId: c.w.users.member!.id }), fresh: true, body: () => ({ role: 'facilitator' }), expect: c3(
                                                                                            '401 403 403 403 403 403 403 200 403 200 401',
                                                                                            '401 404 404 403 404 403 403 200 403 200 401',
                                                                                            '401 404 404 404 404 404 404 404 403 200 401') },
  // Questions, answers and comments (rules above the table). Pages and form posts first, then the API.
  //                                                                                         ano oth oad par pla non mgr adm mem fac dea
  { method: 'GET',    route: '/gemeenschappen/:slug/vragen',                        params: slugOf, expect: readsQuestions(200) },
  { method: 'GET',    route: '/gemeenschappen/:slug/vragen/nieuw',                  params: slugOf, expect: takesPart(200) },
  { method: 'POST',   route: '/gemeenschappen/:slug/vragen',                        params: slugOf, fresh: true, body: () => ({ kind: 'how', title: 'Hoe regel je vervoer naar de dagbesteding?', body: 'Ervaringen?', tags: 'vervoer' }), snapshot: (c) => questionCount(c.w, c.community!.id), expect: takesPart(303) },
  // Across one's communities: what the actor could answer, or asked; never what they may not see (hiddenMarkers).
  { method: 'GET',    route: '/vragen',                                             expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'GET',    route: '/vragen/:id',                                         params: sharedQuestion, expect: readsQuestions(200) },
  { method: 'GET',    route: '/vragen/:id',                   variant: 'hidden',    params: ownThread('questionId', 'hiddenQuestion'), expect: readsHiddenByMember(200) },
  { method: 'GET',    route: '/vragen/:id',                   variant: 'deleted',   params: ownThread('questionId', 'deletedQuestion'), expect: gone },
  { method: 'GET',    route: '/vragen/:id/bewerken',                                params: sharedQuestion, expect: memberIsAuthor(200) },
  { method: 'POST',   route: '/vragen/:id/bewerken',                                params: ownThread('questionId'), snapshot: threadSnapshot, body: () => ({ kind: 'how', title: 'Hoe pak je dit anders aan, na bewerking?', body: 'Bewerkt.', tags: 'bewerkt' }), expect: memberIsAuthor(303) },
  { method: 'GET',    route: '/vragen/:id/versies',                                 params: sharedQuestion, expect: readsQuestions(200) },
  { method: 'POST',   route: '/vragen/:id/volgen',                                  params: ownThread('questionId'), snapshot: threadSnapshot, expect: readsQuestions(303) },
  { method: 'POST',   route: '/vragen/:id/ontvolgen',                               params: ownThread('questionId'), snapshot: threadSnapshot, expect: readsQuestions(303) },
  { method: 'POST',   route: '/vragen/:id/verwijderen',                             params: ownThread('questionId'), snapshot: threadSnapshot, body: () => ({ confirmed: 'yes' }), expect: memberIsAuthor(303) },
  { method: 'GET',    route: '/vragen/:id/verbergen',                               params: sharedQuestion, expect: moderates(200) },
  { method: 'POST',   route: '/vragen/:id/verbergen',                               params: ownThread('questionId'), snapshot: threadSnapshot, body: hideReason, expect: moderates(303) },
  { method: 'POST',   route: '/vragen/:id/tonen',                                   params: ownThread('questionId', 'hiddenQuestion'), snapshot: threadSnapshot, expect: unhidesByMember(303) },
  { method: 'GET',    route: '/vragen/:id/sluiten',                                 params: sharedQuestion, expect: askerOrModerator(200) },
  { method: 'POST',   route: '/vragen/:id/sluiten',                                 params: ownThread('questionId'), snapshot: threadSnapshot, body: (c) => ({ duplicateOf: c.w.questions[c.vis!].questionId }), expect: askerOrModerator(303) },
  { method: 'POST',   route: '/vragen/:id/heropenen',                               params: ownThread('questionId', 'closed'), snapshot: threadSnapshot, expect: askerOrModerator(303) },
  { method: 'GET',    route: '/vragen/:id/uitnodigen',                              params: sharedQuestion, expect: takesPart(200) },
  { method: 'POST',   route: '/vragen/:id/uitnodigen',                              params: ownThread('questionId'), snapshot: threadSnapshot, body: (c) => ({ userIds: otherParticipant(c) }), expect: takesPart(303) },
  { method: 'POST',   route: '/vragen/:id/antwoorden',                              params: ownThread('questionId'), snapshot: threadSnapshot, body: () => ({ body: 'Bel eerst de wijkcoach.' }), expect: takesPart(303) },
  { method: 'POST',   route: '/vragen/:id/oplossing',                               params: ownThread('questionId'), snapshot: threadSnapshot, body: (c) => ({ answerId: c.thread!.answerId }), expect: askerOrModerator(303) },
  { method: 'POST',   route: '/vragen/:id/reacties',                                params: ownThread('questionId'), snapshot: threadSnapshot, body: () => ({ body: 'Goede vraag.' }), expect: takesPart(303) },
  { method: 'GET',    route: '/antwoorden/:id',                                     params: sharedAnswer, expect: readsQuestions(303) },
  { method: 'GET',    route: '/antwoorden/:id',               variant: 'hidden',    params: ownThread('answerId', 'hiddenAnswer'), expect: readsHiddenByFacilitator(303) },
  { method: 'POST',   route: '/antwoorden/:id/geholpen',                            params: ownThread('answerId'), snapshot: threadSnapshot, body: () => ({ helped: 'true' }), expect: helpsOthers(303) },
  { method: 'GET',    route: '/antwoorden/:id/bewerken',                            params: sharedAnswer, expect: facilitatorIsAuthor(200) },
  { method: 'POST',   route: '/antwoorden/:id/bewerken',                            params: ownThread('answerId'), snapshot: threadSnapshot, body: () => ({ body: 'Bel eerst de wijkcoach, en daarna de consulent.' }), expect: facilitatorIsAuthor(303) },
  { method: 'GET',    route: '/antwoorden/:id/versies',                             params: sharedAnswer, expect: readsQuestions(200) },
  { method: 'POST',   route: '/antwoorden/:id/verwijderen',                         params: ownThread('answerId'), snapshot: threadSnapshot, body: () => ({ confirmed: 'yes' }), expect: facilitatorIsAuthor(303) },
  { method: 'GET',    route: '/antwoorden/:id/verbergen',                           params: sharedAnswer, expect: moderates(200) },
  { method: 'POST',   route: '/antwoorden/:id/verbergen',                           params: ownThread('answerId'), snapshot: threadSnapshot, body: hideReason, expect: moderates(303) },
  { method: 'POST',   route: '/antwoorden/:id/tonen',                               params: ownThread('answerId', 'hiddenAnswer'), snapshot: threadSnapshot, expect: readsHiddenByFacilitator(303) },
  { method: 'POST',   route: '/antwoorden/:id/reacties',                            params: ownThread('answerId'), snapshot: threadSnapshot, body: () => ({ body: 'Dank, dit werkt.' }), expect: takesPart(303) },
  { method: 'POST',   route: '/reacties/:id/verwijderen',                           params: ownThread('commentId'), snapshot: threadSnapshot, body: () => ({ confirmed: 'yes' }), expect: memberIsAuthor(303) },
  { method: 'GET',    route: '/reacties/:id/verbergen',                             params: sharedComment, expect: moderates(200) },
  { method: 'POST',   route: '/reacties/:id/verbergen',                             params: ownThread('commentId'), snapshot: threadSnapshot, body: hideReason, expect: moderates(303) },
  { method: 'POST',   route: '/reacties/:id/tonen',                                 params: ownThread('commentId', 'hiddenComment'), snapshot: threadSnapshot, expect: unhidesByMember(303) },
  { method: 'GET',    route: '/api/v1/communities/:id/questions',                   params: idOf, expect: readsQuestions(200) },
  { method: 'POST',   route: '/api/v1/communities/:id/questions',                   params: idOf, fresh: true, body: () => ({ kind: 'what', title: 'Wat kost een rolstoel via de Wmo?', body: '', tags: ['wmo'] }), snapshot: (c) => questionCount(c.w, c.community!.id), expect: takesPart(201) },
  { method: 'GET',    route: '/api/v1/questions',                                   expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'GET',    route: '/api/v1/questions/:id',                               params: sharedQuestion, expect: readsQuestions(200) },
  { method: 'GET',    route: '/api/v1/questions/:id',         variant: 'hidden',    params: ownThread('questionId', 'hiddenQuestion'), expect: readsHiddenByMember(200) },
  { method: 'PATCH',  route: '/api/v1/questions/:id',                               params: ownThread('questionId'), snapshot: threadSnapshot, body: () => ({ title: 'Hoe pak je dit aan, via de API bewerkt?' }), expect: memberIsAuthor(200) },
  { method: 'DELETE', route: '/api/v1/questions/:id',                               params: ownThread('questionId'), snapshot: threadSnapshot, expect: memberIsAuthor(204) },
  { method: 'GET',    route: '/api/v1/questions/:id/revisions',                     params: sharedQuestion, expect: readsQuestions(200) },
  { method: 'POST',   route: '/api/v1/questions/:id/answers',                       params: ownThread('questionId'), snapshot: threadSnapshot, body: () => ({ body: 'Via de API: bel de wijkcoach.' }), expect: takesPart(201) },
  { method: 'POST',   route: '/api/v1/questions/:id/comments',                      params: ownThread('questionId'), snapshot: threadSnapshot, body: () => ({ body: 'Via de API: goede vraag.' }), expect: takesPart(201) },
  { method: 'PUT',    route: '/api/v1/questions/:id/accepted-answer',               params: ownThread('questionId'), snapshot: threadSnapshot, body: (c) => ({ answerId: c.thread!.answerId }), expect: askerOrModerator(204) },
  { method: 'DELETE', route: '/api/v1/questions/:id/accepted-answer',               params: ownThread('questionId', 'accepted'), snapshot: threadSnapshot, expect: askerOrModerator(204) },
  { method: 'PUT',    route: '/api/v1/questions/:id/follow',                        params: ownThread('questionId'), snapshot: threadSnapshot, expect: readsQuestions(204) },
  { method: 'DELETE', route: '/api/v1/questions/:id/follow',                        params: ownThread('questionId'), snapshot: threadSnapshot, expect: readsQuestions(204) },
  { method: 'PUT',    route: '/api/v1/questions/:id/hidden',                        params: ownThread('questionId'), snapshot: threadSnapshot, body: hideReason, expect: moderates(204) },
  { method: 'DELETE', route: '/api/v1/questions/:id/hidden',                        params: ownThread('questionId', 'hiddenQuestion'), snapshot: threadSnapshot, expect: unhidesByMember(204) },
  { method: 'PUT',    route: '/api/v1/questions/:id/closed',                        params: ownThread('questionId'), snapshot: threadSnapshot, body: (c) => ({ duplicateOf: c.w.questions[c.vis!].questionId }), expect: askerOrModerator(204) },
  { method: 'DELETE', route: '/api/v1/questions/:id/closed',                        params: ownThread('questionId', 'closed'), snapshot: threadSnapshot, expect: askerOrModerator(204) },
  { method: 'POST',   route: '/api/v1/questions/:id/answer-invitations',            params: ownThread('questionId'), snapshot: threadSnapshot, body: (c) => ({ userIds: [otherParticipant(c)] }), expect: takesPart(200) },
  { method: 'PATCH',  route: '/api/v1/answers/:id',                                 params: ownThread('answerId'), snapshot: threadSnapshot, body: () => ({ body: 'Via de API bewerkt antwoord.' }), expect: facilitatorIsAuthor(204) },
  { method: 'DELETE', route: '/api/v1/answers/:id',                                 params: ownThread('answerId'), snapshot: threadSnapshot, expect: facilitatorIsAuthor(204) },
  { method: 'GET',    route: '/api/v1/answers/:id/revisions',                       params: sharedAnswer, expect: readsQuestions(200) },
  { method: 'PUT',    route: '/api/v1/answers/:id/helped',                          params: ownThread('answerId'), snapshot: threadSnapshot, expect: helpsOthers(200) },
  { method: 'DELETE', route: '/api/v1/answers/:id/helped',                          params: ownThread('answerId', 'helped'), snapshot: threadSnapshot, expect: helpsOthers(200) },
  { method: 'PUT',    route: '/api/v1/answers/:id/hidden',                          params: ownThread('answerId'), snapshot: threadSnapshot, body: hideReason, expect: moderates(204) },
  { method: 'DELETE', route: '/api/v1/answers/:id/hidden',                          params: ownThread('answerId', 'hiddenAnswer'), snapshot: threadSnapshot, expect: readsHiddenByFacilitator(204) },
  { method: 'POST',   route: '/api/v1/answers/:id/comments',                        params: ownThread('answerId'), snapshot: threadSnapshot, body: () => ({ body: 'Via de API: dank.' }), expect: takesPart(201) },
  { method: 'DELETE', route: '/api/v1/comments/:id',                                params: ownThread('commentId'), snapshot: threadSnapshot, expect: memberIsAuthor(204) },
  { method: 'PUT',    route: '/api/v1/comments/:id/hidden',                         params: ownThread('commentId'), snapshot: threadSnapshot, body: hideReason, expect: moderates(204) },
  { method: 'DELETE', route: '/api/v1/comments/:id/hidden',                         params: ownThread('commentId', 'hiddenComment'), snapshot: threadSnapshot, expect: unhidesByMember(204) },
  // Frameworks (rules above the table).
  //                                                                                         ano oth oad par pla non mgr adm mem fac dea
  { method: 'GET',    route: '/gemeenschappen/:slug/kader',                         params: sharedFramework(slugOf), expect: readsFramework(200) },
  { method: 'GET',    route: '/gemeenschappen/:slug/kader/concept',                 params: slugOf, expect: readsDraft(200) },
  { method: 'POST',   route: '/gemeenschappen/:slug/kader/concept',                 params: slugOf, fresh: true, body: draftForm, snapshot: frameworkState, expect: writesFramework(303) },
  { method: 'POST',   route: '/gemeenschappen/:slug/kader/publiceren',              params: withDraft(slugOf), fresh: true, body: () => ({ changeNote: '' }), snapshot: frameworkState, expect: writesFramework(303) },
  { method: 'GET',    route: '/gemeenschappen/:slug/kader/versies',                 params: sharedFramework(slugOf), expect: readsFramework(200) },
  { method: 'GET',    route: '/gemeenschappen/:slug/kader/versies/:a/:b',           params: sharedFramework((c) => ({ slug: c.community!.slug, a: '1', b: '2' })), expect: readsFramework(200) },
  { method: 'GET',    route: '/api/v1/communities/:id/framework',                   params: sharedFramework(idOf), expect: readsFramework(200) },
  { method: 'GET',    route: '/api/v1/communities/:id/framework/versions',          params: sharedFramework(idOf), expect: readsFramework(200) },
  { method: 'GET',    route: '/api/v1/communities/:id/framework/versions/:number',  params: sharedFramework((c) => ({ id: c.community!.id, number: '2' })), expect: readsFramework(200) },
  { method: 'PUT',    route: '/api/v1/communities/:id/framework/draft',             params: idOf, fresh: true, body: draftJson, snapshot: frameworkState, expect: writesFramework(200) },
  { method: 'POST',   route: '/api/v1/communities/:id/framework/publish',           params: withDraft(idOf), fresh: true, body: () => ({}), snapshot: frameworkState, expect: writesFramework(201) },
  { method: 'POST',   route: '/gemeenschappen/:slug/kader/reacties',                params: sharedFramework(slugOf), body: responseForm, snapshot: responseState, expect: respondsToFramework(303) },
  { method: 'GET',    route: '/gemeenschappen/:slug/kader/reacties',                params: sharedResponse('flag', slugOf), expect: readsDraft(200) },
  { method: 'POST',   route: '/gemeenschappen/:slug/kader/reacties/:id/beantwoorden', params: sharedResponse('flag', (c, id) => ({ slug: c.community!.slug, id })), body: () => ({ reply: 'Bedoeld is de eerste maand.' }), snapshot: responseState, expect: writesFramework(303) },
  { method: 'POST',   route: '/gemeenschappen/:slug/kader/reacties/:id/overnemen',  params: sharedResponse('proposal', (c, id) => ({ slug: c.community!.slug, id })), body: () => ({ reply: 'Overgenomen.' }), snapshot: responseState, expect: writesFramework(303) },
  { method: 'GET',    route: '/api/v1/communities/:id/framework/responses',         params: sharedResponse('flag', idOf), expect: readsDraft(200) },
  { method: 'POST',   route: '/api/v1/communities/:id/framework/responses',         params: sharedFramework(idOf), body: responseForm, snapshot: responseState, expect: respondsToFramework(201) },
  { method: 'POST',   route: '/api/v1/communities/:id/framework/responses/:responseId/answer', params: sharedResponse('flag', (c, responseId) => ({ id: c.community!.id, responseId })), body: () => ({ reply: 'Bedoeld is de eerste maand.' }), snapshot: responseState, expect: writesFramework(200) },
  { method: 'POST',   route: '/api/v1/communities/:id/framework/responses/:responseId/adopt', params: sharedResponse('proposal', (c, responseId) => ({ id: c.community!.id, responseId })), body: () => ({ reply: 'Overgenomen.' }), snapshot: responseState, expect: writesFramework(200) },
  // Practice stories (rules above the table).
  //                                                                                         ano oth oad par pla non mgr adm mem fac dea
  { method: 'GET',    route: '/gemeenschappen/:slug/praktijk',                      params: slugOf, expect: readsQuestions(200) },
  { method: 'GET',    route: '/gemeenschappen/:slug/praktijk/nieuw',                params: slugOf, expect: takesPart(200) },
  { method: 'POST',   route: '/gemeenschappen/:slug/praktijk',                      params: slugOf, fresh: true, body: storyForm, snapshot: (c) => practiceCount(c.w, c.community!.id), expect: takesPart(303) },
  { method: 'GET',    route: '/praktijk/:id',                                       params: readPractice('practiceId'), expect: readsQuestions(200) },
  { method: 'GET',    route: '/praktijk/:id',                 variant: 'hidden',    params: readPractice('practiceId', 'hiddenPractice'), expect: readsHiddenByMember(200) },
  { method: 'GET',    route: '/praktijk/:id/bewerken',                              params: readPractice('practiceId'), expect: memberIsAuthor(200) },
  { method: 'POST',   route: '/praktijk/:id/bewerken',                              params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: storyForm, expect: memberIsAuthor(303) },
  { method: 'POST',   route: '/praktijk/:id/verwijderen',                           params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: () => ({ confirmed: 'yes' }), expect: memberIsAuthor(303) },
  { method: 'GET',    route: '/praktijk/:id/verbergen',                             params: readPractice('practiceId'), expect: moderates(200) },
  { method: 'POST',   route: '/praktijk/:id/verbergen',                             params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: hideReason, expect: moderates(303) },
  { method: 'POST',   route: '/praktijk/:id/tonen',                                 params: ownPractice('practiceId', 'hiddenPractice'), snapshot: practiceSnapshot, expect: unhidesByMember(303) },
  { method: 'POST',   route: '/praktijk/:id/reageren',                              params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: () => ({ kind: 'will_try', on: 'true' }), expect: reactsToOthers(303) },
  { method: 'POST',   route: '/praktijk/:id/opmerkingen',                           params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: () => ({ kind: 'alternative', body: 'Ik zou eerst de dochter bellen.' }), expect: takesPart(303) },
  { method: 'GET',    route: '/praktijk/:id/geprobeerd',                            params: readPractice('practiceId'), expect: triesOthersPage(200) },
  { method: 'POST',   route: '/praktijk/:id/geprobeerd',                            params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: tryForm, expect: triesOthersPage(303) },
  { method: 'GET',    route: '/praktijk/:id/delen-met',                             params: readPractice('practiceId'), expect: memberIsAuthor(200) },
  { method: 'POST',   route: '/praktijk/:id/delen-met',                             params: sharesTo, snapshot: practiceSnapshot, body: (c) => ({ communityId: shareTargetOf(c) }), expect: memberIsAuthor(303) },
  { method: 'GET',    route: '/praktijk/:id/bijlagen',                              params: readPractice('practiceId'), expect: memberIsAuthor(200) },
  { method: 'POST',   route: '/praktijk/:id/bijlagen',                              params: ownPractice('practiceId'), snapshot: practiceSnapshot, expect: addsFilesWithoutFile },
  { method: 'GET',    route: '/bijlagen/:id',                                       params: readPractice('attachmentId'), expect: readsQuestions(200) },
  { method: 'GET',    route: '/bijlagen/:id/voorbeeld',                             params: readPractice('attachmentId'), expect: readsQuestions(200) },
  { method: 'POST',   route: '/bijlagen/:id/verwijderen',                           params: ownPractice('attachmentId'), snapshot: practiceSnapshot, body: () => ({ confirmed: 'yes' }), expect: removesFile(303) },
  { method: 'POST',   route: '/praktijkreacties/:id/verwijderen',                   params: ownPractice('commentId'), snapshot: practiceSnapshot, body: () => ({ confirmed: 'yes' }), expect: memberIsAuthor(303) },
  { method: 'GET',    route: '/praktijkreacties/:id/verbergen',                     params: readPractice('commentId'), expect: moderates(200) },
  { method: 'POST',   route: '/praktijkreacties/:id/verbergen',                     params: ownPractice('commentId'), snapshot: practiceSnapshot, body: hideReason, expect: moderates(303) },
  { method: 'POST',   route: '/praktijkreacties/:id/tonen',                         params: ownPractice('commentId', 'hiddenComment'), snapshot: practiceSnapshot, expect: unhidesByMember(303) },
  { method: 'POST',   route: '/geprobeerd/:id/verwijderen',                         params: ownPractice('tryId'), snapshot: practiceSnapshot, body: () => ({ confirmed: 'yes' }), expect: facilitatorIsAuthor(303) },
  { method: 'GET',    route: '/geprobeerd/:id/verbergen',                           params: readPractice('tryId'), expect: moderates(200) },
  { method: 'POST',   route: '/geprobeerd/:id/verbergen',                           params: ownPractice('tryId'), snapshot: practiceSnapshot, body: hideReason, expect: moderates(303) },
  { method: 'POST',   route: '/geprobeerd/:id/tonen',                               params: ownPractice('tryId', 'hiddenTry'), snapshot: practiceSnapshot, expect: readsHiddenByFacilitator(303) },
  { method: 'GET',    route: '/api/v1/communities/:id/practices',                   params: idOf, expect: readsQuestions(200) },
  { method: 'POST',   route: '/api/v1/communities/:id/practices',                   params: idOf, fresh: true, body: storyJson, snapshot: (c) => practiceCount(c.w, c.community!.id), expect: takesPart(201) },
  { method: 'GET',    route: '/api/v1/practices/:id',                               params: readPractice('practiceId'), expect: readsQuestions(200) },
  { method: 'GET',    route: '/api/v1/practices/:id',         variant: 'hidden',    params: readPractice('practiceId', 'hiddenPractice'), expect: readsHiddenByMember(200) },
  { method: 'PATCH',  route: '/api/v1/practices/:id',                               params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: () => ({ title: 'Via de API bewerkt: spreekuur op school' }), expect: memberIsAuthor(200) },
  { method: 'DELETE', route: '/api/v1/practices/:id',                               params: ownPractice('practiceId'), snapshot: practiceSnapshot, expect: memberIsAuthor(204) },
  { method: 'PUT',    route: '/api/v1/practices/:id/hidden',                        params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: hideReason, expect: moderates(204) },
  { method: 'DELETE', route: '/api/v1/practices/:id/hidden',                        params: ownPractice('practiceId', 'hiddenPractice'), snapshot: practiceSnapshot, expect: unhidesByMember(204) },
  { method: 'PUT',    route: '/api/v1/practices/:id/reactions/:kind',               params: async (c) => ({ ...(await ownPractice('practiceId')(c)), kind: 'recognise' }), snapshot: practiceSnapshot, expect: reactsToOthers(204) },
  { method: 'DELETE', route: '/api/v1/practices/:id/reactions/:kind',               params: async (c) => ({ ...(await ownPractice('practiceId')(c)), kind: 'recognise' }), snapshot: practiceSnapshot, expect: reactsToOthers(204) },
  { method: 'POST',   route: '/api/v1/practices/:id/comments',                      params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: () => ({ kind: 'comment', body: 'Via de API: herkenbaar.' }), expect: takesPart(201) },
  { method: 'DELETE', route: '/api/v1/practice-comments/:id',                       params: ownPractice('commentId'), snapshot: practiceSnapshot, expect: memberIsAuthor(204) },
  { method: 'PUT',    route: '/api/v1/practice-comments/:id/hidden',                params: ownPractice('commentId'), snapshot: practiceSnapshot, body: hideReason, expect: moderates(204) },
  { method: 'DELETE', route: '/api/v1/practice-comments/:id/hidden',                params: ownPractice('commentId', 'hiddenComment'), snapshot: practiceSnapshot, expect: unhidesByMember(204) },
  { method: 'POST',   route: '/api/v1/practices/:id/tries',                         params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: tryForm, expect: triesOthersApi(201) },
  { method: 'DELETE', route: '/api/v1/practice-tries/:id',                          params: ownPractice('tryId'), snapshot: practiceSnapshot, expect: facilitatorIsAuthor(204) },
  { method: 'PUT',    route: '/api/v1/practice-tries/:id/hidden',                   params: ownPractice('tryId'), snapshot: practiceSnapshot, body: hideReason, expect: moderates(204) },
  { method: 'DELETE', route: '/api/v1/practice-tries/:id/hidden',                   params: ownPractice('tryId', 'hiddenTry'), snapshot: practiceSnapshot, expect: readsHiddenByFacilitator(204) },
  { method: 'POST',   route: '/api/v1/practices/:id/shares',                        params: sharesTo, snapshot: practiceSnapshot, body: (c) => ({ communityId: shareTargetOf(c) }), expect: memberIsAuthor(204) },
  { method: 'POST',   route: '/api/v1/practices/:id/attachments',                   params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: () => ({}), expect: addsFilesWithoutFile },
  { method: 'GET',    route: '/api/v1/attachments/:id',                             params: readPractice('attachmentId'), expect: readsQuestions(200) },
  { method: 'DELETE', route: '/api/v1/attachments/:id',                             params: ownPractice('attachmentId'), snapshot: practiceSnapshot, expect: removesFile(204) },
  // Meekijken (rules above the table).
  //                                                                                         ano oth oad par pla non mgr adm mem fac dea
  { method: 'GET',    route: '/praktijk/:id/meekijken',                             params: readPractice('practiceId'), expect: asksToWatch(200) },
  { method: 'POST',   route: '/praktijk/:id/meekijken',                             params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: whenForm, expect: asksToWatch(303) },
  { method: 'GET',    route: '/meekijken',                                          expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'GET',    route: '/meekijken/:id',                                      params: readPractice('visitId', 'visit'), expect: visitParties(200) },
  { method: 'POST',   route: '/meekijken/:id/accepteren',                           params: ownPractice('visitId', 'visit'), snapshot: practiceSnapshot, expect: hostsTurn(303) },
  { method: 'POST',   route: '/meekijken/:id/ander-moment',                         params: ownPractice('visitId', 'visit'), snapshot: practiceSnapshot, body: whenForm, expect: hostsTurn(303) },
  { method: 'POST',   route: '/meekijken/:id/afwijzen',                             params: ownPractice('visitId', 'visit'), snapshot: practiceSnapshot, body: () => ({ confirmed: 'yes' }), expect: hostsTurn(303) },
  { method: 'POST',   route: '/meekijken/:id/annuleren',                            params: ownPractice('visitId', 'visit'), snapshot: practiceSnapshot, body: () => ({ confirmed: 'yes' }), expect: requesterOnly(303) },
  { method: 'GET',    route: '/api/v1/visits',                                      expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/api/v1/practices/:id/visits',                        params: ownPractice('practiceId'), snapshot: practiceSnapshot, body: () => ({ startsAt: inTwoWeeks().toISOString(), durationMinutes: 60 }), expect: asksToWatch(201) },
  { method: 'GET',    route: '/api/v1/visits/:id',                                  params: readPractice('visitId', 'visit'), expect: visitParties(200) },
  { method: 'POST',   route: '/api/v1/visits/:id/accept',                           params: ownPractice('visitId', 'visit'), snapshot: practiceSnapshot, body: () => ({}), expect: hostsTurn(200) },
  { method: 'POST',   route: '/api/v1/visits/:id/reschedule',                       params: ownPractice('visitId', 'visit'), snapshot: practiceSnapshot, body: () => ({ startsAt: new Date(inTwoWeeks().getTime() + 86_400_000).toISOString() }), expect: hostsTurn(200) },
  { method: 'POST',   route: '/api/v1/visits/:id/decline',                          params: ownPractice('visitId', 'visit'), snapshot: practiceSnapshot, body: () => ({ message: 'Die week lukt niet.' }), expect: hostsTurn(200) },
  { method: 'POST',   route: '/api/v1/visits/:id/cancel',                           params: ownPractice('visitId', 'visit'), snapshot: practiceSnapshot, body: () => ({}), expect: requesterOnly(200) },
  // Prompts (rules above the table).
  //                                                                                         ano oth oad par pla non mgr adm mem fac dea
  { method: 'GET',    route: '/gemeenschappen/:slug/prikkels/nieuw',                params: slugOf, expect: moderates(200) },
  { method: 'POST',   route: '/gemeenschappen/:slug/prikkels/nieuw',                params: slugOf, fresh: true, body: composeForm, snapshot: (c) => promptCount(c.w, c.community!.id), expect: moderates(303) },
  { method: 'GET',    route: '/gemeenschappen/:slug/prikkels',                      params: slugOf, expect: moderates(200) },
  { method: 'GET',    route: '/prikkels/verzonden/:id',                             params: readPrompt('promptId'), expect: moderates(200) },
  { method: 'POST',   route: '/prikkels/verzonden/:id/annuleren',                   params: ownPrompt('promptId'), snapshot: promptSnapshot, body: () => ({ confirmed: 'yes' }), expect: moderates(303) },
  { method: 'POST',   route: '/prikkels/verzonden/:id/hergebruiken',                params: ownPrompt('promptId'), snapshot: promptSnapshot, body: (c) => ({ responseId: promptByRequest.get(c)?.responseId ?? '', as: 'question' }), expect: facilitatorIsAuthor(303) },
  { method: 'GET',    route: '/prikkels',                                           expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'GET',    route: '/prikkels/instellingen',                              expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/prikkels/instellingen',                              body: () => ({ action: 'email', promptEmail: 'true' }), expect: '401 303 303 303 303 303 303 303 303 303 401' },
  { method: 'GET',    route: '/prikkels/:id',                                       params: readPrompt('occurrenceId'), expect: recipientOnly(200) },
  { method: 'POST',   route: '/prikkels/:id',                                       params: ownPrompt('occurrenceId'), snapshot: promptSnapshot, body: () => ({ body: 'Via het formulier.' }), expect: recipientOnly(303) },
  { method: 'GET',    route: '/api/v1/communities/:id/prompts',                     params: idOf, expect: moderates(200) },
  { method: 'POST',   route: '/api/v1/communities/:id/prompts',                     params: idOf, fresh: true, body: composeJson, snapshot: (c) => promptCount(c.w, c.community!.id), expect: moderates(201) },
  { method: 'POST',   route: '/api/v1/communities/:id/prompts/audience-count',      params: idOf, body: () => ({}), expect: moderates(200) },
  { method: 'GET',    route: '/api/v1/prompts/:id',                                 params: readPrompt('promptId'), expect: moderates(200) },
  { method: 'POST',   route: '/api/v1/prompts/:id/cancel',                          params: ownPrompt('promptId'), snapshot: promptSnapshot, expect: moderates(200) },
  { method: 'GET',    route: '/api/v1/prompt-inbox',                                expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'GET',    route: '/api/v1/prompt-deliveries/:id',                       params: readPrompt('occurrenceId'), expect: recipientOnly(200) },
  { method: 'PUT',    route: '/api/v1/prompt-deliveries/:id/response',              params: ownPrompt('occurrenceId'), snapshot: promptSnapshot, body: () => ({ body: 'Via de API.' }), expect: recipientOnly(200) },
  { method: 'GET',    route: '/api/v1/prompt-settings',                             expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'PUT',    route: '/api/v1/prompt-settings',                             body: () => ({ promptEmail: true }), expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'PUT',    route: '/api/v1/communities/:id/prompt-opt-out',              params: idOf, snapshot: optOutSnapshot, expect: takesPart(204) },
  { method: 'DELETE', route: '/api/v1/communities/:id/prompt-opt-out',              params: idOf, snapshot: optOutSnapshot, expect: readsQuestions(204) },
  // The organisation's prompts per week: its administrators (and the platform's), like its members.
  { method: 'GET',    route: '/beheer/organisatie/prikkels',                        expect: '401 404 200 404 200 404 404 200 404 404 401' },
  { method: 'POST',   route: '/beheer/organisatie/prikkels',                        body: () => ({ promptBudgetPerWeek: '2' }), expect: '401 404 303 404 303 404 404 303 404 404 401' },
  { method: 'GET',    route: '/api/v1/organisations/:id/prompt-budget',             params: (c) => ({ id: c.w.owner.id }), expect: '401 404 404 404 200 403 403 200 403 403 401' },
  { method: 'PUT',    route: '/api/v1/organisations/:id/prompt-budget',             params: (c) => ({ id: c.w.owner.id }), body: () => ({ promptBudgetPerWeek: 2 }), snapshot: (c) => organisationState(c.w, c.w.owner.id), expect: '401 404 404 404 200 403 403 200 403 403 401' },
  // Signals (src/signals/signals.policies.ts): whoever manages the community and the owning organisation's managers; secret: facilitators only.
  //                                                                                         ano oth oad par pla non mgr adm mem fac dea
  { method: 'GET',    route: '/gemeenschappen/:slug/signalen',                      params: slugOf, expect: readsSignals(200) },
  { method: 'GET',    route: '/gemeenschappen/:slug/signalen.csv',                  params: slugOf, expect: readsSignals(200) },
  { method: 'GET',    route: '/api/v1/communities/:id/signals',                     params: idOf, expect: readsSignals(200) },
  // Organisation and chain views (src/signals/scope.usecases.ts): managers and administrators, their own organisation only (the page has no id: it is the actor's own).
  ...['/signalen', '/signalen.csv', '/signalen/keten', '/signalen/keten.csv'].map((route): Row => ({ method: 'GET', route, expect: '401 403 200 403 200 403 200 200 403 403 401' })),
  ...['/api/v1/organisations/:id/signals', '/api/v1/organisations/:id/signals/chain'].map((route): Row => ({ method: 'GET', route, params: (c) => ({ id: c.w.owner.id }), expect: '401 404 404 404 404 403 200 200 403 403 401' })),
  { method: 'GET',    route: '/over/signalen',                                      expect: '401 200 200 200 200 200 200 200 200 200 401' },
  // Notifications (src/notifications): everyone's own. A notification is its owner's (mem's): 404 to anyone else.
  // The live count answers only an event stream (406 to the matrix's HTML and JSON requests; see notifications.live.test.ts).
  //                                                                                         ano oth oad par pla non mgr adm mem fac dea
  { method: 'GET',    route: '/meldingen',                                          expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/meldingen/alles-gelezen',                            expect: '401 303 303 303 303 303 303 303 303 303 401' },
  { method: 'POST',   route: '/meldingen/:id/gelezen',                              params: (c) => memberNotification(c.w, { isRefused: c.expected !== undefined && c.expected >= 400 }), snapshot: (c, p) => notificationState(c.w, p.id!), expect: '401 404 404 404 404 404 404 404 303 404 401' },
  { method: 'GET',    route: '/meldingen/live',                                     expect: '401 406 406 406 406 406 406 406 406 406 401' },
  { method: 'GET',    route: '/meldingen/instellingen',                             expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/meldingen/instellingen',                             body: preferencesForm, expect: '401 303 303 303 303 303 303 303 303 303 401' },
  { method: 'GET',    route: '/api/v1/notifications',                               expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'GET',    route: '/api/v1/notifications/unread-count',                  expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'POST',   route: '/api/v1/notifications/:id/read',                      params: (c) => memberNotification(c.w, { isRefused: c.expected !== undefined && c.expected >= 400 }), snapshot: (c, p) => notificationState(c.w, p.id!), expect: '401 404 404 404 404 404 404 404 200 404 401' },
  { method: 'POST',   route: '/api/v1/notifications/read-all',                      expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'GET',    route: '/api/v1/notification-preferences',                    expect: '401 200 200 200 200 200 200 200 200 200 401' },
  { method: 'PUT',    route: '/api/v1/notification-preferences',                    body: preferencesForm, expect: '401 200 200 200 200 200 200 200 200 200 401' },
];

const parse = (expect: Expect, label: string): Record<ActorName, number> => {
  const codes = expect.trim().split(/\s+/).map(Number);
  assert.equal(codes.length, ACTORS.length, `${label}: ${codes.length} columns, expected ${ACTORS.length}`);
  return Object.fromEntries(ACTORS.map((actor, i) => [actor, codes[i]])) as Record<ActorName, number>;
};

// --- Running a row ---------------------------------------------------------------------------

type Mode = 'page' | 'bearer' | 'session';

interface Case {
  name: string;
  row: Row;
  mode: Mode;
  vis?: Visibility;
  expected: Record<ActorName, number>;
}

/** Expands TABLE: a case per visibility for community rows, and the API in both authentication modes. */
function cases(): Case[] {
  const all: Case[] = [];
  for (const row of TABLE) {
    const isApi = row.route.startsWith('/api/');
    const modes: Mode[] = isApi && row.route !== '/api/v1/openapi.json' ? ['bearer', 'session'] : ['page'];
    for (const vis of typeof row.expect === 'string' ? [undefined] : VISIBILITIES) {
      for (const mode of modes) {
        const label = `${row.method} ${row.route}${row.variant ? `, ${row.variant}` : ''}${vis ? ` (${vis})` : ''}${mode === 'page' ? '' : ` [${mode}]`}`;
        const expect = mode === 'bearer' && row.expectBearer ? row.expectBearer : typeof row.expect === 'string' ? row.expect : row.expect[vis!];
        all.push({ name: label, row, mode, vis, expected: parse(expect, label) });
      }
    }
  }
  // Rows that end sessions run last, each with a session of its own, so they cannot change what the other rows see.
  return [...all.filter((c) => !c.row.endsSessions), ...all.filter((c) => c.row.endsSessions)];
}

const fill = (route: string, params: Record<string, string>) =>
  route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${route}`);
    return encodeURIComponent(value);
  });

async function clientFor(w: World, actor: ActorName, fresh: boolean): Promise<TestClient> {
  if (!fresh) return w.clients[actor];
  const user = w.users[actor];
  return user ? sessionClient(w.t.deps, w.t.app, user.id) : anonymousClient(w.t);
}

async function send(w: World, c: Ctx, kase: Case, path: string, body: Record<string, unknown> | undefined): Promise<LightMyRequestResponse> {
  const client = await clientFor(w, c.actor, Boolean(kase.row.endsSessions || kase.row.freshClient));
  return request({ client, token: w.tokens[c.actor] }, kase.mode, kase.row.method, path, body);
}

/** One request as a person: a page through their session, or the API with their token or their session. */
function request(who: { client: TestClient; token?: string }, mode: Mode, method: Method, path: string, body?: Record<string, unknown>): Promise<LightMyRequestResponse> {
  const { client } = who;
  if (mode === 'page') return method === 'GET' ? client.get(path) : client.post(path, (body ?? {}) as Record<string, string | string[]>);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (mode === 'bearer') {
    if (who.token) headers.authorization = `Bearer ${who.token}`;
  } else {
    headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    headers['x-csrf-token'] = client.csrf;
  }
  return client.app.inject({ method, url: path, headers, ...(body !== undefined && { payload: JSON.stringify(body) }) });
}

/** What the actor may not see, derived from TABLE itself: names of communities, a member's address. */
async function hiddenMarkers(w: World, actor: ActorName, c: Ctx): Promise<string[]> {
  const markers: string[] = [];
  const sees = TABLE.find((r) => r.method === 'GET' && r.route === '/gemeenschappen/:slug')!.expect as Record<Visibility, Expect>;
  for (const vis of VISIBILITIES) {
    if (parse(sees[vis], 'sees')[actor] === 200) continue;
    markers.push(w.communities[vis].name, ...w.questions[vis].canaries, ...(await practiceCanaries(w, vis)));
    if (c.vis === vis && c.community) markers.push(c.community.name);
  }
  const seesMembers = TABLE.find((r) => r.method === 'GET' && r.route === '/api/v1/organisations/:id/members')!.expect as Expect;
  if (parse(seesMembers, 'members')[actor] !== 200) markers.push(w.victim.email);
  return [...new Set(markers)];
}

// --- What the manager role adds: figures, never a person (issue 8) ---------------------------

/** Someone of the world whose name, e-mail address and id must never reach a manager through their role. */
interface Person { who: string; id: string; name: string; email: string }
interface PersonMarker { who: string; kind: 'name' | 'e-mail address' | 'id'; value: string }

/** The names, e-mail addresses and ids of these people that the body contains. */
function personMarkersIn(body: string, people: readonly Person[]): PersonMarker[] {
  return people.flatMap((p) =>
    ([['name', p.name], ['e-mail address', p.email], ['id', p.id]] as const)
      .filter(([, value]) => body.includes(value))
      .map(([kind, value]) => ({ who: p.who, kind, value })),
  );
}

/** The markers that the witness's body (a plain colleague's answer to the same request) does not show. */
const unseenByWitness = (shown: readonly PersonMarker[], witnessBodyFor: (marker: PersonMarker) => string) =>
  shown.filter((marker) => !witnessBodyFor(marker).includes(marker.value));

/**
 * Every person of the world but `exceptId` (the signed-in manager: the header shows their own
 * name), as they are now: POST /profiel renames the actors while the matrix runs.
 */
async function worldPeople(w: World, exceptId: string): Promise<Person[]> {
  const labels = new Map<string, string>([
    ...ACTORS.flatMap((actor): [string, string][] => (w.users[actor] ? [[w.users[actor]!.id, actor]] : [])),
    [w.victim.id, 'victim'],
    [w.requester.id, 'requester'],
    [w.invitee.id, 'invitee'],
  ]);
  labels.delete(exceptId);
  const rows = await w.t.deps.db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', [...labels.keys()]).execute();
  return rows.map((r) => ({ who: labels.get(r.id)!, id: r.id, name: r.name, email: r.email }));
}

/**
 * The second plain colleague (the victim: a user of the owner in no community, like nonMember),
 * the witness for nonMember's own markers, since nonMember's header always shows their own name.
 */
const secondColleagues = new WeakMap<World, Promise<{ client: TestClient; token: string }>>();
function secondColleague(w: World) {
  if (!secondColleagues.has(w)) {
    secondColleagues.set(w, (async () => ({ client: await sessionClient(w.t.deps, w.t.app, w.victim.id), token: await createTestPersonalAccessToken(w.t.deps, w.victim.id, 'read') }))());
  }
  return secondColleagues.get(w)!;
}

/**
 * Person markers a manager may see where a plain colleague does not. Each entry is a decision
 * with its reason, reviewed like a row of TABLE, and must be met in the run (not stale).
 */
const MANAGER_SEES_PERSON: { route: string; who: string; kind: PersonMarker['kind']; reason: string }[] = [
  // The framework's writers (managers among them) read the responses to it with their texts. A
  // comment is always signed and a flag or proposal only when its author ticks "sign": the member
  // chose to be named to the writers (the form says so: framework_responses.signed.description,
  // "Een opmerking staat altijd op je naam"). In the world fac signs a comment; mem's
  // unsigned flag and proposal stay under the check, which proves the name is stripped from them.
  ...['/gemeenschappen/:slug/kader/reacties', '/api/v1/communities/:id/framework/responses'].map((route) => ({
    route, who: 'facilitator', kind: 'name' as const, reason: 'a signed framework comment: the author chose to be named to the framework\'s writers',
  })),
];
const isAllowed = (route: string, m: PersonMarker) => MANAGER_SEES_PERSON.some((a) => a.route === route && a.who === m.who && a.kind === m.kind);

/** What the person check saw: the manager's 2xx GET cases, how many markers their bodies held, and the allowed ones. */
const managerChecks: { name: string; route: string; markers: number; allowed: string[] }[] = [];

/**
 * The manager's answer holds no person that the same request does not show a plain colleague of
 * the same organisation (nonMember, same mode and authentication): what the manager role adds
 * (drafts, framework responses, signals, starting communities) is never per person.
 */
async function personOnlyTheManagerSees(w: World, kase: Case, path: string, body: string): Promise<string[]> {
  const found = personMarkersIn(body, await worldPeople(w, w.users.manager!.id));
  const shown = found.filter((m) => !isAllowed(kase.row.route, m));
  managerChecks.push({ name: kase.name, route: kase.row.route, markers: found.length, allowed: found.filter((m) => isAllowed(kase.row.route, m)).map((m) => `${m.who} ${m.kind}`) });
  if (shown.length === 0) return [];
  const colleague = (await request({ client: w.clients.nonMember, token: w.tokens.nonMember }, kase.mode, 'GET', path)).body;
  const second = shown.some((m) => m.who === 'nonMember') ? (await request(await secondColleague(w), kase.mode, 'GET', path)).body : '';
  return unseenByWitness(shown, (m) => (m.who === 'nonMember' ? second : colleague))
    .map((m) => `shows ${m.who}'s ${m.kind} "${m.value}", which a plain colleague does not see (managers see no person)`);
}

/** Per-person activity in the owner's communities that a manager's page could leak, per kind. */
async function personActivity(w: World) {
  const { db } = w.t.deps;
  const communityIds = VISIBILITIES.map((vis) => w.communities[vis].id);
  const member = w.users.member!.id;
  const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }) => Number((await query.executeTakeFirstOrThrow()).n);
  return {
    questionsByMember: await count(db.selectFrom('questions').select((eb) => eb.fn.countAll().as('n')).where('community_id', 'in', communityIds).where('author_id', '=', member)),
    answersByFacilitator: await count(db.selectFrom('answers as a').innerJoin('questions as q', 'q.id', 'a.question_id').select((eb) => eb.fn.countAll().as('n')).where('q.community_id', 'in', communityIds).where('a.author_id', '=', w.users.facilitator!.id)),
    storiesByMember: await count(db.selectFrom('practices').select((eb) => eb.fn.countAll().as('n')).where('community_id', 'in', communityIds).where('author_id', '=', member)),
    unsignedFlagsByMember: await count(db.selectFrom('framework_responses as r').innerJoin('frameworks as f', 'f.id', 'r.framework_id').select((eb) => eb.fn.countAll().as('n')).where('f.community_id', 'in', communityIds).where('r.kind', '=', 'unclear').where('r.signed', '=', false).where('r.author_id', '=', member)),
    promptAnswersByMember: await count(db.selectFrom('prompt_responses as r').innerJoin('prompts as p', 'p.id', 'r.prompt_id').select((eb) => eb.fn.countAll().as('n')).where('p.community_id', 'in', communityIds).where('r.user_id', '=', member)),
  };
}

async function runCase(w: World, kase: Case, actor: ActorName): Promise<string | undefined> {
  const c: Ctx = { w, actor, vis: kase.vis, expected: kase.expected[actor] };
  if (kase.vis) c.community = kase.row.fresh ? await freshCommunity(w, kase.vis) : w.communities[kase.vis];
  const params = (await kase.row.params?.(c)) ?? {};
  const path = fill(kase.row.route, params);
  const body = kase.row.body?.(c);
  const snapshot = kase.row.snapshot ?? (c.community && kase.row.fresh ? () => communityState(w, c.community!.id) : undefined);
  const before = await snapshot?.(c, params);
  const response = await send(w, c, kase, path, body);
  const expected = kase.expected[actor];
  const problems: string[] = [];
  if (response.statusCode !== expected) problems.push(`status ${response.statusCode}, expected ${expected}`);
  if (response.statusCode >= 500) problems.push('server error');
  const type = String(response.headers['content-type'] ?? '');
  if (kase.mode !== 'page' && response.statusCode >= 400) {
    if (!type.startsWith('application/problem+json')) problems.push(`content-type ${type}, expected problem+json`);
    else if ((JSON.parse(response.body) as { status?: number }).status !== response.statusCode) problems.push('problem+json status differs');
  }
  if (kase.mode === 'page' && response.statusCode === 401 && !response.body.includes('action="/inloggen"')) problems.push('401 page without a log-in button');
  if (type.startsWith('text/html') && !response.headers['content-security-policy']) problems.push('HTML without its Content-Security-Policy');
  for (const marker of await hiddenMarkers(w, actor, c)) if (response.body.includes(marker)) problems.push(`body shows "${marker}"`);
  if (actor === 'manager' && kase.row.method === 'GET' && response.statusCode >= 200 && response.statusCode < 300) problems.push(...(await personOnlyTheManagerSees(w, kase, path, response.body)));
  if (snapshot && expected >= 400) {
    const after = await snapshot(c, params);
    if (JSON.stringify(after) !== JSON.stringify(before)) problems.push('a refused request changed state');
  }
  return problems.length > 0 ? `${actor.padEnd(13)} ${path}: ${problems.join('; ')}` : undefined;
}

// --- The tests -------------------------------------------------------------------------------

describe('authorisation matrix: every route × actor × visibility', () => {
  let t: TestApp;
  let w: World;
  before(async () => {
    // Eleven actors try the same verification link with a wrong password: that must not trip the log-in limit here.
    t = await createTestAppWithRoutes({ config: { loginRateLimit: 10_000 } });
    w = await buildWorld(t);
    // The shared stories exist before any row runs, so every answer is checked for their texts.
    for (const vis of VISIBILITIES) await sharedPractice(w, vis);
    await crossSharedStory(w);
    // Per-person activity for the manager check to find, before any row runs: mem's answer to fac's
    // prompt and mem's unsigned "unclear" flag and proposal (both otherwise made by the first row that needs them).
    for (const vis of VISIBILITIES) {
      await sharedPrompt(w, vis);
      await sharedResponse('flag', () => ({}))({ w, actor: 'member', vis, community: w.communities[vis] });
      // Through the use case too (its event included): mem's unsigned flag, and fac's comment, which is always signed.
      const community = { id: w.communities[vis].id };
      await respondToFramework(t.deps, actorOf(w.users.member!), community, { target: 'purpose', kind: 'unclear', text: 'Wat is hier de eerste stap?', signed: false });
      await respondToFramework(t.deps, actorOf(w.users.facilitator!), community, { target: 'purpose', kind: 'comment', text: 'Goed dat dit erin staat.' });
    }
    const activity = await personActivity(w);
    for (const [kind, n] of Object.entries(activity)) assert.ok(n > 0, `the world has no ${kind}: the manager check would have nothing to find`);
  });
  after(() => t.close());

  it('has a row for every route the app registers, and no row for a route it does not', () => {
    const covered = new Set(TABLE.map((row) => routeKey({ method: row.method, url: row.route })));
    assert.deepEqual(uncoveredRoutes(t.routes, covered), [], 'routes without a row in TABLE: add one with the expected status per actor');
    assert.deepEqual(staleRows(t.routes, covered), [], 'rows for routes the app does not have');
  });

  const all = cases();
  it(`is one table: ${TABLE.length} rows, ${all.length} cases × ${ACTORS.length} actors = ${all.length * ACTORS.length} requests`, (ctx) => {
    // A deactivated user is nobody: every answer is the anonymous visitor's, except that they cannot log in again.
    const differ = all.filter((k) => k.expected.deactivated !== k.expected.anonymous).map((k) => k.name);
    assert.deepEqual(differ, ['POST /inloggen'], 'the deactivated column must equal the anonymous one');
    ctx.diagnostic(`${new Set(TABLE.map((r) => routeKey({ method: r.method, url: r.route }))).size} routes, ${ACTORS.length} actors, ${VISIBILITIES.length} community visibilities`);
  });

  it('finds a person by name, e-mail address or id, and flags what only the manager sees (the manager check can fail)', () => {
    const people: Person[] = [
      { who: 'member', id: randomUUID(), name: 'Test 1a2b3c4d', email: 'user-1a2b3c4d@example.test' },
      { who: 'facilitator', id: randomUUID(), name: 'Test 5e6f7a8b', email: 'user-5e6f7a8b@example.test' },
    ];
    const [member, facilitator] = people as [Person, Person];
    const page = `<p>Gevraagd door <a href="/profiel/${member.id}">${member.name}</a> (${member.email})</p>`;
    assert.deepEqual(personMarkersIn(page, people), [
      { who: 'member', kind: 'name', value: member.name },
      { who: 'member', kind: 'e-mail address', value: member.email },
      { who: 'member', kind: 'id', value: member.id },
    ]);
    assert.deepEqual(personMarkersIn(JSON.stringify({ authorId: facilitator.id }), people), [{ who: 'facilitator', kind: 'id', value: facilitator.id }]);
    assert.deepEqual(personMarkersIn('<p>12 vragen, 3 onbeantwoord</p>', people), []);
    const shown = personMarkersIn(page, people);
    assert.deepEqual(unseenByWitness(shown, () => page), [], 'what the colleague sees too is no finding');
    assert.deepEqual(unseenByWitness(shown, () => '<h1>Niet gevonden</h1>').map((m) => m.kind), ['name', 'e-mail address', 'id'], 'a colleague who gets nothing sees none of it');
  });

  for (const kase of all) {
    it(kase.name, async () => {
      // Actors never share what a row changes (fresh communities, targets, sessions), so they run side by side.
      const failures = (await Promise.all(ACTORS.map((actor) => runCase(w, kase, actor)))).filter(Boolean);
      assert.deepEqual(failures, [], `${kase.name}\n  ${failures.join('\n  ')}`);
    });
  }

  it('checked what the manager role adds on every GET the manager may call, the signals included', (ctx) => {
    const expectedChecks = all.filter((k) => k.row.method === 'GET' && k.expected.manager >= 200 && k.expected.manager < 300).map((k) => k.name);
    assert.ok(managerChecks.length > 0, 'the manager check ran on no case');
    assert.deepEqual(managerChecks.map((k) => k.name).sort(), expectedChecks.sort(), 'every GET case the manager is to get a 2xx for is checked');
    for (const route of ['/gemeenschappen/:slug/signalen', '/gemeenschappen/:slug/signalen.csv', '/api/v1/communities/:id/signals']) {
      assert.ok(managerChecks.some((k) => k.route === route), `the manager check covers ${route}`);
    }
    // People do reach the manager's pages (as they reach a colleague's): the check compared something.
    const withPeople = managerChecks.filter((k) => k.markers > 0);
    assert.ok(withPeople.length > 0, 'no manager page showed any person: the markers are wrong');
    // Each allowed exception is met, on a page a plain colleague cannot open: proof in the run itself that the check finds names there.
    for (const a of MANAGER_SEES_PERSON) assert.ok(managerChecks.some((k) => k.route === a.route && k.allowed.includes(`${a.who} ${a.kind}`)), `stale exception: ${a.route} never showed ${a.who}'s ${a.kind}`);
    const roleOnly = managerChecks.filter((k) => !all.find((c) => c.name === k.name)!.expected.nonMember.toString().startsWith('2'));
    ctx.diagnostic(`${managerChecks.length} manager cases checked, ${withPeople.length} showed people (each also shown to a plain colleague, or an allowed exception)`);
    ctx.diagnostic(`${roleOnly.length} cases only the manager role opens: ${roleOnly.map((k) => `${k.name}${k.markers > 0 ? ` [${k.markers} marker(s): ${k.allowed.join(', ') || 'not allowed'}]` : ''}`).join('; ')}`);
  });

  it('answers 401 to anonymous API calls before looking at their input (wrong types, ids that are no uuid)', async () => {
    const failures: string[] = [];
    const apiRows = TABLE.filter((row) => row.route.startsWith('/api/') && row.route !== '/api/v1/openapi.json');
    for (const row of apiRows) {
      const url = row.route.replace(/:([A-Za-z]+)/g, 'geen-uuid');
      const hasBody = row.method === 'POST' || row.method === 'PATCH' || row.method === 'PUT';
      const response = await t.app.inject({
        method: row.method,
        url: row.method === 'GET' ? `${url}?page=-1&pageSize=abc` : url,
        headers: { accept: 'application/json', ...(hasBody && { 'content-type': 'application/json' }) },
        ...(hasBody && { payload: JSON.stringify({ name: ['x'], email: 42, role: { admin: true } }) }),
      });
      const isProblem = String(response.headers['content-type']).startsWith('application/problem+json');
      if (response.statusCode !== 401 || !isProblem) failures.push(`${row.method} ${url}: ${response.statusCode} ${response.headers['content-type']}`);
    }
    assert.deepEqual(failures, []);
  });

  it('answers 401 to anonymous form posts whatever their body, before asking to confirm', async () => {
    const failures: string[] = [];
    for (const row of TABLE.filter((r) => r.method === 'POST' && !r.route.startsWith('/api/'))) {
      const vis = typeof row.expect === 'string' ? undefined : 'open';
      if (parse(typeof row.expect === 'string' ? row.expect : row.expect.open, row.route).anonymous !== 401) continue;
      const c: Ctx = { w, actor: 'anonymous', vis, community: vis ? w.communities[vis] : undefined };
      const path = fill(row.route, (await row.params?.(c)) ?? {});
      // No `confirmed`: a destructive post would answer with a confirmation page instead.
      const response = await w.clients.anonymous.post(path, {});
      if (response.statusCode !== 401) failures.push(`POST ${path}: ${response.statusCode}`);
    }
    assert.deepEqual(failures, []);
  });

  it('refuses every API change to a read-only token, and changes nothing', async () => {
    const failures: string[] = [];
    const token = await createTestPersonalAccessToken(t.deps, w.users.facilitator!.id, 'read');
    for (const row of TABLE.filter((r) => r.route.startsWith('/api/') && r.method !== 'GET')) {
      const vis = typeof row.expect === 'string' ? undefined : 'open';
      const c: Ctx = { w, actor: 'facilitator', vis };
      if (vis) c.community = row.fresh ? await freshCommunity(w, vis) : w.communities[vis];
      const params = (await row.params?.(c)) ?? {};
      const snapshot = row.snapshot ?? (c.community && row.fresh ? () => communityState(w, c.community!.id) : undefined);
      const before = await snapshot?.(c, params);
      const response = await bearerRequest(t.app, token, row.method, fill(row.route, params), row.body?.(c));
      if (response.statusCode !== 403) failures.push(`${row.method} ${row.route}: ${response.statusCode}`);
      else if (snapshot && JSON.stringify(await snapshot(c, params)) !== JSON.stringify(before)) failures.push(`${row.method} ${row.route}: changed state`);
    }
    assert.deepEqual(failures, []);
  });

  it('answers HEAD like GET for anonymous visitors', async () => {
    const failures: string[] = [];
    for (const kase of all.filter((k) => k.row.method === 'GET' && k.mode !== 'session')) {
      const c: Ctx = { w, actor: 'anonymous', vis: kase.vis, community: kase.vis ? w.communities[kase.vis] : undefined };
      const path = fill(kase.row.route, (await kase.row.params?.(c)) ?? {});
      // From a documentation address (TEST-NET-1) like the matrix's actors, not from loopback.
      const head = await t.app.inject({ method: 'HEAD', url: path, remoteAddress: '192.0.2.10', headers: { accept: kase.mode === 'page' ? 'text/html' : 'application/json' } });
      if (head.statusCode !== kase.expected.anonymous) failures.push(`HEAD ${path}: ${head.statusCode}, expected ${kase.expected.anonymous}`);
    }
    assert.deepEqual(failures, []);
  });
});

describe('organisation isolation: ids of another organisation in URLs', () => {
  let t: TestApp;
  let w: World;
  before(async () => {
    t = await createTestAppWithRoutes();
    w = await buildWorld(t);
  });
  after(() => t.close());

  it('answers 404 to an administrator of another organisation using their own admin pages with our ids, and changes nothing', async () => {
    const intruder = w.clients.otherAdmin;
    const token = w.tokens.otherAdmin!;
    const invitationId = await freshInvitation(w);
    const victimBefore = await userState(w, w.victim.id);
    const invitationBefore = await invitationState(w, invitationId);
    const closed = w.communities.closed;
    const secret = w.communities.secret;
    const pages: [string, Record<string, string>?][] = [
      [`/beheer/organisatie/leden/${w.victim.id}`],
      [`/beheer/organisatie/leden/${w.victim.id}/rol`, { role: 'admin' }],
      [`/beheer/organisatie/leden/${w.victim.id}/deactiveren`, { confirmed: 'yes' }],
      [`/beheer/organisatie/leden/${w.victim.id}/heractiveren`, {}],
      [`/beheer/organisatie/uitnodigen/${invitationId}/intrekken`, { confirmed: 'yes' }],
      [`/beheer/organisaties/${w.owner.slug}`],
      [`/profiel/sessies/${w.victimSessionId}/uitloggen`, {}],
      [`/profiel/tokens/${w.victimTokenId}/intrekken`, { confirmed: 'yes' }],
      ...[closed, secret].flatMap((community): [string, Record<string, string>?][] => [
        [`/gemeenschappen/${community.slug}`],
        [`/gemeenschappen/${community.slug}/bewerken`, { name: 'Overgenomen', visibility: 'open' }],
        [`/gemeenschappen/${community.slug}/aanvragen/${w.requester.id}/toelaten`, {}],
        [`/gemeenschappen/${community.slug}/leden/${w.users.member!.id}/verwijderen`, { confirmed: 'yes' }],
      ]),
    ];
    for (const [path, form] of pages) {
      const response = form ? await intruder.post(path, form) : await intruder.get(path);
      assert.equal(response.statusCode, 404, `${form ? 'POST' : 'GET'} ${path}`);
    }
    const api: [Method, string, unknown?][] = [
      ['GET', `/api/v1/organisations/${w.owner.id}`],
      ['PATCH', `/api/v1/organisations/${w.owner.id}`, { name: 'Overgenomen' }],
      ['GET', `/api/v1/organisations/${w.owner.id}/members`],
      ['PATCH', `/api/v1/organisations/${w.owner.id}/members/${w.victim.id}`, { status: 'deactivated' }],
      ['POST', `/api/v1/organisations/${w.owner.id}/invitations`, { email: `binnendringer-${randomUUID().slice(0, 8)}@example.test`, role: 'admin' }],
      ['DELETE', `/api/v1/me/sessions/${w.victimSessionId}`],
      ['DELETE', `/api/v1/me/tokens/${w.victimTokenId}`],
      ...[closed, secret].flatMap((community): [Method, string, unknown?][] => [
        ['GET', `/api/v1/communities/${community.id}`],
        ['PATCH', `/api/v1/communities/${community.id}`, { visibility: 'open' }],
        ['PATCH', `/api/v1/communities/${community.id}/members/${w.users.member!.id}`, { role: 'facilitator' }],
        ['POST', `/api/v1/communities/${community.id}/invitations`, { email: w.users.otherAdmin!.email }],
      ]),
    ];
    for (const [method, url, body] of api) {
      const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { payload: JSON.stringify(body) }) });
      assert.equal(response.statusCode, 404, `${method} ${url}`);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    }
    assert.deepEqual(await userState(w, w.victim.id), victimBefore, 'the member is unchanged');
    assert.deepEqual(await invitationState(w, invitationId), invitationBefore, 'the invitation is still open');
    assert.ok(await sessionExists(w, w.victimSessionId), 'the session still works');
    assert.equal((await tokenState(w, w.victimTokenId))?.revoked_at, null, 'the token is not revoked');
    for (const community of [closed, secret]) {
      const state = await communityState(w, community.id);
      assert.equal(state.community?.visibility, community === closed ? 'closed' : 'secret');
      assert.ok(state.members.some((m) => m.user_id === w.users.member!.id && m.role === 'member'));
    }
  });

  it('answers 404 for ids that name nothing, whoever asks', async () => {
    const admin = w.clients.platformAdmin;
    const nothing = randomUUID();
    for (const path of [`/beheer/organisatie/leden/${nothing}`, `/gemeenschappen/bestaat-niet-${nothing.slice(0, 8)}`, `/beheer/organisaties/bestaat-niet-${nothing.slice(0, 8)}`]) {
      assert.equal((await admin.get(path)).statusCode, 404, path);
    }
    for (const url of [`/api/v1/organisations/${nothing}`, `/api/v1/organisations/${nothing}/members`, `/api/v1/communities/${nothing}`]) {
      assert.equal((await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${w.tokens.platformAdmin}` } })).statusCode, 404, url);
    }
  });
});
