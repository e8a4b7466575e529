import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import { localToInstant, weekStartOf } from '../platform/local-time.ts';

/**
 * Direct inserts for the signals tests: activity at chosen moments (the features' use cases take
 * "now" from the clock, and signals are about when things happened). Only columns the rollup
 * reads get meaningful values.
 */
type Db = Pick<Deps, 'db'>;

/** '2026-02-16 09:00' on the wall clock in Amsterdam → the instant. */
export function local(dateTime: string): Date {
  const [date, time] = dateTime.split(' ') as [string, string];
  const result = localToInstant(date, time);
  if (!result) throw new Error(`no such local time: ${dateTime}`);
  return result.instant;
}

export async function insertQuestion(deps: Db, o: { communityId: string; authorId: string; at: Date; learningQuestionId?: string | null }): Promise<string> {
  const id = randomUUID();
  await deps.db.insertInto('questions').values({
    id, community_id: o.communityId, author_id: o.authorId, kind: 'how', title: 'Een vraag', body: 'Tekst', tags: [], learning_question_id: o.learningQuestionId ?? null,
    created_at: o.at, last_activity_at: o.at,
  }).execute();
  return id;
}

export async function insertAnswer(deps: Db, o: { questionId: string; authorId: string; at: Date }): Promise<string> {
  const id = randomUUID();
  await deps.db.insertInto('answers').values({ id, question_id: o.questionId, author_id: o.authorId, body: 'Antwoord', created_at: o.at }).execute();
  await deps.db.updateTable('questions').set((eb) => ({ answer_count: eb('answer_count', '+', 1) })).where('id', '=', o.questionId).execute();
  return id;
}

export async function insertPractice(deps: Db, o: { communityId: string; authorId: string; at: Date }): Promise<string> {
  const id = randomUUID();
  await deps.db.insertInto('practices').values({
    id, community_id: o.communityId, author_id: o.authorId, title: 'Verhaal', situation: 'Situatie', action: 'Wat ik deed', created_at: o.at, last_activity_at: o.at,
  }).execute();
  return id;
}

export async function insertTry(deps: Db, o: { practiceId: string; communityId: string; authorId: string; organisationId: string; at: Date }): Promise<void> {
  await deps.db.insertInto('practice_tries').values({
    id: randomUUID(), practice_id: o.practiceId, parent_id: null, depth: 0, community_id: o.communityId, author_id: o.authorId, organisation_id: o.organisationId,
    team: 'Team', result: 'worked', adapted: 'Aangepast', how_it_went: 'Goed', created_at: o.at,
  }).execute();
}

/** A published framework with `count` learning questions; returns their ids in order. */
export async function insertFramework(deps: Db, o: { communityId: string; count: number; at: Date }): Promise<{ frameworkId: string; versionId: string; learningQuestionIds: string[] }> {
  const frameworkId = randomUUID();
  const versionId = randomUUID();
  await deps.db.insertInto('frameworks').values({ id: frameworkId, community_id: o.communityId, created_at: o.at }).execute();
  await deps.db.insertInto('framework_versions').values({ id: versionId, framework_id: frameworkId, number: 1, status: 'published', purpose: 'Doel', created_at: o.at, published_at: o.at }).execute();
  const learningQuestionIds: string[] = [];
  for (let position = 0; position < o.count; position++) {
    const id = randomUUID();
    learningQuestionIds.push(id);
    await deps.db.insertInto('learning_questions').values({ id, framework_id: frameworkId, created_at: o.at }).execute();
    await deps.db.insertInto('framework_version_learning_questions').values({ version_id: versionId, learning_question_id: id, position, kind: 'how', text: `Leervraag ${position + 1}` }).execute();
  }
  return { frameworkId, versionId, learningQuestionIds };
}

export async function insertUnclearFlag(deps: Db, o: { frameworkId: string; versionId: string; learningQuestionId: string; authorId: string; at: Date }): Promise<void> {
  await deps.db.insertInto('framework_responses').values({
    id: randomUUID(), framework_id: o.frameworkId, version_id: o.versionId, target: 'learning_question', learning_question_id: o.learningQuestionId, kind: 'unclear', author_id: o.authorId, created_at: o.at,
  }).execute();
}

/** One prompt delivered to `recipients` at `at`; `respondents` answer at `answeredAt`. */
export async function insertDeliveredPrompt(deps: Db, o: { communityId: string; authorId: string; recipients: string[]; respondents: string[]; at: Date; answeredAt: Date; held?: string[] }): Promise<void> {
  const promptId = randomUUID();
  const occurrenceId = randomUUID();
  await deps.db.insertInto('prompts').values({
    id: promptId, community_id: o.communityId, author_id: o.authorId, kind: 'reflection', text: 'Wat leerde je?', response_mode: 'text', response_visibility: 'facilitators',
    schedule_kind: 'now', response_window_hours: 48, created_at: o.at,
  }).execute();
  await deps.db.insertInto('prompt_occurrences').values({ id: occurrenceId, prompt_id: promptId, number: 1, scheduled_for: o.at, delivered_at: o.at }).execute();
  const weekStart = weekStartOf(o.at);
  const rows = [
    ...o.recipients.map((userId) => ({ occurrence_id: occurrenceId, user_id: userId, prompt_id: promptId, status: 'delivered', week_start: weekStart, delivered_at: o.at, created_at: o.at })),
    ...(o.held ?? []).map((userId) => ({ occurrence_id: occurrenceId, user_id: userId, prompt_id: promptId, status: 'held', week_start: weekStart, delivered_at: null, created_at: o.at })),
  ];
  if (rows.length) await deps.db.insertInto('prompt_deliveries').values(rows as never).execute();
  for (const userId of o.respondents) {
    await deps.db.insertInto('prompt_responses').values({ id: randomUUID(), occurrence_id: occurrenceId, user_id: userId, prompt_id: promptId, body: 'Dit', created_at: o.answeredAt, updated_at: o.answeredAt }).execute();
  }
}
