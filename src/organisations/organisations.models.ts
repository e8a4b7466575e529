import { domainToASCII } from 'node:url';
import type { Static, TSchema } from 'typebox';
import { AppError, isAppError, type FieldError } from '../platform/errors.ts';
import { parsePageNumber } from '../platform/paging.ts';
import { SLUG_MAX_LENGTH, SLUG_PATTERN, slugify } from '../platform/text.ts';
import { parseInput, splitList } from '../platform/validation/validate.ts';

/** Pure rules for organisations (organisaties): slugs, e-mail domains, paging, form mapping. */

export type OrganisationKind = 'municipality' | 'partner';

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  emailDomains: string[];
  allowSelfSignup: boolean;
  /** Theme token overrides (CSS custom property → value), already validated. */
  theme: Record<string, string>;
  createdAt: Date;
}

/** What other features need: a name to show beside a partner community, a kind. */
export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** The page asked for, with the defaults filled in. */
export const pageRequest = (query: { page?: number; pageSize?: number }) => ({ page: query.page ?? 1, pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE });

/** Optional filter text from a query string: a string without control characters, trimmed, bounded; anything else is no filter. */
export function parseSearchText(value: unknown, max = 100): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/[\u0000-\u001f]/g, '').trim().slice(0, max);
  return trimmed === '' ? undefined : trimmed;
}

export function parseChoice<T extends string>(value: unknown, choices: readonly T[]): T | undefined {
  return choices.find((choice) => choice === value);
}

export { isUuid } from '../platform/text.ts';

/** Path segments under /beheer/organisaties that a slug would shadow. */
const RESERVED_SLUGS = new Set(['nieuw']);

export function slugProblem(slug: string): string | undefined {
  if (slug.length < 2 || slug.length > SLUG_MAX_LENGTH || !SLUG_PATTERN.test(slug)) return 'validation.slug';
  if (RESERVED_SLUGS.has(slug)) return 'organisations.slug_reserved';
  return undefined;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A domain as stored: lower-case ASCII (internationalised names as punycode), at least two
 * labels, no scheme, no "@", no trailing dot. Returns undefined when it is not a domain.
 */
export function normaliseDomain(raw: string): string | undefined {
  const trimmed = raw.trim().replace(/^@/, '').replace(/\.$/, '');
  if (trimmed === '' || /[\s/@:]/.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined;
  return TOP_LEVEL.test(labels[labels.length - 1] ?? '') ? ascii : undefined;
}

/** Normalises a list of domains, dropping duplicates; every invalid one becomes a field error. */
export function normaliseDomains(list: readonly string[], field = 'emailDomains'): { domains: string[]; errors: FieldError[] } {
  const domains = new Set<string>();
  const errors: FieldError[] = [];
  for (const raw of list) {
    const domain = normaliseDomain(raw);
    if (domain) domains.add(domain);
    else if (errors.length === 0) errors.push({ field, code: 'organisations.domain_invalid', params: { domain: raw.slice(0, 80) } });
  }
  return { domains: [...domains], errors };
}

/** The domain part of an e-mail address, normalised like stored domains. */
export function emailDomainOf(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  return at < 0 ? undefined : normaliseDomain(email.slice(at + 1));
}

export const THEME_FIELD_PREFIX = 'theme.';

/**
 * A form post arrives flat (`emailDomains` as text, a checkbox, `theme.<token>` fields); this
 * gives it the shape of the API body, so one schema checks both.
 */
export function organisationFormToInput(body: unknown): Record<string, unknown> {
  const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const theme: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key.startsWith(THEME_FIELD_PREFIX)) theme[key.slice(THEME_FIELD_PREFIX.length)] = value;
  }
  const input: Record<string, unknown> = {
    name: form.name,
    slug: form.slug === '' ? undefined : form.slug,
    kind: form.kind,
    emailDomains: splitList(form.emailDomains),
    allowSelfSignup: form.allowSelfSignup === 'yes',
    theme,
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

/** Compares stored and new values; object key order (jsonb reorders keys) does not count. */
export function isSameValue(a: unknown, b: unknown): boolean {
  const stable = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y))) : value);
  return JSON.stringify(stable(a)) === JSON.stringify(stable(b));
}

/** The edit form's starting values. */
export function organisationToFormValues(organisation: Organisation): Record<string, unknown> {
  return {
    name: organisation.name,
    slug: organisation.slug,
    kind: organisation.kind,
    emailDomains: organisation.emailDomains.join('\n'),
    allowSelfSignup: organisation.allowSelfSignup ? 'yes' : '',
    ...Object.fromEntries(Object.entries(organisation.theme).map(([token, value]) => [`${THEME_FIELD_PREFIX}${token}`, value])),
  };
}

/** What a list page's query string (`?zoek=&pagina=`) asks for; odd values are ignored, not errors. */
export function organisationPageQuery(query: unknown) {
  const q = (query ?? {}) as Record<string, unknown>;
  return { page: parsePageNumber(q.pagina), pageSize: DEFAULT_PAGE_SIZE, q: parseSearchText(q.zoek) };
}

export function organisationToJson(organisation: Organisation) {
  return { ...organisation, createdAt: organisation.createdAt.toISOString() };
}

/** On a re-rendered create form an empty slug shows the one that would be derived, so it can be edited. */
export function withSuggestedSlug(values: Record<string, unknown>): Record<string, unknown> {
  const hasSlug = typeof values.slug === 'string' && values.slug.trim() !== '';
  return hasSlug || typeof values.name !== 'string' ? values : { ...values, slug: slugify(values.name) };
}

/** Form, API and CLI name a bad slug the way people understand: "use lower-case letters, digits and hyphens". */
export function parseOrganisationInput<T extends TSchema>(schema: T, input: unknown): Static<T> {
  try {
    return parseInput(schema, input);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const fields = error.fields.map((field) => (field.field === 'slug' && field.code === 'validation.invalid' ? { ...field, code: 'validation.slug' } : field));
    throw new AppError(error.code, error.status, { fields });
  }
}
