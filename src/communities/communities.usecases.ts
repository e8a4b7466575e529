import { listOrganisationChoices, listOrganisationsByIds } from '../organisations/organisations.usecases.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { inTransaction } from '../platform/events/events.ts';
import { toPage, type Page } from '../platform/paging.ts';
import { createCommunityForbiddenError, createCommunityNotFoundError, createCreateForbiddenError, createInvalidPartnersError, createSecretNeedsFacilitatorError } from './communities.errors.ts';
import { RESERVED_SLUGS, communitySlug, myStatus, normaliseTags, type ListFilter, type MyStatus } from './communities.models.ts';
import { canCreateCommunity, canManageCommunity, canSeeCommunity } from './communities.policies.ts';
import * as repo from './communities.repository.ts';
import type { CommunityRef, CommunityStats, CommunityView, OrganisationRef } from './communities.repository.ts';
import type { CreateCommunityInput, UpdateCommunityInput } from './communities.schemas.ts';
import * as members from './membership/membership.repository.ts';

type ReadDeps = Pick<Deps, 'db'>;
type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

/** Not visible is "not found": the same answer whether it does not exist or is private. */
export async function loadVisibleCommunity(db: DbOrTx, actor: Actor, ref: CommunityRef, options: { lock?: boolean } = {}): Promise<CommunityView> {
  const community = await repo.findCommunityForUser(db, ref, actor.userId, options);
  if (!community || !canSeeCommunity(actor, community)) throw createCommunityNotFoundError();
  return community;
}

export async function loadManagedCommunity(db: DbOrTx, actor: Actor, ref: CommunityRef, options: { lock?: boolean } = {}): Promise<CommunityView> {
  const community = await loadVisibleCommunity(db, actor, ref, options);
  if (!canManageCommunity(actor, community)) throw createCommunityForbiddenError();
  return community;
}

export interface CommunityCard {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  tags: string[];
  visibility: CommunityView['visibility'];
  memberCount: number;
  myStatus: MyStatus;
}

/** The communities page: one page of visible communities, their member counts, and the total. */
export async function listCommunities(deps: ReadDeps, actor: Actor, filter: ListFilter): Promise<{ page: Page<CommunityCard>; total: number; canCreate: boolean }> {
  const [rows, total] = await Promise.all([repo.listVisibleCommunities(deps.db, actor, filter), repo.countVisibleCommunities(deps.db, actor, filter)]);
  const page = toPage(rows, filter);
  const counts = await repo.countMembers(deps.db, page.items.map((c) => c.id));
  const items = page.items.map((c) => ({
    id: c.id,
    slug: c.slug,
    name: c.name,
    purpose: c.purpose,
    tags: c.tags,
    visibility: c.visibility,
    memberCount: counts.get(c.id) ?? 0,
    myStatus: myStatus(actor, c),
  }));
  return { page: { ...page, items }, total, canCreate: canCreateCommunity(actor) };
}

export interface CommunityDetail {
  community: CommunityView;
  stats: CommunityStats;
  myStatus: MyStatus;
  canManage: boolean;
}

/** The community home page: one query, whatever the size of the community. */
export async function getCommunityDetail(deps: ReadDeps, actor: Actor, ref: CommunityRef): Promise<CommunityDetail> {
  const found = await repo.findCommunityWithStats(deps.db, ref, actor.userId);
  if (!found || !canSeeCommunity(actor, found.community)) throw createCommunityNotFoundError();
  const { community, stats } = found;
  return { community, stats, myStatus: myStatus(actor, community), canManage: canManageCommunity(actor, community) };
}

/**
 * Every other organisation, by name, to share a community with.
 * Organisations already chosen are always offered, also past the first thousand: a form that
 * did not show them would drop them on saving.
 */
async function organisationChoices(db: DbOrTx, ownerId: string, chosenIds: readonly string[]): Promise<OrganisationRef[]> {
  const all = await listOrganisationChoices({ db }, { excludeId: ownerId, limit: 1000 });
  const missing = chosenIds.filter((id) => !all.some((o) => o.id === id));
  const chosen = missing.length > 0 ? await listOrganisationsByIds({ db }, missing) : [];
  return [...all, ...chosen].filter((o) => o.id !== ownerId).map((o) => ({ id: o.id, name: o.name }));
}

export async function prepareNewCommunity(deps: ReadDeps, actor: Actor, chosenIds: readonly string[] = []): Promise<{ organisationChoices: OrganisationRef[] }> {
  if (!canCreateCommunity(actor)) throw createCreateForbiddenError();
  return { organisationChoices: await organisationChoices(deps.db, actor.organisationId, chosenIds) };
}

export async function prepareCommunityEdit(deps: ReadDeps, actor: Actor, ref: CommunityRef, chosenIds: readonly string[] = []): Promise<{ community: CommunityView; organisationChoices: OrganisationRef[] }> {
  const community = await loadManagedCommunity(deps.db, actor, ref);
  return { community, organisationChoices: await organisationChoices(deps.db, community.organisationId, [...community.partnerOrganisationIds, ...chosenIds]) };
}

/** Partners must be other, existing organisations; the ids come from checkboxes or the API. */
async function checkPartners(db: DbOrTx, ownerId: string, partnerIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(partnerIds)];
  if (unique.length === 0) return unique;
  const found = await listOrganisationsByIds({ db }, unique);
  if (found.length !== unique.length || unique.includes(ownerId)) throw createInvalidPartnersError();
  return unique;
}

/** A slug already in use gets a random suffix: a counter would tell how many exist, secret ones included. */
async function freeSlug(deps: WriteDeps, db: DbOrTx, name: string): Promise<string> {
  const base = communitySlug(name);
  let slug = base;
  while (RESERVED_SLUGS.has(slug) || (await repo.isSlugTaken(db, slug))) slug = `${base}-${deps.ids.uuid().slice(0, 6)}`;
  return slug;
}

/** Two people creating "Jeugd en onderwijs" at the same moment both see the slug free; the loser tries again. */
async function retryOnSlugConflict(work: () => Promise<void>, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!repo.isSlugConflict(error) || attempt >= attempts) throw error;
    }
  }
}

/** The creator's organisation owns the community and the creator becomes its first facilitator. */
export async function createCommunity(deps: WriteDeps, actor: Actor, input: CreateCommunityInput): Promise<CommunityDetail> {
  if (!canCreateCommunity(actor)) throw createCreateForbiddenError();
  const id = deps.ids.uuid();
  await retryOnSlugConflict(() => inTransaction(deps.db, deps.events, async (tx, emit) => {
    const partners = await checkPartners(tx, actor.organisationId, input.partnerOrganisationIds ?? []);
    const now = deps.clock.now();
    const slug = await freeSlug(deps, tx, input.name);
    const tags = normaliseTags(input.tags ?? []);
    await repo.insertCommunity(tx, { id, slug, name: input.name, purpose: input.purpose ?? '', tags, visibility: input.visibility, organisationId: actor.organisationId, createdBy: actor.userId, allowPseudonymousQuestions: input.allowPseudonymousQuestions ?? false, allowPracticeSharing: input.allowPracticeSharing ?? true, now });
    await repo.replacePartners(tx, id, partners);
    await members.insertMembership(tx, { communityId: id, userId: actor.userId, role: 'facilitator', status: 'active', now, decidedBy: actor.userId });
    emit('community.created', { communityId: id, slug, visibility: input.visibility, organisationId: actor.organisationId, actorId: actor.userId });
  }));
  return getCommunityDetail(deps, actor, { id });
}

/**
 * Facilitators and admins of the owning organisation edit. Only a facilitator may make a
 * community secret: it hides the community from the organisation, admins included.
 */
export async function updateCommunity(deps: WriteDeps, actor: Actor, ref: CommunityRef, input: UpdateCommunityInput): Promise<CommunityDetail> {
  const id = await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadManagedCommunity(tx, actor, ref, { lock: true });
    const isFacilitator = community.membership?.status === 'active' && community.membership.role === 'facilitator';
    if (input.visibility === 'secret' && community.visibility !== 'secret' && !isFacilitator) {
      throw createSecretNeedsFacilitatorError();
    }
    const partners = input.partnerOrganisationIds && (await checkPartners(tx, community.organisationId, input.partnerOrganisationIds));
    const changes = { name: input.name, purpose: input.purpose, tags: input.tags && normaliseTags(input.tags), visibility: input.visibility, allowPseudonymousQuestions: input.allowPseudonymousQuestions, allowPracticeSharing: input.allowPracticeSharing };
    await repo.updateCommunity(tx, community.id, changes, deps.clock.now());
    if (partners) await repo.replacePartners(tx, community.id, partners);
    const changed = Object.entries({ ...changes, partnerOrganisationIds: partners }).filter(([, v]) => v !== undefined).map(([k]) => k);
    emit('community.updated', { communityId: community.id, actorId: actor.userId, changed });
    return community.id;
  });
  return getCommunityDetail(deps, actor, { id });
}

export interface Bounded<T> {
  items: T[];
  hasMore: boolean;
}

const bounded = <T>(rows: T[], limit: number): Bounded<T> => ({ items: rows.slice(0, limit), hasMore: rows.length > limit });

/** For the start page: my communities, invitations waiting for me, requests waiting for my decision. */
export async function getCommunityOverview(deps: ReadDeps, actor: Actor, limit = 10) {
  const [mine, invitations, requests] = await Promise.all([
    members.listMyCommunities(deps.db, actor.userId, limit + 1),
    members.listMyInvitations(deps.db, actor.userId, limit + 1),
    members.listRequestsWaitingFor(deps.db, actor, limit + 1),
  ]);
  return { myCommunities: bounded(mine, limit), invitations: bounded(invitations, limit), waitingRequests: bounded(requests, limit), canCreate: canCreateCommunity(actor) };
}
export type CommunityOverview = Awaited<ReturnType<typeof getCommunityOverview>>;
