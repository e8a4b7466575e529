import type { DbOrTx } from '../../platform/db/database.ts';
import type { Locale, VisitStatus } from '../../platform/db/schema.ts';
import { pageWindow, toPage, type Page, type Paging } from '../../platform/paging.ts';
import { isUuid } from '../../platform/text.ts';

/** SQL for visit_requests. Names, addresses and the story title come from read-only joins. */

export interface VisitParty {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  isActive: boolean;
}

export interface VisitRow {
  id: string;
  practiceId: string;
  practiceTitle: string;
  /** Hidden by a moderator: its title is for its author (the host) only (storyTitleFor). */
  isStoryHidden: boolean;
  requester: VisitParty;
  host: VisitParty;
  startsAt: Date;
  durationMinutes: number;
  message: string;
  status: VisitStatus;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The story's title as `viewerId` may read it: a hidden story's title only for its author, the host. */
export const storyTitleFor = (visit: Pick<VisitRow, 'practiceTitle' | 'isStoryHidden' | 'host'>, viewerId: string | undefined): string | null =>
  visit.isStoryHidden && viewerId !== visit.host.id ? null : visit.practiceTitle;

function visitQuery(db: DbOrTx) {
  return db
    .selectFrom('visit_requests as v')
    .innerJoin('practices as p', 'p.id', 'v.practice_id')
    .innerJoin('users as r', 'r.id', 'v.requester_id')
    .innerJoin('users as h', 'h.id', 'v.host_id')
    // A deleted story takes its visit requests out of sight with it.
    .where('p.deleted_at', 'is', null)
    .select([
      'v.id', 'v.practice_id', 'p.title', 'p.hidden_at', 'v.starts_at', 'v.duration_minutes', 'v.message', 'v.status', 'v.sequence', 'v.created_at', 'v.updated_at',
      'r.id as r_id', 'r.name as r_name', 'r.email as r_email', 'r.locale as r_locale', 'r.status as r_status',
      'h.id as h_id', 'h.name as h_name', 'h.email as h_email', 'h.locale as h_locale', 'h.status as h_status',
    ]);
}

type VisitQueryRow = Awaited<ReturnType<ReturnType<typeof visitQuery>['execute']>>[number];

const toVisit = (r: VisitQueryRow): VisitRow => ({
  id: r.id,
  practiceId: r.practice_id,
  practiceTitle: r.title,
  isStoryHidden: r.hidden_at !== null,
  requester: { id: r.r_id, name: r.r_name, email: r.r_email, locale: r.r_locale, isActive: r.r_status === 'active' },
  host: { id: r.h_id, name: r.h_name, email: r.h_email, locale: r.h_locale, isActive: r.h_status === 'active' },
  startsAt: r.starts_at,
  durationMinutes: r.duration_minutes,
  message: r.message,
  status: r.status,
  sequence: r.sequence,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** `lock` takes the request's row lock, so two clicks on "accept" are decided one after the other. */
export async function findVisit(db: DbOrTx, id: string, options: { lock?: boolean } = {}): Promise<VisitRow | undefined> {
  if (!isUuid(id)) return undefined;
  let query = visitQuery(db).where('v.id', '=', id);
  if (options.lock) query = query.forUpdate(['v']);
  const row = await query.executeTakeFirst();
  return row && toVisit(row);
}

export async function insertVisit(
  db: DbOrTx,
  v: { id: string; practiceId: string; requesterId: string; hostId: string; startsAt: Date; durationMinutes: number; message: string; now: Date },
): Promise<void> {
  await db
    .insertInto('visit_requests')
    .values({ id: v.id, practice_id: v.practiceId, requester_id: v.requesterId, host_id: v.hostId, starts_at: v.startsAt, duration_minutes: v.durationMinutes, message: v.message, status: 'awaiting_host', created_at: v.now, updated_at: v.now })
    .execute();
}

export async function updateVisit(db: DbOrTx, id: string, changes: { status: VisitStatus; startsAt?: Date; durationMinutes?: number; bumpSequence?: boolean; now: Date }): Promise<void> {
  await db
    .updateTable('visit_requests')
    .set((eb) => ({
      status: changes.status,
      updated_at: changes.now,
      ...(changes.startsAt ? { starts_at: changes.startsAt } : {}),
      ...(changes.durationMinutes ? { duration_minutes: changes.durationMinutes } : {}),
      ...(changes.bumpSequence ? { sequence: eb('sequence', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function hasOpenVisit(db: DbOrTx, practiceId: string, requesterId: string): Promise<boolean> {
  const row = await db
    .selectFrom('visit_requests')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('requester_id', '=', requesterId)
    .where('status', 'in', ['awaiting_host', 'awaiting_requester'])
    .executeTakeFirst();
  return row !== undefined;
}

/** The requester's newest request for a story that is still open or accepted (for the story page). */
export async function findCurrentVisit(db: DbOrTx, practiceId: string, requesterId: string): Promise<VisitRow | undefined> {
  const row = await visitQuery(db)
    .where('v.practice_id', '=', practiceId)
    .where('v.requester_id', '=', requesterId)
    .where('v.status', 'in', ['awaiting_host', 'awaiting_requester', 'accepted'])
    .orderBy('v.created_at', 'desc')
    .executeTakeFirst();
  return row && toVisit(row);
}

export async function countOpenForHost(db: DbOrTx, practiceId: string, hostId: string): Promise<number> {
  const row = await db
    .selectFrom('visit_requests')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('practice_id', '=', practiceId)
    .where('host_id', '=', hostId)
    .where('status', 'in', ['awaiting_host', 'awaiting_requester'])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Requests the user asked for or is asked to host, newest first. */
export async function listVisitsOf(db: DbOrTx, userId: string, paging: Paging): Promise<Page<VisitRow>> {
  const { limit, offset } = pageWindow(paging);
  const rows = await visitQuery(db)
    .where((eb) => eb.or([eb('v.requester_id', '=', userId), eb('v.host_id', '=', userId)]))
    .orderBy('v.created_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return toPage(rows.map(toVisit), paging);
}
