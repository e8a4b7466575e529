import { Type, type Static } from 'typebox';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/events/events.ts';
import { isUuid } from '../../platform/text.ts';
import { createOrganisationForbiddenError, createOrganisationNotFoundError } from '../organisations.errors.ts';
import { canManageMembers, canViewOrganisation } from '../organisations.policies.ts';

/**
 * The organisation's noise budget for prompts: at most this many per member per week, over all
 * communities (0–14, default 2). Its administrators (and platform administrators) read and set
 * it; its other members are refused (403), and for everyone else the organisation does not exist.
 */

function authorise(actor: Actor, organisationId: string): void {
  if (canManageMembers(actor, organisationId)) return;
  throw canViewOrganisation(actor, organisationId) ? createOrganisationForbiddenError() : createOrganisationNotFoundError();
}

export const PromptBudgetInput = Type.Object({ promptBudgetPerWeek: Type.Integer({ minimum: 0, maximum: 14, description: 'Prompts per member per week, over all communities' }) });
export type PromptBudgetInput = Static<typeof PromptBudgetInput>;

async function findBudget(db: DbOrTx, organisationId: string): Promise<{ name: string; promptBudgetPerWeek: number } | undefined> {
  if (!isUuid(organisationId)) return undefined;
  const row = await db.selectFrom('organisations').select(['name', 'prompt_budget_per_week']).where('id', '=', organisationId).executeTakeFirst();
  return row && { name: row.name, promptBudgetPerWeek: row.prompt_budget_per_week };
}

export async function getPromptBudget(deps: Pick<Deps, 'db'>, actor: Actor, organisationId: string): Promise<{ name: string; promptBudgetPerWeek: number }> {
  authorise(actor, organisationId);
  const found = await findBudget(deps.db, organisationId);
  if (!found) throw createOrganisationNotFoundError();
  return found;
}

export async function setPromptBudget(deps: Pick<Deps, 'db' | 'events'>, actor: Actor, organisationId: string, input: PromptBudgetInput): Promise<void> {
  authorise(actor, organisationId);
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const result = await tx.updateTable('organisations').set({ prompt_budget_per_week: input.promptBudgetPerWeek }).where('id', '=', organisationId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw createOrganisationNotFoundError();
    emit('organisation.prompt_budget_changed', { organisationId, actorId: actor.userId, promptBudgetPerWeek: input.promptBudgetPerWeek });
  });
}
