import { loadVisibleCommunity } from '../communities/communities.usecases.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { inTransaction } from '../platform/events/events.ts';
import { addDays, instantToLocal, localToInstant } from '../platform/local-time.ts';
import { createNotMemberError, createInvalidFieldError } from './prompts.errors.ts';
import { isActiveMember } from './prompts.policies.ts';
import type { SettingsInput, SnoozeFormInput } from './prompts.schemas.ts';
import * as settings from './settings.repository.ts';
import type { MyCommunityOptOut, PromptPreferences } from './settings.repository.ts';

type ReadDeps = Pick<Deps, 'db' | 'clock'>;
type WriteDeps = Pick<Deps, 'db' | 'events' | 'clock'>;

/** The longest pause: a year. */
const MAX_SNOOZE_DAYS = 366;

export interface PromptSettings extends PromptPreferences {
  /** A pause in the past is no pause. */
  isSnoozed: boolean;
  communities: MyCommunityOptOut[];
}

export async function getPromptSettings(deps: ReadDeps, actor: Actor): Promise<PromptSettings> {
  const [preferences, communities] = await Promise.all([settings.findPreferences(deps.db, actor.userId), settings.listMyCommunities(deps.db, actor.userId)]);
  const isSnoozed = preferences.snoozedUntil !== null && preferences.snoozedUntil.getTime() > deps.clock.now().getTime();
  return { ...preferences, snoozedUntil: isSnoozed ? preferences.snoozedUntil : null, isSnoozed, communities };
}

export async function updatePromptSettings(deps: WriteDeps, actor: Actor, input: SettingsInput): Promise<void> {
  const now = deps.clock.now();
  let snoozedUntil: Date | null | undefined;
  if (input.snoozedUntil !== undefined) {
    snoozedUntil = input.snoozedUntil === null ? null : new Date(input.snoozedUntil);
    if (snoozedUntil && (snoozedUntil.getTime() <= now.getTime() || snoozedUntil.getTime() > now.getTime() + MAX_SNOOZE_DAYS * 86_400_000)) throw createInvalidFieldError('snoozedUntil', 'validation.range');
  }
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    await settings.updatePreferences(tx, actor.userId, { promptEmail: input.promptEmail, snoozedUntil });
    emit('prompt.settings_changed', { actorId: actor.userId });
  });
}

/** A pause of one or two weeks or a month, or until the end of a chosen day (Europe/Amsterdam). */
export function snoozeEnd(input: SnoozeFormInput, now: Date): Date {
  const today = instantToLocal(now);
  const days = input.period === '1w' ? 7 : input.period === '2w' ? 14 : input.period === '1m' ? 30 : undefined;
  if (days !== undefined) return new Date(now.getTime() + days * 86_400_000);
  const end = input.until ? localToInstant(addDays(input.until, 1), '00:00') : undefined;
  if (!end || input.until! < today.date) throw createInvalidFieldError('until', input.until ? 'validation.range' : 'validation.required');
  return end.instant;
}

/** No prompts from this community (or again): opting out is for its active members; not visible is not found. */
export async function setCommunityOptOut(deps: WriteDeps, actor: Actor, communityId: string, isOptedOut: boolean): Promise<void> {
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadVisibleCommunity(tx, actor, { id: communityId });
    if (isOptedOut && !isActiveMember(community)) throw createNotMemberError();
    await settings.setOptOut(tx, actor.userId, community.id, isOptedOut, deps.clock.now());
    emit(isOptedOut ? 'prompt.opted_out' : 'prompt.opted_in', { communityId: community.id, actorId: actor.userId });
  });
}
