import { insertAuditEntry } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { createSecretToken, hashToken } from '../../platform/auth/tokens.ts';
import type { Deps } from '../../platform/deps.ts';
import { pageWindow, toPage, type Page } from '../../platform/paging.ts';
import { createAccessTokenNotFoundError, createSessionRequiredError } from '../accounts.errors.ts';
import { DEFAULT_PAGE_SIZE } from '../accounts.models.ts';
import { accountPolicies } from '../accounts.policies.ts';
import * as repo from '../accounts.repository.ts';
import type { CreateAccessTokenInput } from '../accounts.schemas.ts';
import { ACCESS_TOKEN_PREFIX } from '../accounts.usecases.ts';

export interface AccessTokenView {
  id: string;
  name: string;
  scope: 'read' | 'read_write';
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A token just made: the only moment its secret exists outside the caller's hands. */
export interface CreatedAccessToken extends AccessTokenView {
  token: string;
}

export async function listAccessTokens(deps: Pick<Deps, 'db'>, actor: Actor, page: number, pageSize = DEFAULT_PAGE_SIZE): Promise<Page<AccessTokenView>> {
  const rows = await repo.listAccessTokensOfUser(deps.db, actor.userId, pageWindow({ page, pageSize }));
  return toPage(rows.map(toView), { page, pageSize });
}

/** Makes a personal access token (lkp_…); only its SHA-256 is stored, the secret is returned once. */
export async function createAccessToken(deps: Pick<Deps, 'db' | 'clock' | 'ids'>, actor: Actor, input: CreateAccessTokenInput): Promise<CreatedAccessToken> {
  if (!accountPolicies.canCreateAccessToken(actor)) throw createSessionRequiredError();
  const token = createSecretToken(ACCESS_TOKEN_PREFIX);
  const now = deps.clock.now();
  const row = await deps.db.transaction().execute(async (tx) => {
    const created = await repo.insertAccessToken(tx, { id: deps.ids.uuid(), userId: actor.userId, name: input.name, tokenHash: hashToken(token), scope: input.scope, now });
    await insertAuditEntry(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'account.access_token_created', subjectId: created.id, details: { scope: created.scope }, now });
    return created;
  });
  return { ...toView(row), token };
}

export async function revokeAccessToken(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, tokenId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.revokeAccessToken(tx, tokenId, actor.userId, now))) throw createAccessTokenNotFoundError();
    await insertAuditEntry(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'account.access_token_revoked', subjectId: tokenId, now });
  });
}

const toView = (row: { id: string; name: string; scope: 'read' | 'read_write'; created_at: Date; last_used_at: Date | null }): AccessTokenView => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});
