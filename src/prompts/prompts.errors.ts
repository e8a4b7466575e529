import { AppError, type FieldError } from '../platform/errors.ts';

/** A prompt or delivery the actor may not see is "not found", never "forbidden". */
export const createPromptNotFoundError = () => new AppError('prompts.not_found', 404);
export const createDeliveryNotFoundError = () => new AppError('prompts.delivery_not_found', 404);
/** Sees the community, but composing and reading results is for its facilitators and managers. */
export const createPromptForbiddenError = () => new AppError('prompts.forbidden', 403);
/** The response window has closed: answers can no longer be given or changed. */
export const createPromptClosedError = () => new AppError('prompts.closed', 409);
export const createComposeInvalidError = (fields: FieldError[]) => new AppError('common.validation', 422, { fields });
/** One field's problem found by a rule rather than the schema (a choice that is not an option, a pause in the past). */
export const createInvalidFieldError = (field: string, code: string) => new AppError('common.validation', 422, { fields: [{ field, code }] });
/** Opting out of a community's prompts is for its active members. */
export const createNotMemberError = () => new AppError('prompts.members_only', 403);
