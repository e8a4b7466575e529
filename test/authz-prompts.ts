/**
 * Prompts (src/prompts) in the authorisation matrix's world: per community a prompt the
 * facilitator sent, delivered to the member only, with the member's answer (test/prompts.fixture.ts).
 * Rows that change something give each request that is to succeed a prompt of its own; refused
 * requests share one per community (a refused request changes nothing, which the snapshot proves).
 */
import { randomUUID } from 'node:crypto';
import type { Visibility, World } from './authz-world.ts';
import { promptFixtureState, seedDeliveredPrompt, type PromptFixture } from './prompts.fixture.ts';

const create = (w: World, vis: Visibility) =>
  seedDeliveredPrompt(w.t.deps, { communityId: w.communities[vis].id, senderId: w.users.facilitator!.id, recipientId: w.users.member!.id });

const shared = new WeakMap<World, Map<Visibility, Promise<PromptFixture>>>();

/** The prompt per community that reads and refused requests use. */
export function sharedPrompt(w: World, vis: Visibility): Promise<PromptFixture> {
  const prompts = shared.get(w) ?? new Map<Visibility, Promise<PromptFixture>>();
  shared.set(w, prompts);
  if (!prompts.has(vis)) prompts.set(vis, create(w, vis));
  return prompts.get(vis)!;
}

/** A prompt of its own, for a request that is to succeed. */
export const freshPrompt = (w: World, vis: Visibility) => create(w, vis);

/** The prompt, its deliveries' answers; and the questions made from its answer (reuse). */
export async function promptState(w: World, promptId: string, canary: string) {
  const questions = await w.t.deps.db.selectFrom('questions').select('id').where('body', 'like', `%antwoord-${canary}%`).execute();
  return { ...(await promptFixtureState(w.t.deps, promptId)), questions: questions.length };
}

export const promptCount = async (w: World, communityId: string) =>
  Number((await w.t.deps.db.selectFrom('prompts').select((eb) => eb.fn.countAll().as('n')).where('community_id', '=', communityId).executeTakeFirstOrThrow()).n);

/** The actor's own opt-out of a community (nobody's for the anonymous visitor). */
export const optOutState = (w: World, communityId: string, userId: string | undefined) =>
  w.t.deps.db.selectFrom('prompt_opt_outs').select('user_id').where('community_id', '=', communityId).where('user_id', '=', userId ?? randomUUID()).execute();

/**
 * A moment at the far end of the planning horizon (a year): the scheduler runs every test makes
 * on the shared database (the engine tests' injected clocks included) never reach it.
 */
export const promptMoment = () => new Date(Date.now() + 364 * 86_400_000).toISOString().slice(0, 10);
