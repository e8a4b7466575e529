import { loadVisibleCommunity } from '../communities/communities.usecases.ts';
import { audienceSizeOf, MIN_ANONYMOUS, type AudienceSize } from './prompts.models.ts';
import type { CommunityView } from '../communities/communities.repository.ts';
import { listCurrentLearningQuestions } from '../frameworks/frameworks.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { rethrowNotFoundAs } from '../platform/errors.ts';
import { inTransaction } from '../platform/events/events.ts';
import { countAudience } from './audience.repository.ts';
import { createPromptForbiddenError, createPromptNotFoundError } from './prompts.errors.ts';
import { canCancelPrompt, canReadPromptResults } from './prompts.policies.ts';
import * as repo from './prompts.repository.ts';
import type { OccurrenceRow, PromptRow } from './prompts.repository.ts';
import * as results from './results.repository.ts';
import type { OccurrenceCounts } from './results.repository.ts';

type ReadDeps = Pick<Deps, 'db' | 'clock'>;
type WriteDeps = Pick<Deps, 'db' | 'events' | 'clock'>;

/** At most this many answers on one results page. */
export const MAX_RESPONSES_SHOWN = 500;

/**
 * An answer as the sender sees it. Only for prompts whose answers are not anonymous: anonymous
 * answers never become one of these (see `anonymousTexts`).
 */
export interface NamedResponse {
  id: string;
  occurrenceId: string;
  respondent: { userId: string; name: string };
  choice: number | null;
  body: string;
  mayReuse: boolean;
  updatedAt: Date;
}

export interface PollBar {
  option: string;
  count: number;
  /** Of all poll answers, rounded to a whole percent. */
  percentage: number;
}

export interface PromptResults {
  prompt: Omit<PromptRow, 'authorId'>;
  community: { id: string; slug: string; name: string };
  learningQuestionText: string | null;
  occurrences: (OccurrenceRow & { counts: Omit<OccurrenceCounts, 'occurrenceId'> })[];
  totals: Omit<OccurrenceCounts, 'occurrenceId'>;
  /** Answered of delivered, in whole percent; null before anything was delivered. */
  responseRate: number | null;
  poll: PollBar[] | null;
  responses: NamedResponse[];
  /** The texts of anonymous answers: no author, no time, in an order unrelated to either. */
  anonymousTexts: string[];
  /** Anonymous and fewer than MIN_ANONYMOUS answers yet: the poll split and the texts are not shown. */
  anonymousWithheld: boolean;
  /** Who the remaining occurrences would reach now (a count), when any are still to come. */
  audienceNow: AudienceSize | null;
  canCancel: boolean;
}

const zero = () => ({ delivered: 0, held: 0, snoozed: 0, optedOut: 0, responded: 0 });

/** Loads a prompt for its sender: not visible is not found; visible but not theirs is forbidden. */
export async function loadSentPrompt(db: DbOrTx, actor: Actor, promptId: string, options: { lock?: boolean } = {}): Promise<{ prompt: PromptRow; community: CommunityView }> {
  const prompt = await repo.findPrompt(db, promptId, options);
  if (!prompt) throw createPromptNotFoundError();
  const community = await loadVisibleCommunity(db, actor, { id: prompt.communityId }).catch(rethrowNotFoundAs(createPromptNotFoundError));
  if (!canReadPromptResults(actor, community, prompt)) throw createPromptForbiddenError();
  return { prompt, community };
}

export function pollBars(options: readonly string[], counts: Map<number, number>): PollBar[] {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return options.map((option, index) => {
    const count = counts.get(index) ?? 0;
    return { option, count, percentage: total === 0 ? 0 : Math.round((count / total) * 100) };
  });
}

export async function getPromptResults(deps: ReadDeps, actor: Actor, promptId: string): Promise<PromptResults> {
  const { prompt, community } = await loadSentPrompt(deps.db, actor, promptId);
  const isAnonymous = prompt.visibility === 'anonymous';
  const [occurrences, counts, choices, named, anonymousTexts, learningQuestions] = await Promise.all([
    repo.listOccurrences(deps.db, prompt.id),
    results.countPerOccurrence(deps.db, prompt.id),
    prompt.responseMode === 'choice' ? results.countChoices(deps.db, prompt.id) : Promise.resolve(new Map<number, number>()),
    // Anonymous answers are never read with their authors, so no name or id can leave this function.
    isAnonymous ? Promise.resolve([]) : results.listNamedResponses(deps.db, prompt.id, MAX_RESPONSES_SHOWN),
    isAnonymous ? results.listAnonymousTexts(deps.db, prompt.id, MAX_RESPONSES_SHOWN) : Promise.resolve([]),
    prompt.learningQuestionId ? listCurrentLearningQuestions(deps.db, community.id) : Promise.resolve([]),
  ]);
  const byOccurrence = new Map(counts.map(({ occurrenceId, ...c }) => [occurrenceId, c]));
  const totals = zero();
  for (const c of byOccurrence.values()) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += c[key];
  const hasFuture = !prompt.cancelledAt && occurrences.some((o) => !o.deliveredAt);
  const anonymousWithheld = isAnonymous && totals.responded < MIN_ANONYMOUS;
  const { authorId: _authorId, ...shown } = prompt;
  return {
    prompt: shown,
    community: { id: community.id, slug: community.slug, name: community.name },
    learningQuestionText: learningQuestions.find((lq) => lq.id === prompt.learningQuestionId)?.text ?? null,
    occurrences: occurrences.map((o) => ({ ...o, counts: byOccurrence.get(o.id) ?? zero() })),
    totals,
    responseRate: totals.delivered === 0 ? null : Math.round((totals.responded / totals.delivered) * 100),
    poll: prompt.responseMode === 'choice' && !anonymousWithheld ? pollBars(prompt.pollOptions, choices) : null,
    responses: named.map((r) => ({ id: r.id, occurrenceId: r.occurrenceId, respondent: { userId: r.userId, name: r.name }, choice: r.choice, body: r.body, mayReuse: r.mayReuse, updatedAt: r.updatedAt })),
    anonymousTexts: anonymousWithheld ? [] : anonymousTexts,
    anonymousWithheld,
    audienceNow: hasFuture ? audienceSizeOf(await countAudience(deps.db, community.id, prompt.audience, deps.clock.now(), prompt.authorId)) : null,
    canCancel: hasFuture && canCancelPrompt(actor, community, prompt),
  };
}

/** Stops the occurrences still to come; what went out stays answerable. */
export async function cancelPrompt(deps: WriteDeps, actor: Actor, promptId: string): Promise<{ communitySlug: string; cancelled: number }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { prompt, community } = await loadSentPrompt(tx, actor, promptId, { lock: true });
    if (!canCancelPrompt(actor, community, prompt)) throw createPromptForbiddenError();
    if (prompt.cancelledAt) return { communitySlug: community.slug, cancelled: 0 };
    const cancelled = await repo.cancelPrompt(tx, prompt.id, deps.clock.now());
    emit('prompt.cancelled', { promptId: prompt.id, communityId: community.id, actorId: actor.userId, cancelled });
    return { communitySlug: community.slug, cancelled };
  });
}
