import { AppError } from '../platform/errors.ts';

/** A draft, or a version that does not exist, is "not found": drafts are private to the managers. */
export const createFrameworkNotFoundError = () => new AppError('frameworks.not_found', 404);
export const createFrameworkForbiddenError = () => new AppError('frameworks.forbidden', 403);
export const createNoDraftError = () => new AppError('frameworks.no_draft', 409);
export const createChangeNoteRequiredError = () =>
  new AppError('frameworks.change_note_required', 422, { fields: [{ field: 'changeNote', code: 'frameworks.change_note_required', params: { min: 10 } }] });
