import { canSeeCommunity } from '../communities/communities.policies.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { inTransaction } from '../platform/events/events.ts';
import { pageWindow, toPage, type Page, type Paging } from '../platform/paging.ts';
import * as inbox from './inbox.repository.ts';
import type { InboxRow, MyResponse } from './inbox.repository.ts';
import { createDeliveryNotFoundError, createPromptClosedError, createInvalidFieldError } from './prompts.errors.ts';
import { canReadCommunityAnswers, isOpen } from './prompts.policies.ts';
import * as repo from './prompts.repository.ts';
import type { PromptRow } from './prompts.repository.ts';
import type { RespondInput } from './prompts.schemas.ts';

type ReadDeps = Pick<Deps, 'db' | 'clock'>;
type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

export const MAX_COMMUNITY_ANSWERS = 200;

export async function listInbox(deps: ReadDeps, actor: Actor, paging: Paging): Promise<Page<InboxRow>> {
  return toPage(await inbox.listInbox(deps.db, actor, deps.clock.now(), pageWindow(paging)), paging);
}

/** The home page's block: at most three prompts still waiting for my answer. */
export async function listOpenPrompts(deps: ReadDeps, actor: Actor, limit = 3): Promise<InboxRow[]> {
  return inbox.listInbox(deps.db, actor, deps.clock.now(), { limit, offset: 0 }, { onlyOpen: true });
}

/** The prompt as its recipient sees it: never who sent it to whom, nor the audience. */
export type ReceivedPrompt = Pick<PromptRow, 'id' | 'kind' | 'text' | 'responseMode' | 'visibility' | 'pollOptions' | 'cancelledAt'>;

export interface DeliveryView {
  occurrenceId: string;
  prompt: ReceivedPrompt;
  community: { id: string; slug: string; name: string };
  /** Set when it was delivered to me: then I may answer while it is open. */
  delivery: { deliveredAt: Date | null; closesAt: Date | null; isOpen: boolean } | null;
  myResponse: MyResponse | null;
  /** Others' answers, with names: only for prompts whose answers are for the whole community. */
  communityAnswers: { name: string; choice: number | null; body: string; updatedAt: Date }[] | null;
}

/**
 * Not delivered to me is "not found", unless the answers are for the whole community and I am an
 * active member of it: then I read the answers (and cannot answer).
 */
export async function getDelivery(deps: ReadDeps, actor: Actor, occurrenceId: string): Promise<DeliveryView> {
  const found = await inbox.findOccurrenceForUser(deps.db, occurrenceId, actor.userId);
  if (!found || !canSeeCommunity(actor, found.community)) throw createDeliveryNotFoundError();
  const prompt = await repo.findPrompt(deps.db, found.promptId);
  if (!prompt) throw createDeliveryNotFoundError();
  const isMine = found.delivery?.status === 'delivered';
  const mayReadAnswers = canReadCommunityAnswers(actor, found.community, prompt);
  if (!isMine && !mayReadAnswers) throw createDeliveryNotFoundError();
  const now = deps.clock.now();
  return {
    occurrenceId,
    prompt: { id: prompt.id, kind: prompt.kind, text: prompt.text, responseMode: prompt.responseMode, visibility: prompt.visibility, pollOptions: prompt.pollOptions, cancelledAt: prompt.cancelledAt },
    community: { id: found.community.id, slug: found.community.slug, name: found.community.name },
    delivery: isMine && found.delivery ? { deliveredAt: found.delivery.deliveredAt, closesAt: found.delivery.closesAt, isOpen: isOpen(found.delivery, now) } : null,
    myResponse: isMine ? ((await inbox.findMyResponse(deps.db, occurrenceId, actor.userId)) ?? null) : null,
    communityAnswers: mayReadAnswers ? await inbox.listOccurrenceResponses(deps.db, occurrenceId, MAX_COMMUNITY_ANSWERS) : null,
  };
}

function checkResponse(prompt: PromptRow, input: RespondInput): { choice: number | null; body: string } {
  const body = input.body ?? '';
  if (prompt.responseMode === 'choice') {
    const choice = input.choice ?? null;
    if (choice === null) throw createInvalidFieldError('choice', 'validation.required');
    if (choice >= prompt.pollOptions.length) throw createInvalidFieldError('choice', 'validation.choice');
    return { choice, body };
  }
  if (prompt.responseMode === 'text' && body === '') throw createInvalidFieldError('body', 'validation.required');
  return { choice: null, body };
}

/** Answers, or changes the answer, while the window is open. */
export async function respondToPrompt(deps: WriteDeps, actor: Actor, occurrenceId: string, input: RespondInput): Promise<{ isNew: boolean }> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const found = await inbox.findOccurrenceForUser(tx, occurrenceId, actor.userId);
    if (!found || !canSeeCommunity(actor, found.community) || found.delivery?.status !== 'delivered') throw createDeliveryNotFoundError();
    const prompt = await repo.findPrompt(tx, found.promptId);
    if (!prompt) throw createDeliveryNotFoundError();
    if (!isOpen(found.delivery, deps.clock.now())) throw createPromptClosedError();
    const { choice, body } = checkResponse(prompt, input);
    const isAnonymous = prompt.visibility === 'anonymous';
    const isNew = await inbox.upsertResponse(tx, {
      id: deps.ids.uuid(), occurrenceId, userId: actor.userId, promptId: prompt.id, choice, body,
      // Reuse credits the author by name, which an anonymous answer must never have.
      mayReuse: !isAnonymous && (input.mayReuse ?? false), now: deps.clock.now(),
    });
    // An anonymous answer's event does not say whose it is.
    emit('prompt.responded', { promptId: prompt.id, occurrenceId, communityId: prompt.communityId, ...(isAnonymous ? {} : { actorId: actor.userId }) });
    return { isNew };
  });
}
