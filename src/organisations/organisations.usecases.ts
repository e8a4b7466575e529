import type { Deps } from '../platform/deps.ts';
import type { FieldError } from '../platform/errors.ts';
import { inTransaction } from '../platform/events/events.ts';
import { pageWindow, toPage, type Page } from '../platform/paging.ts';
import { SLUG_PATTERN, slugify } from '../platform/text.ts';
import {
  createDomainTakenError,
  createOrganisationForbiddenError,
  createOrganisationInvalidError,
  createOrganisationNotFoundError,
  createSlugTakenError,
} from './organisations.errors.ts';
import { emailDomainOf, isSameValue, isUuid, normaliseDomains, pageRequest, slugProblem, type Organisation, type OrganisationSummary } from './organisations.models.ts';
import { callerId, canAdministerPlatform, canManageOrganisation, canViewOrganisation, organisationListScope, type Caller } from './organisations.policies.ts';
import * as repo from './organisations.repository.ts';
import type { CreateOrganisationInput, OrganisationListQuery, UpdateOrganisationInput } from './organisations.schemas.ts';
import { normaliseTheme } from './theme/theme.models.ts';

export type { Organisation, OrganisationSummary } from './organisations.models.ts';
export type { OrganisationKey } from './organisations.repository.ts';

type OrganisationDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;

/** Organisations the caller may see: all for platform administrators, else only their own. */
export async function listOrganisations(deps: Pick<Deps, 'db'>, caller: Caller, query: OrganisationListQuery): Promise<Page<Organisation>> {
  const paging = pageRequest(query);
  const rows = await repo.listOrganisations(deps.db, { scope: organisationListScope(caller), search: query.q?.trim() || undefined, ...pageWindow(paging) });
  return toPage(rows, paging);
}

export async function getOrganisation(deps: Pick<Deps, 'db'>, caller: Caller, key: repo.OrganisationKey): Promise<Organisation> {
  // An id that is no uuid (or a slug with a NUL byte) would make PostgreSQL fail the query; it simply names nothing.
  const isWellFormed = 'id' in key ? isUuid(key.id) : SLUG_PATTERN.test(key.slug);
  const organisation = isWellFormed ? await repo.findOrganisation(deps.db, key) : undefined;
  if (!organisation || !canViewOrganisation(caller, organisation.id)) throw createOrganisationNotFoundError();
  return organisation;
}

export async function createOrganisation(deps: OrganisationDeps, caller: Caller, input: CreateOrganisationInput): Promise<Organisation> {
  if (!canAdministerPlatform(caller)) throw createOrganisationForbiddenError();
  const values = checkValues({
    name: input.name,
    slug: input.slug || slugify(input.name),
    kind: input.kind,
    emailDomains: input.emailDomains ?? [],
    allowSelfSignup: input.allowSelfSignup ?? false,
    theme: input.theme ?? {},
  });
  return saveClaims(deps, undefined, values, async (tx, emit) => {
    const organisation = await repo.insertOrganisation(tx, deps.ids.uuid(), values, deps.clock.now());
    emit('organisation.created', { organisationId: organisation.id, slug: organisation.slug, kind: organisation.kind, actorId: callerId(caller) });
    return organisation;
  });
}

/** Changes only what the input names; `theme`, when given, replaces the whole set of overrides. */
export async function updateOrganisation(deps: OrganisationDeps, caller: Caller, key: repo.OrganisationKey, input: UpdateOrganisationInput): Promise<Organisation> {
  const current = await getOrganisation(deps, caller, key);
  if (!canManageOrganisation(caller, current.id)) throw createOrganisationForbiddenError();
  const values = checkValues({
    name: input.name ?? current.name,
    slug: input.slug ?? current.slug,
    kind: input.kind ?? current.kind,
    emailDomains: input.emailDomains ?? current.emailDomains,
    allowSelfSignup: input.allowSelfSignup ?? current.allowSelfSignup,
    theme: input.theme ?? current.theme,
  });
  return saveClaims(deps, current.id, values, async (tx, emit) => {
    const organisation = await repo.updateOrganisation(tx, current.id, values);
    // Subscribers learn what really changed; a form post always sends every field.
    const changed = (Object.keys(values) as (keyof repo.OrganisationValues)[]).filter((name) => !isSameValue(values[name], current[name]));
    emit('organisation.updated', { organisationId: organisation.id, changed, actorId: callerId(caller) });
    return organisation;
  });
}

/** For other features (no actor: they apply their own visibility rules). */
export async function findOrganisationById(deps: Pick<Deps, 'db'>, id: string): Promise<Organisation | undefined> {
  return isUuid(id) ? repo.findOrganisation(deps.db, { id }) : undefined;
}

/** Names of several organisations at once, e.g. the partners of a community; unknown ids are left out. */
export async function listOrganisationsByIds(deps: Pick<Deps, 'db'>, ids: readonly string[]): Promise<OrganisationSummary[]> {
  return repo.listOrganisationSummariesByIds(deps.db, [...new Set(ids)].filter(isUuid));
}

/**
 * Organisations to choose partners from, by name. Any manager may see every organisation's name to
 * choose partners (unlike `listOrganisations`, which shows a non-admin only their own organisation).
 */
export async function listOrganisationChoices(deps: Pick<Deps, 'db'>, options: { excludeId: string; limit: number }): Promise<OrganisationSummary[]> {
  const all = await repo.listOrganisations(deps.db, { scope: { kind: 'all' }, limit: options.limit, offset: 0 });
  return all.filter((o) => o.id !== options.excludeId).map(({ id, slug, name, kind }) => ({ id, slug, name, kind }));
}

/** The organisation that owns the domain of this e-mail address, for sign-up and invitations. */
export async function findOrganisationForEmail(deps: Pick<Deps, 'db'>, email: string): Promise<Organisation | undefined> {
  const domain = emailDomainOf(email);
  return domain ? repo.findOrganisationByEmailDomain(deps.db, domain) : undefined;
}

/** Every rule a schema cannot express, checked at once, so a form shows all problems together. */
function checkValues(values: Omit<repo.OrganisationValues, 'theme'> & { theme: Record<string, unknown> }): repo.OrganisationValues {
  const errors: FieldError[] = [];
  const name = values.name.trim();
  if (name.length < 2) errors.push({ field: 'name', code: 'validation.too_short', params: { min: 2 } });
  const slugCode = slugProblem(values.slug);
  if (slugCode) errors.push({ field: 'slug', code: slugCode });
  const domains = normaliseDomains(values.emailDomains);
  const theme = normaliseTheme(values.theme);
  errors.push(...domains.errors, ...theme.errors);
  if (errors.length > 0) throw createOrganisationInvalidError(errors);
  return { ...values, name, emailDomains: domains.domains, theme: theme.theme };
}

/** Writes under the domain-claim lock, after checking that slug and domains are still free. */
async function saveClaims(
  deps: OrganisationDeps,
  organisationId: string | undefined,
  values: repo.OrganisationValues,
  write: Parameters<typeof inTransaction<Organisation>>[2],
): Promise<Organisation> {
  try {
    return await inTransaction(deps.db, deps.events, async (tx, emit) => {
      await repo.lockDomainClaims(tx);
      if (await repo.isSlugTaken(tx, values.slug, organisationId)) throw createSlugTakenError();
      const claimed = await repo.findClaimedDomain(tx, values.emailDomains, organisationId);
      if (claimed) throw createDomainTakenError(claimed.domain, claimed.name);
      return write(tx, emit);
    });
  } catch (error) {
    if (repo.isUniqueViolation(error)) throw createSlugTakenError();
    throw error;
  }
}
