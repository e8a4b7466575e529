/**
 * A prompt that already went out, for the authorisation matrix and the bad-input sweep: sent by
 * a facilitator, delivered to one member (open for 30 days), with that member's answer (consent
 * to reuse given). Its one occurrence is scheduled far in the future and marked delivered, so no
 * scheduler run of any test ever picks it up.
 */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../src/platform/deps.ts';
import type { PromptResponseMode, PromptVisibility } from '../src/platform/db/schema.ts';
import { insertPrompt } from '../src/prompts/prompts.repository.ts';

export interface PromptFixture {
  promptId: string;
  occurrenceId: string;
  responseId: string;
  /** Unique text in the prompt and the answer. */
  canary: string;
}

export async function seedDeliveredPrompt(
  deps: Pick<Deps, 'db'>,
  options: { communityId: string; senderId: string; recipientId: string; responseMode?: PromptResponseMode; visibility?: PromptVisibility },
): Promise<PromptFixture> {
  const promptId = randomUUID();
  const occurrenceId = randomUUID();
  const responseId = randomUUID();
  const canary = randomUUID().slice(0, 8);
  const now = new Date();
  const responseMode = options.responseMode ?? 'text';
  await insertPrompt(deps.db, {
    id: promptId, communityId: options.communityId, authorId: options.senderId, kind: responseMode === 'choice' ? 'poll' : 'reflection', text: `Wat leerde je deze week? prikkel-${canary}`,
    learningQuestionId: null, responseMode, visibility: options.visibility ?? 'facilitators', pollOptions: responseMode === 'choice' ? ['Ja', 'Nee'] : [], audience: {},
    scheduleKind: 'once', schedule: { date: '2095-01-03', time: '09:00' }, responseWindowHours: 720, reminderAfterHours: null, now,
  }, [{ number: 1, scheduledFor: new Date('2095-01-03T08:00:00Z'), isShifted: false }], () => occurrenceId);
  await deps.db.updateTable('prompt_occurrences').set({ delivered_at: now }).where('id', '=', occurrenceId).execute();
  await deps.db.insertInto('prompt_deliveries').values({
    occurrence_id: occurrenceId, user_id: options.recipientId, prompt_id: promptId, status: 'delivered', week_start: '2095-01-03', delivered_at: now,
    closes_at: new Date(now.getTime() + 30 * 86_400_000), created_at: now,
  }).execute();
  await deps.db.insertInto('prompt_responses').values({
    id: responseId, occurrence_id: occurrenceId, user_id: options.recipientId, prompt_id: promptId, choice: responseMode === 'choice' ? 0 : null,
    body: `Mijn antwoord antwoord-${canary}`, may_reuse: true, created_at: now, updated_at: now,
  }).execute();
  return { promptId, occurrenceId, responseId, canary };
}

/** What a refused request must leave alone: the prompt, its deliveries and answers. */
export async function promptFixtureState(deps: Pick<Deps, 'db'>, promptId: string) {
  const { db } = deps;
  const prompt = await db.selectFrom('prompts').select(['cancelled_at']).where('id', '=', promptId).executeTakeFirst();
  const responses = await db.selectFrom('prompt_responses').select(['user_id', 'choice', 'body', 'may_reuse', 'updated_at']).where('prompt_id', '=', promptId).orderBy('user_id').execute();
  return { prompt, responses };
}
