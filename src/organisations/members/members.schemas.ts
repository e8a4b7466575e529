import { Type, type Static } from 'typebox';
import { NO_NUL_PATTERN } from '../../platform/validation/validate.ts';
import { ListQuery, pageOf, Uuid } from '../organisations.schemas.ts';

/** One schema per input of member administration, for the form posts and the JSON API alike. */

export const MemberRole = Type.Union([Type.Literal('member'), Type.Literal('manager'), Type.Literal('admin')]);
export const MemberStatus = Type.Union([Type.Literal('active'), Type.Literal('pending'), Type.Literal('deactivated')]);

export const MemberListQuery = Type.Object({
  ...ListQuery,
  q: Type.Optional(Type.String({ maxLength: 100, pattern: NO_NUL_PATTERN, description: 'Part of the name or e-mail address.' })),
  role: Type.Optional(MemberRole),
  status: Type.Optional(MemberStatus),
});
export type MemberListQuery = Static<typeof MemberListQuery>;

export const ChangeMemberRoleInput = Type.Object({ role: MemberRole }, { additionalProperties: false });
export type ChangeMemberRoleInput = Static<typeof ChangeMemberRoleInput>;

export const UpdateMemberInput = Type.Object(
  {
    role: Type.Optional(MemberRole),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('deactivated')], { description: 'deactivated ends every session and revokes every token at once.' })),
  },
  { additionalProperties: false },
);
export type UpdateMemberInput = Static<typeof UpdateMemberInput>;

export const MemberParams = Type.Object({ id: Uuid, userId: Uuid });

export const MemberResponse = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  name: Type.String(),
  email: Type.String(),
  role: MemberRole,
  status: MemberStatus,
  jobTitle: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export const MemberListResponse = pageOf(MemberResponse);

export const CreatePlatformAdminInput = Type.Object({
  email: Type.String({ format: 'email', minLength: 3, maxLength: 254 }),
  name: Type.String({ minLength: 2, maxLength: 120, pattern: NO_NUL_PATTERN }),
  organisation: Type.String({ minLength: 2, maxLength: 60, description: 'Slug of the organisation the administrator belongs to.' }),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
});
export type CreatePlatformAdminInput = Static<typeof CreatePlatformAdminInput>;
