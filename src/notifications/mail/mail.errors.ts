import { AppError } from '../../platform/errors.ts';

/** A tampered, foreign or unknown unsubscribe link: "not found", and nothing changes. */
export const createUnsubscribeNotFoundError = () => new AppError('mail.unsubscribe.not_found', 404);
