import { findUserById } from '../../accounts/accounts.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/events/events.ts';
import type { Page, Paging } from '../../platform/paging.ts';
import { isAuthor } from '../../questions/questions.policies.ts';
import { loadPracticeToTakePartIn } from '../practices.access.ts';
import {
  createAlreadyOpenError, createHostUnavailableError, createNotRequesterError, createNotYourTurnError, createOwnPracticeError,
  createPracticeHiddenError, createStartPassedError, createTimeError, createVisitClosedError, createVisitNotFoundError,
} from './visits.errors.ts';
import { isOpen, mayCancel, otherRole, timeProblem, turnOf, type VisitRole } from './visits.models.ts';
import * as repo from './visits.repository.ts';
import type { VisitRow } from './visits.repository.ts';

/**
 * Meekijken: a member asks the author of a story to watch them at work; they agree on a time
 * by turns (accept, propose another time, decline). Every change takes the request's row lock
 * first, so two clicks cannot both decide. Mails go out from the event subscribers.
 */

type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

export interface VisitTime {
  startsAt: Date;
  durationMinutes: number;
}

export interface VisitView {
  visit: VisitRow;
  role: VisitRole;
  can: { accept: boolean; propose: boolean; decline: boolean; cancel: boolean };
}

function assertTime(deps: Pick<Deps, 'clock'>, startsAt: Date, field: string) {
  const problem = Number.isNaN(startsAt.getTime()) ? 'validation.format' : timeProblem(startsAt, deps.clock.now());
  if (problem) throw createTimeError(field, problem);
}

export async function requestVisit(deps: WriteDeps, actor: Actor, practiceId: string, input: VisitTime & { message?: string }, field = 'startsAt'): Promise<{ id: string }> {
  const id = deps.ids.uuid();
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    // The story's row lock makes "one open request per person per story" hold under parallel posts.
    const { practice } = await loadPracticeToTakePartIn(tx, actor, practiceId, { lock: true });
    if (isAuthor(actor, practice)) throw createOwnPracticeError();
    if (practice.hiddenAt) throw createPracticeHiddenError();
    const host = practice.authorId ? await findUserById(tx, practice.authorId) : undefined;
    if (!host || host.status !== 'active') throw createHostUnavailableError();
    assertTime(deps, input.startsAt, field);
    if (await repo.hasOpenVisit(tx, practice.id, actor.userId)) throw createAlreadyOpenError();
    await repo.insertVisit(tx, { id, practiceId: practice.id, requesterId: actor.userId, hostId: host.id, startsAt: input.startsAt, durationMinutes: input.durationMinutes, message: input.message ?? '', now: deps.clock.now() });
    emit('visit.requested', { visitId: id, practiceId: practice.id, requesterId: actor.userId, hostId: host.id });
  });
  return { id };
}

const roleOf = (actor: Actor, visit: VisitRow): VisitRole | undefined =>
  visit.host.id === actor.userId ? 'host' : visit.requester.id === actor.userId ? 'requester' : undefined;

async function loadOwnVisit(db: Deps['db'] | Tx, actor: Actor, id: string, lock = false): Promise<{ visit: VisitRow; role: VisitRole }> {
  const visit = await repo.findVisit(db, id, { lock });
  const role = visit && roleOf(actor, visit);
  if (!visit || !role) throw createVisitNotFoundError();
  return { visit, role };
}

export async function getVisit(deps: Pick<Deps, 'db'>, actor: Actor, id: string): Promise<VisitView> {
  const { visit, role } = await loadOwnVisit(deps.db, actor, id);
  const myTurn = turnOf(visit.status) === role;
  return { visit, role, can: { accept: myTurn, propose: myTurn, decline: myTurn, cancel: mayCancel(role, visit.status) } };
}

export async function listMyVisits(deps: Pick<Deps, 'db'>, actor: Actor, paging: Paging): Promise<Page<VisitRow>> {
  return repo.listVisitsOf(deps.db, actor.userId, paging);
}

/** Locks the request and checks that deciding is this actor's turn. */
async function loadForTurn(tx: Tx, actor: Actor, id: string) {
  const loaded = await loadOwnVisit(tx, actor, id, true);
  const turn = turnOf(loaded.visit.status);
  if (!turn) throw createVisitClosedError();
  if (turn !== loaded.role) throw createNotYourTurnError();
  return loaded;
}

export async function acceptVisit(deps: WriteDeps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { visit, role } = await loadForTurn(tx, actor, id);
    if (visit.startsAt.getTime() <= deps.clock.now().getTime()) throw createStartPassedError();
    await repo.updateVisit(tx, id, { status: 'accepted', now: deps.clock.now() });
    emit('visit.accepted', { visitId: id, practiceId: visit.practiceId, byId: actor.userId, byRole: role });
  });
}

export async function proposeOtherTime(deps: WriteDeps, actor: Actor, id: string, input: { startsAt: Date; durationMinutes?: number }, field = 'startsAt'): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { visit, role } = await loadForTurn(tx, actor, id);
    assertTime(deps, input.startsAt, field);
    const status = role === 'host' ? 'awaiting_requester' : 'awaiting_host';
    await repo.updateVisit(tx, id, { status, startsAt: input.startsAt, durationMinutes: input.durationMinutes, bumpSequence: true, now: deps.clock.now() });
    emit('visit.rescheduled', { visitId: id, practiceId: visit.practiceId, byId: actor.userId, byRole: role, toRole: otherRole(role) });
  });
}

export async function declineVisit(deps: WriteDeps, actor: Actor, id: string, input: { message?: string }): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { visit, role } = await loadForTurn(tx, actor, id);
    await repo.updateVisit(tx, id, { status: 'declined', now: deps.clock.now() });
    // The reason is not stored: it is said once, in the mail to the other party.
    emit('visit.declined', { visitId: id, practiceId: visit.practiceId, byId: actor.userId, byRole: role, reason: input.message ?? '' });
  });
}

export async function cancelVisit(deps: WriteDeps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { visit, role } = await loadOwnVisit(tx, actor, id, true);
    if (role !== 'requester') throw createNotRequesterError();
    if (!mayCancel(role, visit.status)) throw createVisitClosedError();
    const wasAccepted = visit.status === 'accepted';
    // A cancelled invitation is a new version of the calendar event: its SEQUENCE goes up.
    await repo.updateVisit(tx, id, { status: 'cancelled', bumpSequence: wasAccepted, now: deps.clock.now() });
    emit('visit.cancelled', { visitId: id, practiceId: visit.practiceId, byId: actor.userId, wasAccepted });
  });
}

/** What the story page shows about asking to watch, for this viewer. */
export type VisitBlock =
  | { kind: 'author'; openCount: number }
  | { kind: 'participant'; current: VisitRow | undefined; mayAsk: boolean }
  | { kind: 'none' };

/** `story` comes from the practice page, which has already applied the visibility rules. */
export async function getVisitBlock(deps: Pick<Deps, 'db'>, actor: Actor, story: { practice: { id: string; authorId: string | null; hiddenAt: Date | null }; mayTakePart: boolean }): Promise<VisitBlock> {
  const { practice } = story;
  if (isAuthor(actor, practice)) return { kind: 'author', openCount: await repo.countOpenForHost(deps.db, practice.id, actor.userId) };
  if (!story.mayTakePart || practice.hiddenAt || !practice.authorId) return { kind: 'none' };
  const current = await repo.findCurrentVisit(deps.db, practice.id, actor.userId);
  return { kind: 'participant', current, mayAsk: !current || !isOpen(current.status) };
}

/** For the form page: the story may be asked about by this actor (404/403/409 otherwise). */
export async function prepareVisitRequest(deps: Pick<Deps, 'db'>, actor: Actor, practiceId: string): Promise<{ practiceId: string; title: string; hostName: string }> {
  const { practice } = await loadPracticeToTakePartIn(deps.db, actor, practiceId);
  if (isAuthor(actor, practice)) throw createOwnPracticeError();
  if (practice.hiddenAt) throw createPracticeHiddenError();
  if (!practice.authorId || practice.authorName === null) throw createHostUnavailableError();
  return { practiceId: practice.id, title: practice.title, hostName: practice.authorName };
}
