import { AppError, type FieldError } from '../platform/errors.ts';

/** Error factories of the organisations feature; codes are message keys in organisations.i18n.ts. */

/** Also what someone gets who may not see the organisation: it is not there for them. */
export const createOrganisationNotFoundError = () => new AppError('organisations.not_found', 404);
export const createOrganisationForbiddenError = () => new AppError('organisations.forbidden', 403);
export const createOrganisationInvalidError = (fields: FieldError[]) => new AppError('common.validation', 422, { fields });
export const createSlugTakenError = () => new AppError('organisations.slug_taken', 409, { fields: [{ field: 'slug', code: 'organisations.slug_taken' }] });
export const createDomainTakenError = (domain: string, organisationName: string) =>
  new AppError('organisations.domain_taken', 409, { fields: [{ field: 'emailDomains', code: 'organisations.domain_taken', params: { domain, organisation: organisationName } }] });

export const createMemberNotFoundError = () => new AppError('organisations.members.not_found', 404);
/** An organisation without an active administrator can no longer manage itself. */
export const createLastAdminError = (field: 'role' | 'status') =>
  new AppError('organisations.members.last_admin', 409, { fields: [{ field, code: 'organisations.members.last_admin' }] });
export const createCannotDeactivateSelfError = () =>
  new AppError('organisations.members.cannot_deactivate_self', 409, { fields: [{ field: 'status', code: 'organisations.members.cannot_deactivate_self' }] });
export const createEmailTakenError = () => new AppError('organisations.members.email_taken', 409, { fields: [{ field: 'email', code: 'organisations.members.email_taken' }] });
