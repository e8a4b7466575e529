import { Type, type Static, type TSchema } from 'typebox';
import { MAX_PAGE, parsePageNumber } from '../platform/paging.ts';
import { splitList } from '../platform/validation/validate.ts';
import { MAX_PAGE_SIZE, PAGE_SIZE, type ListFilter } from './communities.models.ts';

/** One schema per input, used by the HTML form posts and the JSON API alike. */

export const Uuid = Type.String({ format: 'uuid' });
export const Visibility = Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('secret')]);
export const CommunityRoleSchema = Type.Union([Type.Literal('member'), Type.Literal('facilitator')]);
const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** PostgreSQL text cannot hold a NUL character: refuse it here rather than fail in the database. */
const Text = (limits: { minLength?: number; maxLength: number }) => Type.String({ ...limits, pattern: '^[^\\u0000]*$' });

const communityFields = {
  name: Text({ minLength: 3, maxLength: 120 }),
  purpose: Text({ maxLength: 2000 }),
  tags: Type.Array(Text({ minLength: 1, maxLength: 40 }), { maxItems: 10 }),
  visibility: Visibility,
  partnerOrganisationIds: Type.Array(Uuid, { maxItems: 100 }),
  allowPseudonymousQuestions: Type.Boolean(),
  allowPracticeSharing: Type.Boolean(),
};

export const CreateCommunityInput = Type.Object({
  name: communityFields.name,
  purpose: Type.Optional(communityFields.purpose),
  tags: Type.Optional(communityFields.tags),
  visibility: communityFields.visibility,
  partnerOrganisationIds: Type.Optional(communityFields.partnerOrganisationIds),
  allowPseudonymousQuestions: Type.Optional(communityFields.allowPseudonymousQuestions),
  allowPracticeSharing: Type.Optional(communityFields.allowPracticeSharing),
});
export type CreateCommunityInput = Static<typeof CreateCommunityInput>;

/** PATCH: only what is sent changes. The edit form always sends every field. */
export const UpdateCommunityInput = Type.Partial(Type.Object(communityFields));
export type UpdateCommunityInput = Static<typeof UpdateCommunityInput>;

/**
 * A form posts tags as one comma-separated text and partners as zero, one or many checkboxes;
 * this gives both the array shape the schema (and the API) use. No checkbox means "none".
 */
export function communityFormInput(body: unknown): Record<string, unknown> {
  const form = (body ?? {}) as Record<string, unknown>;
  const partners = [form.partnerOrganisationIds ?? []].flat().filter((v): v is string => typeof v === 'string' && v !== '');
  return { ...form, purpose: form.purpose ?? '', tags: splitList(form.tags), partnerOrganisationIds: partners, allowPseudonymousQuestions: form.allowPseudonymousQuestions === 'on', allowPracticeSharing: form.allowPracticeSharing === 'on' };
}

export const JoinInput = Type.Object({ message: Type.Optional(Text({ maxLength: 1000 })) });
export type JoinInput = Static<typeof JoinInput>;

export const InviteInput = Type.Object({ email: Email });
export type InviteInput = Static<typeof InviteInput>;

export const RoleInput = Type.Object({ role: CommunityRoleSchema });
export type RoleInput = Static<typeof RoleInput>;

const paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: PAGE_SIZE })),
};
const Search = Text({ maxLength: 100 });

export const ListCommunitiesQuery = Type.Object({ ...paging, q: Type.Optional(Search), mine: Type.Optional(Type.Boolean()) });
export type ListCommunitiesQuery = Static<typeof ListCommunitiesQuery>;
export const ListMembersQuery = Type.Object({ ...paging, q: Type.Optional(Search) });
export type ListMembersQuery = Static<typeof ListMembersQuery>;

/** Page query strings (`?q=&mijn=1&pagina=2`) are read leniently: a search box never errors. */
export function filterFromPageQuery(query: unknown): ListFilter {
  const values = (query ?? {}) as Record<string, unknown>;
  return { q: searchText(values.q), mine: values.mijn === '1', page: parsePageNumber(values.pagina), pageSize: PAGE_SIZE };
}

/** A search box never errors: control characters are dropped and the text is cut to 100 characters. */
export function searchText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[\u0000-\u001f]/g, '').trim().slice(0, 100) : '';
}

export function filterFromApiQuery(query: ListCommunitiesQuery): ListFilter {
  return { q: searchText(query.q), mine: query.mine ?? false, page: query.page ?? 1, pageSize: query.pageSize ?? PAGE_SIZE };
}

export const CommunityIdParams = Type.Object({ id: Uuid });
export const MemberParams = Type.Object({ id: Uuid, userId: Uuid });

// Response shapes, for serialisation and the OpenAPI document.
const OrganisationRef = Type.Object({ id: Uuid, name: Type.String() });
const PersonRef = Type.Object({ userId: Uuid, name: Type.String() });
const MyStatusSchema = Type.Union(['facilitator', 'member', 'invited', 'requested', 'can_join', 'can_request', 'none'].map((s) => Type.Literal(s)));
const DateTime = Type.String({ format: 'date-time' });

export const CommunitySummaryJson = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  purpose: Type.String(),
  tags: Type.Array(Type.String()),
  visibility: Visibility,
  memberCount: Type.Integer(),
  myStatus: MyStatusSchema,
});

export const CommunityJson = Type.Object({
  ...CommunitySummaryJson.properties,
  organisation: OrganisationRef,
  partners: Type.Array(OrganisationRef),
  allowPseudonymousQuestions: Type.Boolean(),
  allowPracticeSharing: Type.Boolean(),
  facilitators: Type.Array(PersonRef),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const MemberJson = Type.Object({
  userId: Uuid,
  name: Type.String(),
  jobTitle: Type.String(),
  organisation: OrganisationRef,
  role: CommunityRoleSchema,
  joinedAt: DateTime,
});

export const MembershipJson = Type.Object({
  communityId: Uuid,
  userId: Uuid,
  status: Type.Union([Type.Literal('active'), Type.Literal('requested'), Type.Literal('invited')]),
  role: CommunityRoleSchema,
});

export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), page: Type.Integer(), pageSize: Type.Integer(), hasNext: Type.Boolean() });
