import { AppError } from '../platform/errors.ts';

/** A question (answer, comment) the actor may not read is "not found", never "forbidden". */
export const createQuestionNotFoundError = () => new AppError('questions.not_found', 404);
export const createAnswerNotFoundError = () => new AppError('questions.answer_not_found', 404);
export const createCommentNotFoundError = () => new AppError('questions.comment_not_found', 404);
/** Readable, but taking part is for active members of the community. */
export const createNotMemberError = () => new AppError('questions.members_only', 403);
export const createForbiddenError = () => new AppError('questions.forbidden', 403);
export const createPseudonymNotAllowedError = () =>
  new AppError('questions.pseudonym_not_allowed', 422, { fields: [{ field: 'isPseudonymous', code: 'questions.pseudonym_not_allowed' }] });
export const createDuplicateTargetError = () =>
  new AppError('questions.duplicate_target_invalid', 422, { fields: [{ field: 'duplicateOf', code: 'questions.duplicate_target_invalid' }] });
export const createInviteesInvalidError = () =>
  new AppError('questions.invitees_invalid', 422, { fields: [{ field: 'userIds', code: 'questions.invitees_invalid' }] });
/** Not a learning question of the community's current framework. */
export const createLearningQuestionUnknownError = () =>
  new AppError('questions.learning_question_unknown', 422, { fields: [{ field: 'learningQuestionId', code: 'questions.learning_question_unknown' }] });
export const createQuestionClosedError = () => new AppError('questions.closed_error', 409);
