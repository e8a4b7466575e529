import { AppError, type FieldError } from '../platform/errors.ts';

/** Sees the community, but its signals are for facilitators and managers. (Not seeing it: communities.not_found.) */
export const createSignalsForbiddenError = () => new AppError('signals.forbidden', 403);
/** A period that is not whole, completed weeks. */
export const createPeriodInvalidError = (field: FieldError) => new AppError('common.validation', 422, { fields: [field] });
/** A member of the organisation who is neither manager nor administrator asks for its organisation or chain signals. */
export const createScopeForbiddenError = () => new AppError('signals.scope_forbidden', 403);
