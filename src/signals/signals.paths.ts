/** Every URL of the signals pages, built in one place. */

export const communitySignalsPath = (slug: string, rest = '') => `/gemeenschappen/${encodeURIComponent(slug)}/signalen${rest}`;
/** For every member: what managers and facilitators can see. */
export const signalsExplainedPath = '/over/signalen';
