import { AppError } from '../platform/errors.ts';

/** A community the actor may not see is "not found", never "forbidden": its existence is private too. */
export const createCommunityNotFoundError = () => new AppError('communities.not_found', 404);
export const createCommunityForbiddenError = () => new AppError('communities.forbidden', 403);
export const createCreateForbiddenError = () => new AppError('communities.create_forbidden', 403);
export const createMemberNotFoundError = () => new AppError('communities.member_not_found', 404);
/** No open invitation for the actor: never answered by joining or asking instead. */
export const createInvitationNotFoundError = () => new AppError('communities.invitation_not_found', 404);
export const createCannotJoinError = () => new AppError('communities.cannot_join', 409);
export const createLastFacilitatorError = () => new AppError('communities.last_facilitator', 409);
export const createInvalidPartnersError = () =>
  new AppError('communities.partners_invalid', 422, { fields: [{ field: 'partnerOrganisationIds', code: 'communities.partners_invalid' }] });
/** One message for "no such user" and "not in these organisations", so invites cannot probe who exists. */
export const createInviteeNotFoundError = () =>
  new AppError('communities.invitee_not_found', 422, { fields: [{ field: 'email', code: 'communities.invitee_not_found' }] });
export const createAlreadyMemberError = () =>
  new AppError('communities.already_member', 409, { fields: [{ field: 'email', code: 'communities.already_member' }] });
export const createAlreadyInvitedError = () =>
  new AppError('communities.already_invited', 409, { fields: [{ field: 'email', code: 'communities.already_invited' }] });
export const createAlreadyRequestedError = () =>
  new AppError('communities.already_requested', 409, { fields: [{ field: 'email', code: 'communities.already_requested' }] });
/** Making a community secret hides it from the organisation, its admins included: a facilitator's call. */
export const createSecretNeedsFacilitatorError = () =>
  new AppError('communities.secret_needs_facilitator', 422, { fields: [{ field: 'visibility', code: 'communities.secret_needs_facilitator' }] });
