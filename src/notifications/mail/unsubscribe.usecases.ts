import type { Deps } from '../../platform/deps.ts';
import { createUnsubscribeNotFoundError } from './mail.errors.ts';
import { readUnsubscribeToken, type MailCategory } from './mail.models.ts';
import { unsubscribeKey } from './mail.repository.ts';
import * as repo from './unsubscribe.repository.ts';

/**
 * One-click unsubscribe without logging in: the signed link names the person and the category,
 * and is the whole authorisation. A link that does not verify is "not found" and changes nothing.
 */
export async function findUnsubscribe(deps: Pick<Deps, 'db'>, token: string): Promise<{ userId: string; category: MailCategory }> {
  const found = readUnsubscribeToken(await unsubscribeKey(deps.db), token);
  if (!found || !(await repo.userExists(deps.db, found.userId))) throw createUnsubscribeNotFoundError();
  return found;
}

export async function unsubscribe(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<{ category: MailCategory }> {
  const { userId, category } = await findUnsubscribe(deps, token);
  if (category === 'digest') await repo.stopDigest(deps.db, userId);
  else await repo.stopCategoryMail(deps.db, userId, category, deps.clock.now());
  return { category };
}
