/** Afmelden: the one-click unsubscribe link in every notification mail and digest. */
export const unsubscribePath = (token: string) => `/afmelden/${token}`;
