import { AppError } from '../../platform/errors.ts';

export const createResponseNotFoundError = () => new AppError('framework_responses.not_found', 404);
/** Responding is for active members of the community; managing responses for the framework's writers. */
export const createResponseForbiddenError = () => new AppError('framework_responses.forbidden', 403);
export const createNotAProposalError = () => new AppError('framework_responses.not_a_proposal', 409);
export const createTextRequiredError = () => new AppError('framework_responses.text_required', 422, { fields: [{ field: 'text', code: 'framework_responses.text_required' }] });
export const createUnknownLearningQuestionError = () =>
  new AppError('framework_responses.unknown_learning_question', 422, { fields: [{ field: 'learningQuestionId', code: 'framework_responses.unknown_learning_question' }] });
export const createReplyRequiredError = () => new AppError('framework_responses.reply_required', 422, { fields: [{ field: 'reply', code: 'framework_responses.reply_required' }] });
