import { insertAuditEntry } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/events/events.ts';
import { passwordChangedEmail, passwordResetEmail } from '../accounts.emails.tsx';
import { createLinkInvalidError } from '../accounts.errors.ts';
import { RESET_PASSWORD_TTL_MS } from '../accounts.models.ts';
import * as repo from '../accounts.repository.ts';
import type { ForgotPasswordInput, ResetPasswordInput } from '../accounts.schemas.ts';
import { assertNewPassword, sendNoticeMail, issueOneTimeToken, linkTo, startSession, type Client, type NewSession } from '../accounts.usecases.ts';

type ResetDeps = Pick<Deps, 'db' | 'events' | 'clock' | 'ids' | 'config' | 'mailer' | 'logger' | 'i18n' | 'rateLimiter'>;

/**
 * Mails a single-use link (1 hour) when an active account has this address. Limited per IP address
 * and per address; the caller shows the same confirmation whatever happened here.
 */
export async function requestPasswordReset(deps: ResetDeps, input: ForgotPasswordInput, client: Client): Promise<void> {
  const { loginRateLimit: limit, rateLimitWindowSeconds: window } = deps.config;
  await deps.rateLimiter.hit(`reset:ip:${client.ip}`, limit * 5, window);
  await deps.rateLimiter.hit(`reset:email:${input.email.toLowerCase()}`, limit, window);
  const user = await repo.findUserByEmail(deps.db, input.email);
  if (!user || user.status !== 'active') return;
  const token = await deps.db.transaction().execute((tx) => issueOneTimeToken(tx, deps, user.id, 'reset_password', RESET_PASSWORD_TTL_MS));
  const mail = passwordResetEmail({ t: deps.i18n.translator(user.locale), locale: user.locale, name: user.name, link: linkTo(deps, `/wachtwoord-herstellen/${token}`) });
  // Neither awaited nor reported: a slower answer or an error only for known addresses would reveal
  // which addresses have an account. A failure is logged; the person can ask again.
  void sendNoticeMail(deps, user.email, mail);
}

async function findLiveReset(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  const row = await repo.findLiveOneTimeToken(deps.db, hashToken(token), 'reset_password', deps.clock.now());
  if (!row || row.status !== 'active') throw createLinkInvalidError();
  return row;
}

export async function viewPasswordReset(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<{ email: string }> {
  const row = await findLiveReset(deps, token);
  return { email: row.email };
}

/**
 * Sets the new password, uses up the link, ends every session and revokes every access token
 * of the user (a reset is how someone takes an account back), and starts a new session.
 */
export async function resetPassword(deps: Omit<ResetDeps, 'rateLimiter'>, token: string, input: ResetPasswordInput, client: Client): Promise<NewSession> {
  const row = await findLiveReset(deps, token);
  assertNewPassword(input, row.email);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    if (!(await repo.consumeOneTimeToken(tx, row.token_id, now))) throw createLinkInvalidError();
    await repo.updateUser(tx, row.user_id, { password_hash: passwordHash });
    await repo.deleteSessionsOfUser(tx, row.user_id);
    await repo.revokeAccessTokensOfUser(tx, row.user_id, now);
    await insertAuditEntry(tx, { organisationId: row.organisation_id, actorId: row.user_id, action: 'account.password_reset', subjectId: row.user_id, now });
    emit('account.password_reset', { userId: row.user_id, organisationId: row.organisation_id });
  });
  const mail = passwordChangedEmail({ t: deps.i18n.translator(row.locale), locale: row.locale, name: row.name, changedAt: now, resetLink: linkTo(deps, '/wachtwoord-vergeten') });
  await sendNoticeMail(deps, row.email, mail);
  return { token: await startSession(deps, row.user_id, client), userId: row.user_id, locale: row.locale };
}
