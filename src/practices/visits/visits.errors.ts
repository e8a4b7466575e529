import { AppError } from '../../platform/errors.ts';

/** A request the actor is not a party to is "not found", the same as one that never existed. */
export const createVisitNotFoundError = () => new AppError('visits.not_found', 404);
export const createOwnPracticeError = () => new AppError('visits.own_practice', 403);
/** Accepting, proposing or declining while it is the other party's turn. */
export const createNotYourTurnError = () => new AppError('visits.not_your_turn', 403);
export const createNotRequesterError = () => new AppError('visits.requester_only', 403);
/** Already accepted, declined or cancelled: nothing more to decide. */
export const createVisitClosedError = () => new AppError('visits.closed', 409);
export const createAlreadyOpenError = () => new AppError('visits.already_open', 409);
export const createHostUnavailableError = () => new AppError('visits.host_unavailable', 409);
export const createPracticeHiddenError = () => new AppError('visits.practice_hidden', 409);
export const createStartPassedError = () => new AppError('visits.start_passed', 409);
export const createTimeError = (field: string, code: string) => new AppError(code, 422, { fields: [{ field, code }] });
