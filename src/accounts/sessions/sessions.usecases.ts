import type { Actor } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { pageWindow, toPage, type Page } from '../../platform/paging.ts';
import { createSessionNotFoundError } from '../accounts.errors.ts';
import { DEFAULT_PAGE_SIZE } from '../accounts.models.ts';
import * as repo from '../accounts.repository.ts';

export interface SessionView {
  id: string;
  userAgent: string;
  ip: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** The session this request came with ("this device"). */
  isCurrent: boolean;
}

export async function listSessions(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, page: number, pageSize = DEFAULT_PAGE_SIZE): Promise<Page<SessionView>> {
  const rows = await repo.listSessionsOfUser(deps.db, actor.userId, deps.clock.now(), pageWindow({ page, pageSize }));
  const sessions = rows.map((row) => ({
    id: row.id,
    userAgent: row.user_agent,
    ip: row.ip,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    isCurrent: row.id === actor.sessionId,
  }));
  return toPage(sessions, { page, pageSize });
}

/** Ends one of the actor's own sessions (another user's session id is simply not found). */
export async function endSession(deps: Pick<Deps, 'db'>, actor: Actor, sessionId: string): Promise<void> {
  if ((await repo.deleteSession(deps.db, sessionId, actor.userId)) === 0) throw createSessionNotFoundError();
}

export async function endOtherSessions(deps: Pick<Deps, 'db'>, actor: Actor): Promise<void> {
  await repo.deleteSessionsOfUser(deps.db, actor.userId, actor.sessionId);
}
