/** Every URL of the signals pages, built in one place. */

export const communitySignalsPath = (slug: string, rest = '') => `/gemeenschappen/${encodeURIComponent(slug)}/signalen${rest}`;
/** For every member: what managers and facilitators can see. */
export const signalsExplainedPath = '/over/signalen';
/** Managers: all communities of their organisation, or the communities it shares with other organisations. */
export const scopeSignalsPath = (scope: 'organisation' | 'chain', rest = '') => `${scope === 'organisation' ? '/signalen' : '/signalen/keten'}${rest}`;
