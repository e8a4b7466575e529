import { AppError } from '../platform/errors.ts';

/** A story (remark, report) the actor may not read is "not found", never "forbidden". */
export const createPracticeNotFoundError = () => new AppError('practices.not_found', 404);
export const createCommentNotFoundError = () => new AppError('practices.comment_not_found', 404);
export const createTryNotFoundError = () => new AppError('practices.try_not_found', 404);
/** Readable, but taking part is for active members of a community the story is shown in. */
export const createNotMemberError = () => new AppError('practices.members_only', 403);
export const createForbiddenError = () => new AppError('practices.forbidden', 403);
/** Not a learning question of the community's current framework. */
export const createLearningQuestionUnknownError = () =>
  new AppError('practices.learning_question_unknown', 422, { fields: [{ field: 'learningQuestionId', code: 'practices.learning_question_unknown' }] });
export const createShareTargetInvalidError = () =>
  new AppError('practices.share_target_invalid', 422, { fields: [{ field: 'communityId', code: 'practices.share_target_invalid' }] });
export const createSharingNotAllowedError = () =>
  new AppError('practices.sharing_not_allowed', 422, { fields: [{ field: 'communityId', code: 'practices.sharing_not_allowed' }] });
export const createTrailTooDeepError = () => new AppError('practices.trail_too_deep', 422, { fields: [{ field: 'parentId', code: 'practices.trail_too_deep' }] });
export const createOwnTryError = () => new AppError('practices.own_try', 403);
export const createOwnPracticeReactionError = () => new AppError('practices.own_reaction', 422, { fields: [{ field: 'kind', code: 'practices.own_reaction' }] });
