import { AppError } from '../platform/errors.ts';

/** Someone else's notification, or one about something the reader may no longer see: not found either way. */
export const createNotificationNotFoundError = () => new AppError('notifications.not_found', 404);
export const createUnknownCommunityError = () =>
  new AppError('notifications.preferences.unknown_community', 422, { fields: [{ field: 'communities', code: 'notifications.preferences.unknown_community' }] });
/** The live count is an event stream for a signed-in browser; anything else asking for it gets this. */
export const createEventStreamOnlyError = () => new AppError('notifications.live.event_stream_only', 406);
