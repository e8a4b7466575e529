/** Every URL of the prompts feature, built in one place. */

/** A delivered prompt for its recipient: the text and the answer form (the link in the mail). */
export const promptAnswerPath = (occurrenceId: string) => `/prikkels/${occurrenceId}`;
export const inboxPath = '/prikkels';
export const promptSettingsPath = '/prikkels/instellingen';
export const communityPromptsPath = (slug: string, rest = '') => `/gemeenschappen/${encodeURIComponent(slug)}/prikkels${rest}`;
/** For the sender: one prompt with its schedule, counts and results. */
export const promptResultsPath = (promptId: string, rest = '') => `/prikkels/verzonden/${promptId}${rest}`;
