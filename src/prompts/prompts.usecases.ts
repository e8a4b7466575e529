import { loadVisibleCommunity } from '../communities/communities.usecases.ts';
import type { CommunityRef, CommunityView, OrganisationRef } from '../communities/communities.repository.ts';
import { listCurrentLearningQuestions, type LearningQuestionRef } from '../frameworks/frameworks.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { PromptAudience, PromptScheduleSpec } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import type { FieldError } from '../platform/errors.ts';
import { inTransaction } from '../platform/events/events.ts';
import { pageWindow, toPage, type Page, type Paging } from '../platform/paging.ts';
import { countAudience } from './audience.repository.ts';
import { createComposeInvalidError, createPromptForbiddenError } from './prompts.errors.ts';
import { PROMPT_SCHEDULER_JOB } from './prompts.jobs.ts';
import { audienceSizeOf, MAX_POLL_OPTIONS, MIN_ANONYMOUS, MIN_POLL_OPTIONS, planOccurrences, type AudienceSize, type PlannedOccurrence } from './prompts.models.ts';
import { canComposePrompt } from './prompts.policies.ts';
import * as repo from './prompts.repository.ts';
import type { AudienceInput, ComposePromptInput } from './prompts.schemas.ts';

type ReadDeps = Pick<Deps, 'db' | 'clock'>;
type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock' | 'jobs' | 'logger'>;

/** The longest response window: 30 days. */
export const MAX_WINDOW_HOURS = 720;

export interface ComposeForm {
  community: { id: string; slug: string; name: string };
  learningQuestions: LearningQuestionRef[];
  /** The owner and the partners: the organisations the audience may be narrowed to. */
  organisations: OrganisationRef[];
}

const organisationsOf = (community: CommunityView): OrganisationRef[] => [{ id: community.organisationId, name: community.organisationName }, ...community.partners];

async function loadComposable(db: DbOrTx, actor: Actor, ref: CommunityRef): Promise<CommunityView> {
  const community = await loadVisibleCommunity(db, actor, ref);
  if (!canComposePrompt(actor, community)) throw createPromptForbiddenError();
  return community;
}

export async function prepareCompose(deps: ReadDeps, actor: Actor, ref: CommunityRef): Promise<ComposeForm> {
  const community = await loadComposable(deps.db, actor, ref);
  return { community: { id: community.id, slug: community.slug, name: community.name }, learningQuestions: await listCurrentLearningQuestions(deps.db, community.id), organisations: organisationsOf(community) };
}

/** Only the filters the sender set: an empty text or no organisations is "no filter". */
export function audienceOf(input: AudienceInput): PromptAudience {
  const audience: PromptAudience = {};
  if (input.organisationIds && input.organisationIds.length > 0) audience.organisationIds = [...new Set(input.organisationIds)];
  if (input.jobTitle) audience.jobTitle = input.jobTitle;
  if (input.expertiseTag) audience.expertiseTag = input.expertiseTag;
  if (input.joinedWithinDays) audience.joinedWithinDays = input.joinedWithinDays;
  if (input.inactiveForDays) audience.inactiveForDays = input.inactiveForDays;
  return audience;
}

function checkAudience(community: CommunityView, audience: PromptAudience): FieldError[] {
  const allowed = new Set(organisationsOf(community).map((o) => o.id));
  return (audience.organisationIds ?? []).every((id) => allowed.has(id)) ? [] : [{ field: 'organisationIds', code: 'validation.choice' }];
}

/** How many people it would reach now: a count, never names, and "fewer than 5" below five. */
export async function previewAudience(deps: ReadDeps, actor: Actor, ref: CommunityRef, input: AudienceInput): Promise<AudienceSize> {
  const community = await loadComposable(deps.db, actor, ref);
  const audience = audienceOf(input);
  const problems = checkAudience(community, audience);
  if (problems.length > 0) throw createComposeInvalidError(problems);
  return audienceSizeOf(await countAudience(deps.db, community.id, audience, deps.clock.now(), actor.userId));
}

interface CheckedPrompt {
  audience: PromptAudience;
  schedule: PromptScheduleSpec;
  occurrences: PlannedOccurrence[];
  windowHours: number;
  pollOptions: string[];
}

/** The rules across fields, all at once, so the sender fixes everything in one go. */
async function checkCompose(db: DbOrTx, community: CommunityView, input: ComposePromptInput, now: Date, actorId: string): Promise<CheckedPrompt> {
  const problems: FieldError[] = [];
  if (input.kind === 'poll' && input.responseMode !== 'choice') problems.push({ field: 'responseMode', code: 'prompts.compose.poll_needs_choice' });
  const pollOptions = input.responseMode === 'choice' ? (input.pollOptions ?? []) : [];
  if (input.responseMode === 'choice' && (pollOptions.length < MIN_POLL_OPTIONS || pollOptions.length > MAX_POLL_OPTIONS)) {
    problems.push({ field: 'pollOptions', code: 'prompts.compose.options_count', params: { min: MIN_POLL_OPTIONS, max: MAX_POLL_OPTIONS } });
  }
  const windowHours = input.windowAmount * (input.windowUnit === 'days' ? 24 : 1);
  if (windowHours > MAX_WINDOW_HOURS) problems.push({ field: 'windowAmount', code: 'prompts.compose.window_range' });
  if (input.reminderAfterHours && input.reminderAfterHours >= windowHours) problems.push({ field: 'reminderAfterHours', code: 'prompts.compose.reminder_after_window' });
  const audience = audienceOf(input);
  problems.push(...checkAudience(community, audience));
  if (input.learningQuestionId && !(await listCurrentLearningQuestions(db, community.id)).some((lq) => lq.id === input.learningQuestionId)) {
    problems.push({ field: 'learningQuestionId', code: 'prompts.compose.learning_question_unknown' });
  }
  const schedule: PromptScheduleSpec = input.scheduleKind === 'now' ? {} : { date: input.date, time: input.time, ...(input.scheduleKind === 'weekly' ? { weekday: input.weekday, until: input.until } : {}) };
  const planned = planOccurrences(input.scheduleKind, schedule, now);
  if ('problem' in planned) problems.push({ field: planned.problem.field, code: planned.problem.code });
  if (input.visibility === 'anonymous' && problems.length === 0 && (await countAudience(db, community.id, audience, now, actorId)) < MIN_ANONYMOUS) {
    problems.push({ field: 'visibility', code: 'prompts.compose.anonymous_too_few', params: { min: MIN_ANONYMOUS } });
  }
  if (problems.length > 0 || 'problem' in planned) throw createComposeInvalidError(problems);
  return { audience, schedule, occurrences: planned.occurrences, windowHours, pollOptions };
}

export async function composePrompt(deps: WriteDeps, actor: Actor, ref: CommunityRef, input: ComposePromptInput): Promise<{ id: string; occurrences: number }> {
  const id = deps.ids.uuid();
  const result = await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadComposable(tx, actor, ref);
    const now = deps.clock.now();
    const checked = await checkCompose(tx, community, input, now, actor.userId);
    await repo.insertPrompt(tx, {
      id, communityId: community.id, authorId: actor.userId, kind: input.kind, text: input.text, learningQuestionId: input.learningQuestionId ?? null,
      responseMode: input.responseMode, visibility: input.visibility, pollOptions: checked.pollOptions, audience: checked.audience, scheduleKind: input.scheduleKind,
      schedule: checked.schedule, responseWindowHours: checked.windowHours, reminderAfterHours: input.reminderAfterHours ?? null, now,
    }, checked.occurrences, () => deps.ids.uuid());
    emit('prompt.scheduled', { promptId: id, communityId: community.id, actorId: actor.userId, occurrences: checked.occurrences.length });
    return { id, occurrences: checked.occurrences.length };
  });
  if (input.scheduleKind === 'now') {
    // Deliver at once; the every-minute job is the fallback when the queue cannot take it.
    try {
      await deps.jobs.send(PROMPT_SCHEDULER_JOB, {});
    } catch (error) {
      deps.logger.warn({ err: error, promptId: id }, 'immediate prompt run not queued; the minute job delivers it');
    }
  }
  return result;
}

export interface CommunityPrompts {
  community: { id: string; slug: string; name: string };
  page: Page<repo.PromptListRow>;
}

export async function listPrompts(deps: ReadDeps, actor: Actor, ref: CommunityRef, paging: Paging): Promise<CommunityPrompts> {
  const community = await loadComposable(deps.db, actor, ref);
  const rows = await repo.listCommunityPrompts(deps.db, community.id, pageWindow(paging));
  return { community: { id: community.id, slug: community.slug, name: community.name }, page: toPage(rows, paging) };
}

export type PromptStatus = 'cancelled' | 'scheduled' | 'sending' | 'sent';

/** scheduled: nothing went out yet; sending: some went out, more to come; sent: all went out. */
export function statusOf(p: Pick<repo.PromptListRow, 'cancelledAt' | 'occurrenceCount' | 'deliveredCount'>): PromptStatus {
  if (p.cancelledAt) return 'cancelled';
  if (p.deliveredCount === 0) return 'scheduled';
  return p.deliveredCount < p.occurrenceCount ? 'sending' : 'sent';
}
