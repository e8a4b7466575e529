import type { Locale, OrgRole } from '../db/schema.ts';

/** Who is acting: resolved from a session cookie or a personal access token. */
export interface Actor {
  userId: string;
  organisationId: string;
  name: string;
  email: string;
  locale: Locale;
  role: OrgRole;
  isPlatformAdmin: boolean;
  /** Set when authenticated by session cookie. */
  sessionId?: string;
  /** Set when authenticated by personal access token: read tokens may not change anything. */
  tokenScope?: 'read' | 'read_write';
}

export const isOrgAdmin = (actor: Actor, organisationId: string) => actor.organisationId === organisationId && actor.role === 'admin';
export const isOrgManagerOrAdmin = (actor: Actor) => actor.role === 'manager' || actor.role === 'admin';
