import type { Actor } from '../platform/auth/actor.ts';
import type { Locale, Translate } from '../platform/i18n/i18n.ts';

/** What every page needs from the request, passed as plain props (pages do no I/O). */
export interface PageContext {
  t: Translate;
  locale: Locale;
  actor: Actor | null;
  csrfToken: string;
  /** Path and query of this page, for the language switch and "log in to continue". */
  currentUrl: string;
  requestId: string;
  /** A one-time notice after a redirect, already translated. */
  notice?: string;
  /** Unread notification groups for the header badge; null when not read for this page. */
  unreadNotifications?: number | null;
  /** URL of the actor's organisation theme stylesheet, when it overrides tokens. */
  themeHref?: string;
  assets: { css: string; js: string };
  isDevelopment: boolean;
}
