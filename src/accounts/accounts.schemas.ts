import { Type, type Static, type TSchema } from 'typebox';
import { NO_NUL_PATTERN } from '../platform/validation/validate.ts';

/** One schema per input, shared by the HTML form post (parseInput) and the JSON API (route schema). */

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
/** Length and commonness of a new password are checked by the password policy, with clearer messages. */
export const NewPassword = Type.String({ minLength: 1, maxLength: 1024 });
export const PersonName = Type.String({ minLength: 1, maxLength: 120, pattern: NO_NUL_PATTERN });
// Enums rather than unions of literals: one clear error per field, and a plain `enum` in OpenAPI.
export const OrgRole = Type.Enum(['member', 'manager', 'admin']);
export const Locale = Type.Enum(['nl', 'en']);
export const AccessTokenScope = Type.Enum(['read', 'read_write']);
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });

export const IdParams = Type.Object({ id: Uuid });
export const OrganisationParams = Type.Object({ organisationId: Uuid });
export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type PageQuery = Static<typeof PageQuery>;

export const LogInInput = Type.Object({ email: Email, password: Password });
export type LogInInput = Static<typeof LogInInput>;

export const LocaleInput = Type.Object({ locale: Locale, next: Type.Optional(Type.String({ maxLength: 2000 })) });

export const InviteInput = Type.Object({ email: Email, role: OrgRole, locale: Type.Optional(Locale) });
export type InviteInput = Static<typeof InviteInput>;

export const AcceptInvitationInput = Type.Object({ name: PersonName, password: NewPassword, passwordConfirmation: Password });
export type AcceptInvitationInput = Static<typeof AcceptInvitationInput>;

export const SignUpInput = Type.Object({ email: Email, name: PersonName, password: NewPassword });
export type SignUpInput = Static<typeof SignUpInput>;

export const VerifyEmailInput = Type.Object({ password: Password });
export type VerifyEmailInput = Static<typeof VerifyEmailInput>;

export const ForgotPasswordInput = Type.Object({ email: Email });
export type ForgotPasswordInput = Static<typeof ForgotPasswordInput>;

export const ResetPasswordInput = Type.Object({ password: NewPassword, passwordConfirmation: Password });
export type ResetPasswordInput = Static<typeof ResetPasswordInput>;

export const ChangePasswordInput = Type.Object({ currentPassword: Password, password: NewPassword, passwordConfirmation: Password });
export type ChangePasswordInput = Static<typeof ChangePasswordInput>;

/** The profile form sends every field; the API (PATCH) only those that change. */
export const UpdateProfileInput = Type.Partial(
  Type.Object({
    name: PersonName,
    jobTitle: Type.String({ maxLength: 120, pattern: NO_NUL_PATTERN }),
    bio: Type.String({ maxLength: 1000, pattern: NO_NUL_PATTERN }),
    expertise: Type.Array(Type.String({ minLength: 1, maxLength: 40, pattern: NO_NUL_PATTERN }), { maxItems: 20 }),
    locale: Locale,
  }),
);
export type UpdateProfileInput = Static<typeof UpdateProfileInput>;

export const CreateAccessTokenInput = Type.Object({ name: Type.String({ minLength: 1, maxLength: 80, pattern: NO_NUL_PATTERN }), scope: AccessTokenScope });
export type CreateAccessTokenInput = Static<typeof CreateAccessTokenInput>;

// Responses of the JSON API (camelCase, as the NL API Design Rules ask).

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), page: Type.Integer(), pageSize: Type.Integer(), hasNext: Type.Boolean() });

export const MeResponse = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  jobTitle: Type.String(),
  bio: Type.String(),
  expertise: Type.Array(Type.String()),
  locale: Locale,
  role: OrgRole,
  isPlatformAdmin: Type.Boolean(),
  organisation: Type.Object({ id: Uuid, name: Type.String() }),
});

export const SessionResponse = Type.Object({
  id: Uuid,
  userAgent: Type.String(),
  ip: Type.String(),
  createdAt: DateTime,
  lastSeenAt: DateTime,
  expiresAt: DateTime,
  isCurrent: Type.Boolean(),
});

export const AccessTokenResponse = Type.Object({
  id: Uuid,
  name: Type.String(),
  scope: AccessTokenScope,
  createdAt: DateTime,
  lastUsedAt: Type.Union([DateTime, Type.Null()]),
});

export const CreatedAccessTokenResponse = Type.Object({
  ...AccessTokenResponse.properties,
  token: Type.String({ description: 'The secret (lkp_…). Shown only in this response; store it safely.' }),
});

export const InvitationResponse = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: OrgRole,
  locale: Locale,
  createdAt: DateTime,
  expiresAt: DateTime,
});

export const NoContent = Type.Null({ description: 'No content' });
