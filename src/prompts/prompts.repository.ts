import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import { isUuid } from '../platform/text.ts';
import type { PromptAudience, PromptKind, PromptResponseMode, PromptScheduleKind, PromptScheduleSpec, PromptVisibility } from '../platform/db/schema.ts';
import type { PlannedOccurrence } from './prompts.models.ts';

/** SQL for prompts as the sender writes them: the prompt and its planned occurrences. */

/** What the sender chose: the same for a prompt being written and one read back. */
interface PromptFields {
  communityId: string;
  kind: PromptKind;
  text: string;
  learningQuestionId: string | null;
  responseMode: PromptResponseMode;
  visibility: PromptVisibility;
  pollOptions: string[];
  audience: PromptAudience;
  scheduleKind: PromptScheduleKind;
  schedule: PromptScheduleSpec;
  responseWindowHours: number;
  reminderAfterHours: number | null;
}

export interface NewPrompt extends PromptFields {
  id: string;
  authorId: string;
  now: Date;
}

export async function insertPrompt(db: DbOrTx, p: NewPrompt, occurrences: readonly PlannedOccurrence[], newId: () => string): Promise<void> {
  await db
    .insertInto('prompts')
    .values({
      id: p.id, community_id: p.communityId, author_id: p.authorId, kind: p.kind, text: p.text, learning_question_id: p.learningQuestionId, response_mode: p.responseMode,
      response_visibility: p.visibility, poll_options: p.pollOptions, audience: JSON.stringify(p.audience), schedule_kind: p.scheduleKind, schedule: JSON.stringify(p.schedule),
      response_window_hours: p.responseWindowHours, reminder_after_hours: p.reminderAfterHours, created_at: p.now,
    })
    .execute();
  await db
    .insertInto('prompt_occurrences')
    .values(occurrences.map((o) => ({ id: newId(), prompt_id: p.id, number: o.number, scheduled_for: o.scheduledFor })))
    .execute();
}

export interface PromptRow extends PromptFields {
  id: string;
  authorId: string | null;
  authorName: string | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

const promptColumns = [
  'p.id', 'p.community_id', 'p.author_id', 'u.name as author_name', 'p.kind', 'p.text', 'p.learning_question_id', 'p.response_mode', 'p.response_visibility', 'p.poll_options',
  'p.audience', 'p.schedule_kind', 'p.schedule', 'p.response_window_hours', 'p.reminder_after_hours', 'p.cancelled_at', 'p.created_at',
] as const;

type PromptSelect = {
  id: string; community_id: string; author_id: string | null; author_name: string | null; kind: PromptKind; text: string; learning_question_id: string | null;
  response_mode: PromptResponseMode; response_visibility: PromptVisibility; poll_options: string[]; audience: PromptAudience; schedule_kind: PromptScheduleKind;
  schedule: PromptScheduleSpec; response_window_hours: number; reminder_after_hours: number | null; cancelled_at: Date | null; created_at: Date;
};

const toPrompt = (r: PromptSelect): PromptRow => ({
  id: r.id, communityId: r.community_id, authorId: r.author_id, authorName: r.author_name, kind: r.kind, text: r.text, learningQuestionId: r.learning_question_id,
  responseMode: r.response_mode, visibility: r.response_visibility, pollOptions: r.poll_options, audience: r.audience,
  scheduleKind: r.schedule_kind, schedule: r.schedule, responseWindowHours: r.response_window_hours, reminderAfterHours: r.reminder_after_hours, cancelledAt: r.cancelled_at, createdAt: r.created_at,
});

export async function findPrompt(db: DbOrTx, promptId: string, options: { lock?: boolean } = {}): Promise<PromptRow | undefined> {
  if (!isUuid(promptId)) return undefined;
  let query = db
    .selectFrom('prompts as p')
    .leftJoin('users as u', 'u.id', 'p.author_id')
    .select([...promptColumns])
    .where('p.id', '=', promptId);
  if (options.lock) query = query.forUpdate(['p']);
  const row = await query.executeTakeFirst();
  return row && toPrompt(row as PromptSelect);
}

export interface PromptListRow {
  id: string;
  kind: PromptKind;
  text: string;
  authorName: string | null;
  scheduleKind: PromptScheduleKind;
  cancelledAt: Date | null;
  createdAt: Date;
  occurrenceCount: number;
  deliveredCount: number;
  /** The next moment it goes out, when any is left. */
  nextAt: Date | null;
  lastDeliveredAt: Date | null;
}

/** A community's prompts, newest first, a page at a time. */
export async function listCommunityPrompts(db: DbOrTx, communityId: string, window: { limit: number; offset: number }): Promise<PromptListRow[]> {
  const rows = await db
    .selectFrom('prompts as p')
    .leftJoin('users as u', 'u.id', 'p.author_id')
    .select([
      'p.id', 'p.kind', 'p.text', 'u.name as author_name', 'p.schedule_kind', 'p.cancelled_at', 'p.created_at',
      sql<number>`(SELECT count(*)::int FROM prompt_occurrences o WHERE o.prompt_id = p.id)`.as('occurrence_count'),
      sql<number>`(SELECT count(*)::int FROM prompt_occurrences o WHERE o.prompt_id = p.id AND o.delivered_at IS NOT NULL)`.as('delivered_count'),
      sql<Date | null>`(SELECT min(o.scheduled_for) FROM prompt_occurrences o WHERE o.prompt_id = p.id AND o.delivered_at IS NULL)`.as('next_at'),
      sql<Date | null>`(SELECT max(o.delivered_at) FROM prompt_occurrences o WHERE o.prompt_id = p.id)`.as('last_delivered_at'),
    ])
    .where('p.community_id', '=', communityId)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, text: r.text, authorName: r.author_name, scheduleKind: r.schedule_kind, cancelledAt: r.cancelled_at, createdAt: r.created_at,
    occurrenceCount: r.occurrence_count, deliveredCount: r.delivered_count, nextAt: r.next_at, lastDeliveredAt: r.last_delivered_at,
  }));
}

export interface OccurrenceRow {
  id: string;
  number: number;
  scheduledFor: Date;
  deliveredAt: Date | null;
}

export async function listOccurrences(db: DbOrTx, promptId: string): Promise<OccurrenceRow[]> {
  const rows = await db.selectFrom('prompt_occurrences').select(['id', 'number', 'scheduled_for', 'delivered_at']).where('prompt_id', '=', promptId).orderBy('number').execute();
  return rows.map((r) => ({ id: r.id, number: r.number, scheduledFor: r.scheduled_for, deliveredAt: r.delivered_at }));
}

/** Cancelling stops what has not gone out yet; delivered occurrences stay answerable. Returns how many were still to come. */
export async function cancelPrompt(db: DbOrTx, promptId: string, now: Date): Promise<number> {
  await db.updateTable('prompts').set({ cancelled_at: now }).where('id', '=', promptId).where('cancelled_at', 'is', null).execute();
  const row = await db.selectFrom('prompt_occurrences').select(sql<number>`count(*)::int`.as('n')).where('prompt_id', '=', promptId).where('delivered_at', 'is', null).executeTakeFirst();
  return row?.n ?? 0;
}
