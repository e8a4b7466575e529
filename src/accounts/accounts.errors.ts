import { AppError } from '../platform/errors.ts';

export const createInvalidCredentialsError = () => new AppError('accounts.invalid_credentials', 401, { fields: [{ field: 'email', code: 'accounts.invalid_credentials' }] });
export const createAccountNotFoundError = () => new AppError('accounts.not_found', 404);
export const createEmailTakenError = () => new AppError('accounts.email_taken', 409, { fields: [{ field: 'email', code: 'accounts.email_taken' }] });
export const createLinkInvalidError = () => new AppError('accounts.link_invalid', 410);
