import { AppError } from '../platform/errors.ts';

export const createInvalidCredentialsError = () => new AppError('accounts.invalid_credentials', 401, { fields: [{ field: 'email', code: 'accounts.invalid_credentials' }] });
export const createAccountNotFoundError = () => new AppError('accounts.not_found', 404);
export const createEmailTakenError = () => new AppError('accounts.email_taken', 409, { fields: [{ field: 'email', code: 'accounts.email_taken' }] });
/** Expired, used or revoked links (invitation, e-mail verification, password reset): 410 Gone. */
export const createLinkInvalidError = () => new AppError('accounts.link_invalid', 410);
export const createNotOrganisationAdminError = () => new AppError('accounts.not_organisation_admin', 403);
export const createOrganisationNotFoundError = () => new AppError('accounts.organisation_not_found', 404);
export const createInvitationNotFoundError = () => new AppError('accounts.invitation_not_found', 404);
export const createSessionNotFoundError = () => new AppError('accounts.session_not_found', 404);
export const createAccessTokenNotFoundError = () => new AppError('accounts.access_token_not_found', 404);
export const createSignUpNotAllowedError = () => new AppError('accounts.sign_up_not_allowed', 422, { fields: [{ field: 'email', code: 'accounts.sign_up_not_allowed' }] });
export const createCurrentPasswordWrongError = () =>
  new AppError('accounts.current_password_wrong', 422, { fields: [{ field: 'currentPassword', code: 'accounts.current_password_wrong' }] });
export const createVerificationPasswordWrongError = () => new AppError('accounts.verification_password_wrong', 422, { fields: [{ field: 'password', code: 'accounts.verification_password_wrong' }] });
export const createSessionRequiredError = () => new AppError('accounts.session_required', 403);
/** The mail server refused a mail with a link; the form is shown again so the person can retry. */
export const createMailNotSentError = (cause: unknown) => new AppError('accounts.mail_not_sent', 503, { fields: [{ field: 'email', code: 'accounts.mail_not_sent' }], cause });
