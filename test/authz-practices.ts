/**
 * Practice stories (src/practices) in the authorisation matrix's world: per community a story by
 * the member, with the member's remark, the facilitator's tried report and an attachment the
 * member added. Rows that change something give each request that is to succeed a story of its
 * own; refused requests share one per community and state (a refused request changes nothing,
 * which the row's snapshot proves).
 */
import { randomUUID } from 'node:crypto';
import { actorOf } from './harness.ts';
import { freshCommunity, type Visibility, type World } from './authz-world.ts';
import { addComment, reportTried, setCommentHidden, setTryHidden } from '../src/practices/contributions.usecases.ts';
import { setPracticeHidden, sharePractice, sharePracticeTo } from '../src/practices/practices.usecases.ts';
import * as practicesRepo from '../src/practices/practices.repository.ts';
import { requestVisit } from '../src/practices/visits/visits.usecases.ts';

/** A moment to watch: two weeks ahead, at ten (the visit rules want the future, within a year). */
export const inTwoWeeks = () => new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 14 * 86_400_000 + 9 * 3_600_000);

export interface PracticeThread {
  practiceId: string;
  commentId: string;
  tryId: string;
  attachmentId: string;
  /** The facilitator's request to watch the member at work (meekijken); only with state 'visit'. */
  visitId: string;
  /** Unique texts: a body that shows one to an actor who may not see the community leaks it. */
  canaries: string[];
}

export type PracticeState = 'plain' | 'hiddenPractice' | 'hiddenComment' | 'hiddenTry' | 'visit';

async function createPracticeThread(w: World, vis: Visibility, state: PracticeState): Promise<PracticeThread> {
  const { deps } = w.t;
  const member = actorOf(w.users.member!);
  const facilitator = actorOf(w.users.facilitator!);
  const canary = randomUUID().slice(0, 8);
  const { id: practiceId } = await sharePractice(deps, member, { id: w.communities[vis].id }, {
    title: `Keukentafel met een tolk praktijk-${canary}`,
    situation: `Situatie situatie-${canary}`,
    action: 'Een tolk via beeldbellen.',
    tags: [`praktijktag-${canary}`],
  });
  const { id: commentId } = await addComment(deps, member, practiceId, { kind: 'comment', body: `Opmerking opmerking-${canary}` });
  const { id: tryId } = await reportTried(deps, facilitator, practiceId, { team: `Team team-${canary}`, result: 'worked', adapted: 'Met de telefoon.', howItWent: `Het ging goed verslag-${canary}` });
  const attachmentId = randomUUID();
  const storageKey = `practices/${attachmentId}`;
  await deps.files.put(storageKey, Buffer.from(`bijlage-${canary}\n`), 'text/plain');
  await practicesRepo.insertAttachment(deps.db, { id: attachmentId, practiceId, uploaderId: member.userId, fileName: `verslag-${canary}.txt`, contentType: 'text/plain', byteSize: 17, isImage: false, storageKey, now: new Date() });
  const reason = { reason: 'Hoort hier niet.' };
  if (state === 'hiddenPractice') await setPracticeHidden(deps, facilitator, practiceId, reason);
  if (state === 'hiddenComment') await setCommentHidden(deps, facilitator, commentId, reason);
  if (state === 'hiddenTry') await setTryHidden(deps, facilitator, tryId, reason);
  const visitId = state === 'visit' ? (await requestVisit(deps, facilitator, practiceId, { startsAt: inTwoWeeks(), durationMinutes: 60, message: `Mag ik meekijken? bezoek-${canary}` })).id : '';
  return { practiceId, commentId, tryId, attachmentId, visitId, canaries: [`praktijk-${canary}`, `situatie-${canary}`, `praktijktag-${canary}`, `opmerking-${canary}`, `team-${canary}`, `verslag-${canary}`, `bezoek-${canary}`] };
}

const shared = new WeakMap<World, Map<string, Promise<PracticeThread>>>();

/** The story per community and state that reads and refused requests use. */
export function sharedPractice(w: World, vis: Visibility, state: PracticeState = 'plain'): Promise<PracticeThread> {
  const threads = shared.get(w) ?? new Map<string, Promise<PracticeThread>>();
  shared.set(w, threads);
  const key = `${vis} ${state}`;
  if (!threads.has(key)) threads.set(key, createPracticeThread(w, vis, state));
  return threads.get(key)!;
}

/** A story of its own, for a request that is to succeed. */
export const freshPractice = (w: World, vis: Visibility, state: PracticeState = 'plain') => createPracticeThread(w, vis, state);

/** Texts of the shared plain stories of the communities the actor may not see (created by the time a row runs). */
export async function practiceCanaries(w: World, vis: Visibility): Promise<string[]> {
  const thread = shared.get(w)?.get(`${vis} plain`);
  return thread ? (await thread).canaries : [];
}

/**
 * Where a request that is to succeed shows the story too: a fresh community of the same
 * visibility that the member and facilitator belong to, so the row changes nothing another row
 * reads. (Stories shown across visibilities: crossSharedStory.)
 */
const targets = new WeakMap<object, string>();
export async function pickShareTarget(w: World, vis: Visibility, ctx: object, isToSucceed: boolean): Promise<void> {
  targets.set(ctx, isToSucceed ? (await freshCommunity(w, vis)).id : w.communities[vis].id);
}
export const shareTargetOf = (ctx: object) => targets.get(ctx) ?? randomUUID();

/**
 * A story of the secret community that the member also shows in the open one: every answer about
 * the open community (gallery, API list) may show the story, but never the name of the secret
 * community to someone who may not see it (the matrix checks every body for that name).
 */
export async function crossSharedStory(w: World): Promise<string> {
  const { deps } = w.t;
  const member = actorOf(w.users.member!);
  const { id } = await sharePractice(deps, member, { id: w.communities.secret.id }, { title: 'Een verhaal uit een besloten kring, ook elders te zien', situation: 'Situatie.', action: 'Actie.' });
  await sharePracticeTo(deps, member, id, { communityId: w.communities.open.id });
  return id;
}

/** Everything a request about a story could change: a refused one must leave it as it was. */
export async function practiceState(w: World, practiceId: string) {
  const { db } = w.t.deps;
  const practice = await db.selectFrom('practices').selectAll().where('id', '=', practiceId).executeTakeFirst();
  const comments = await db.selectFrom('practice_comments').selectAll().where('practice_id', '=', practiceId).orderBy('id').execute();
  const tries = await db.selectFrom('practice_tries').selectAll().where('practice_id', '=', practiceId).orderBy('id').execute();
  const reactions = await db.selectFrom('practice_reactions').selectAll().where('practice_id', '=', practiceId).orderBy('user_id').orderBy('kind').execute();
  const shares = await db.selectFrom('practice_shares').select(['community_id']).where('practice_id', '=', practiceId).orderBy('community_id').execute();
  const attachments = await db.selectFrom('practice_attachments').select(['id', 'file_name']).where('practice_id', '=', practiceId).orderBy('id').execute();
  const visits = await db.selectFrom('visit_requests').selectAll().where('practice_id', '=', practiceId).orderBy('id').execute();
  const indexed = await db.selectFrom('search_documents').select('id').where((eb) => eb.or([eb('id', '=', practiceId), eb('parent_id', '=', practiceId)])).where('kind', '=', 'practice').orderBy('id').execute();
  return { practice, comments, tries, reactions, shares, attachments, visits, indexed };
}

/** The stories of a community: sharing one through a refused request must not add one. */
export const practiceCount = async (w: World, communityId: string) =>
  (await w.t.deps.db.selectFrom('practices').select((eb) => eb.fn.countAll<string>().as('n')).where('community_id', '=', communityId).executeTakeFirstOrThrow()).n;
