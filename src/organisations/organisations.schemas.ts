import { Type, type Static } from 'typebox';
import { MAX_PAGE } from '../platform/paging.ts';
import { SLUG_MAX_LENGTH } from '../platform/text.ts';
import { NO_NUL_PATTERN } from '../platform/validation/validate.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './organisations.models.ts';
import { THEME_TOKENS, THEME_VALUE_MAX_LENGTH } from './theme/theme.models.ts';

/** One schema per input, used by the form posts, the JSON API and the CLI alike. */

export const Uuid = Type.String({ format: 'uuid' });
export const Slug = Type.String({ minLength: 2, maxLength: SLUG_MAX_LENGTH, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Lower-case letters, digits and hyphens; used in admin URLs.' });
export const OrganisationName = Type.String({ minLength: 2, maxLength: 120, pattern: NO_NUL_PATTERN });
export const OrganisationKind = Type.Union([Type.Literal('municipality'), Type.Literal('partner')]);
export const EmailDomains = Type.Array(Type.String({ maxLength: 253 }), {
  maxItems: 50,
  description: 'E-mail domains of this organisation, e.g. voorbeeldstad.nl. Normalised to lower case; a domain belongs to one organisation only.',
});

/** Theme token overrides; an empty string removes an override. Values are checked strictly (colours #rgb/#rrggbb). */
export const ThemeTokens = Type.Object(
  Object.fromEntries(THEME_TOKENS.map((token) => [token.name, Type.Optional(Type.String({ maxLength: THEME_VALUE_MAX_LENGTH }))])),
  { additionalProperties: false, description: 'CSS custom properties this organisation overrides; the whole set is replaced.' },
);

export const CreateOrganisationInput = Type.Object(
  {
    name: OrganisationName,
    slug: Type.Optional(Slug),
    kind: OrganisationKind,
    emailDomains: Type.Optional(EmailDomains),
    allowSelfSignup: Type.Optional(Type.Boolean({ default: false })),
    theme: Type.Optional(ThemeTokens),
  },
  { additionalProperties: false },
);
export type CreateOrganisationInput = Static<typeof CreateOrganisationInput>;

export const UpdateOrganisationInput = Type.Partial(CreateOrganisationInput, { additionalProperties: false });
export type UpdateOrganisationInput = Static<typeof UpdateOrganisationInput>;

/** Optional in the schema because Fastify does not fill in defaults; `pageRequest` does. */
export const ListQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })),
};

export const OrganisationListQuery = Type.Object({
  ...ListQuery,
  q: Type.Optional(Type.String({ maxLength: 100, pattern: NO_NUL_PATTERN, description: 'Part of the name or slug.' })),
});
export type OrganisationListQuery = Static<typeof OrganisationListQuery>;

export const OrganisationParams = Type.Object({ id: Uuid });

export const OrganisationResponse = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  kind: OrganisationKind,
  emailDomains: Type.Array(Type.String()),
  allowSelfSignup: Type.Boolean(),
  theme: Type.Record(Type.String(), Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

export const pageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), page: Type.Integer(), pageSize: Type.Integer(), hasNext: Type.Boolean() });

export const OrganisationListResponse = pageOf(OrganisationResponse);
