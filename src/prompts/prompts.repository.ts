import type { DbOrTx } from '../platform/db/database.ts';
import type { PromptAudience, PromptKind, PromptResponseMode, PromptScheduleKind, PromptScheduleSpec, PromptVisibility } from '../platform/db/schema.ts';
import type { PlannedOccurrence } from './prompts.models.ts';

/** SQL for prompts as the sender writes them: the prompt and its planned occurrences. */

export interface NewPrompt {
  id: string;
  communityId: string;
  authorId: string;
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
