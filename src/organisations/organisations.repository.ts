import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { OrganisationRow } from '../platform/db/schema.ts';
import { likePattern } from '../platform/text.ts';
import type { Organisation, OrganisationKind, OrganisationSummary } from './organisations.models.ts';
import type { OrganisationListScope } from './organisations.policies.ts';

/** All SQL for the organisations table. */

// Serialises writes that claim e-mail domains: a domain may belong to one organisation only, and
// no index can say that of an array column, so two claims must not check at the same time.
const DOMAIN_CLAIM_LOCK = 4_242_101;

const toOrganisation = (row: OrganisationRow): Organisation => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  kind: row.kind,
  emailDomains: row.email_domains,
  allowSelfSignup: row.allow_self_signup,
  theme: row.theme ?? {},
  createdAt: row.created_at,
});

export type OrganisationKey = { id: string } | { slug: string };

export async function findOrganisation(db: DbOrTx, key: OrganisationKey): Promise<Organisation | undefined> {
  let query = db.selectFrom('organisations').selectAll();
  query = 'id' in key ? query.where('id', '=', key.id) : query.where('slug', '=', key.slug);
  const row = await query.executeTakeFirst();
  return row && toOrganisation(row);
}

export const listOrganisationSummariesByIds = (db: DbOrTx, ids: readonly string[]): Promise<OrganisationSummary[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('organisations').select(['id', 'slug', 'name', 'kind']).where('id', 'in', [...ids]).orderBy(sql`lower(name)`).orderBy('id').execute();

export async function findOrganisationByEmailDomain(db: DbOrTx, domain: string): Promise<Organisation | undefined> {
  const row = await db.selectFrom('organisations').selectAll().where(sql<boolean>`email_domains @> ARRAY[${domain}]::text[]`).executeTakeFirst();
  return row && toOrganisation(row);
}

export async function listOrganisations(db: DbOrTx, filter: { scope: OrganisationListScope; search?: string; limit: number; offset: number }): Promise<Organisation[]> {
  let query = db.selectFrom('organisations').selectAll();
  if (filter.scope.kind === 'only') query = query.where('id', '=', filter.scope.organisationId);
  if (filter.search) {
    const pattern = likePattern(filter.search);
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('slug', 'ilike', pattern)]));
  }
  const rows = await query.orderBy(sql`lower(name)`).orderBy('id').limit(filter.limit).offset(filter.offset).execute();
  return rows.map(toOrganisation);
}

export async function lockDomainClaims(tx: DbOrTx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${DOMAIN_CLAIM_LOCK})`.execute(tx);
}

/** The first of `domains` that another organisation already has, with that organisation's name. */
export async function findClaimedDomain(db: DbOrTx, domains: readonly string[], exceptOrganisationId?: string): Promise<{ domain: string; name: string } | undefined> {
  if (domains.length === 0) return undefined;
  const result = await sql<{ domain: string; name: string }>`
    SELECT d AS domain, o.name FROM organisations o, unnest(o.email_domains) AS d
    WHERE d = ANY(${[...domains]}::text[]) AND o.id IS DISTINCT FROM ${exceptOrganisationId ?? null}::uuid
    ORDER BY d LIMIT 1`.execute(db);
  return result.rows[0];
}

export async function isSlugTaken(db: DbOrTx, slug: string, exceptOrganisationId?: string): Promise<boolean> {
  let query = db.selectFrom('organisations').select('id').where('slug', '=', slug);
  if (exceptOrganisationId) query = query.where('id', '!=', exceptOrganisationId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface OrganisationValues {
  slug: string;
  name: string;
  kind: OrganisationKind;
  emailDomains: string[];
  allowSelfSignup: boolean;
  theme: Record<string, string>;
}

export async function insertOrganisation(db: DbOrTx, id: string, values: OrganisationValues, now: Date): Promise<Organisation> {
  const row = await db
    .insertInto('organisations')
    .values({
      id,
      slug: values.slug,
      name: values.name,
      kind: values.kind,
      email_domains: values.emailDomains,
      allow_self_signup: values.allowSelfSignup,
      theme: JSON.stringify(values.theme),
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrganisation(row);
}

export async function updateOrganisation(db: DbOrTx, id: string, values: OrganisationValues): Promise<Organisation> {
  const row = await db
    .updateTable('organisations')
    .set({
      slug: values.slug,
      name: values.name,
      kind: values.kind,
      email_domains: values.emailDomains,
      allow_self_signup: values.allowSelfSignup,
      theme: JSON.stringify(values.theme),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrganisation(row);
}

/** PostgreSQL's unique_violation, raised when two requests claim one slug at the same moment. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | undefined)?.code === '23505';
