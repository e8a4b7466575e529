import { findOrganisationForEmail } from '../../organisations/organisations.usecases.ts';
import { insertAuditEntry } from '../../platform/audit.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import type { UserRow } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/events/events.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { existingAccountEmail, verifyEmailEmail } from '../accounts.emails.tsx';
import { createLinkInvalidError, createSignUpNotAllowedError, createVerificationPasswordWrongError } from '../accounts.errors.ts';
import { VERIFY_EMAIL_TTL_MS } from '../accounts.models.ts';
import * as repo from '../accounts.repository.ts';
import type { SignUpInput, VerifyEmailInput } from '../accounts.schemas.ts';
import { assertNewPassword, sendLinkMail, issueOneTimeToken, linkTo, startSession, type Client, type NewSession } from '../accounts.usecases.ts';

type SignUpDeps = Pick<Deps, 'db' | 'events' | 'clock' | 'ids' | 'config' | 'mailer' | 'logger' | 'i18n' | 'rateLimiter'>;

/**
 * Self sign-up for an organisation that allows it for the address's domain. The answer is the same
 * whether or not the address already has an account (no account enumeration): a new or pending
 * address gets a verification link, an existing account a note that it already exists.
 */
export async function signUp(deps: SignUpDeps, input: SignUpInput, context: Client & { locale: Locale }): Promise<void> {
  const { loginRateLimit: limit, rateLimitWindowSeconds: window } = deps.config;
  await deps.rateLimiter.hit(`signup:ip:${context.ip}`, limit * 5, window);
  await deps.rateLimiter.hit(`signup:email:${input.email.toLowerCase()}`, limit, window);
  const organisation = await findOrganisationForEmail(deps, input.email);
  if (!organisation?.allowSelfSignup) throw createSignUpNotAllowedError();
  assertNewPassword(input, input.email);
  // Hashed before the look-up, so a known address takes as long to answer as a new one.
  const passwordHash = await hashPassword(input.password);
  const existing = await repo.findUserByEmail(deps.db, input.email);
  if (existing && existing.status !== 'pending') {
    if (existing.status === 'active') await mailExistingAccount(deps, existing);
    return;
  }
  const pending = await savePendingAccount(deps, { input, passwordHash, organisationId: organisation.id, locale: context.locale, existing });
  if (!pending) return;
  const { user, token } = pending;
  await sendLinkMail(deps, user.email, verifyEmailEmail({ t: deps.i18n.translator(user.locale), locale: user.locale, name: user.name, link: linkTo(deps, `/aanmelden/bevestigen/${token}`) }));
}

interface PendingAccount {
  input: SignUpInput;
  passwordHash: string;
  organisationId: string;
  locale: Locale;
  existing: UserRow | undefined;
}

/** Creates the pending account (or refreshes an existing pending one) with a new verification token. */
function savePendingAccount(deps: SignUpDeps, { input, passwordHash, organisationId, locale, existing }: PendingAccount) {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    // A pending account takes the newest sign-up's name and password: whoever owns the mailbox
    // and knows that password can activate it, so nobody can prepare an account for someone else.
    if (existing) {
      if (!(await repo.refreshPendingUser(tx, existing.id, { name: input.name, password_hash: passwordHash, locale }))) return undefined;
      return { user: { ...existing, name: input.name, locale }, token: await issueOneTimeToken(tx, deps, existing.id, 'verify_email', VERIFY_EMAIL_TTL_MS) };
    }
    const now = deps.clock.now();
    const user = await repo.insertUserIfEmailFree(tx, {
      id: deps.ids.uuid(),
      organisation_id: organisationId,
      email: input.email,
      name: input.name,
      password_hash: passwordHash,
      locale,
      status: 'pending',
      created_at: now,
      updated_at: now,
    });
    if (!user) return undefined;
    emit('account.created', { userId: user.id, organisationId: user.organisation_id, role: user.role, status: 'pending', via: 'sign_up' });
    return { user, token: await issueOneTimeToken(tx, deps, user.id, 'verify_email', VERIFY_EMAIL_TTL_MS) };
  });
}

async function mailExistingAccount(deps: SignUpDeps, user: UserRow): Promise<void> {
  const mail = existingAccountEmail({ t: deps.i18n.translator(user.locale), locale: user.locale, name: user.name, logInLink: linkTo(deps, '/inloggen'), resetLink: linkTo(deps, '/wachtwoord-vergeten') });
  await sendLinkMail(deps, user.email, mail);
}

async function findPendingVerification(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  const row = await repo.findLiveOneTimeToken(deps.db, hashToken(token), 'verify_email', deps.clock.now());
  if (!row || row.status !== 'pending') throw createLinkInvalidError();
  return row;
}

export async function viewEmailVerification(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<{ email: string }> {
  const row = await findPendingVerification(deps, token);
  return { email: row.email };
}

/**
 * Confirms the address and activates the account. The link alone is not enough: the password chosen
 * at sign-up is asked too, and the confirmation is a POST, so mail scanners that open links do not
 * activate accounts.
 */
export async function verifyEmail(deps: SignUpDeps, token: string, input: VerifyEmailInput, client: Client): Promise<NewSession> {
  const row = await findPendingVerification(deps, token);
  // The link plus a password guess is a log-in attempt: the same limits apply.
  await deps.rateLimiter.hit(`login:ip:${client.ip}`, deps.config.loginRateLimit * 5, deps.config.rateLimitWindowSeconds);
  await deps.rateLimiter.hit(`login:email:${row.email.toLowerCase()}`, deps.config.loginRateLimit, deps.config.rateLimitWindowSeconds);
  if (!(await verifyPassword(row.password_hash, input.password))) throw createVerificationPasswordWrongError();
  const now = deps.clock.now();
  await inTransaction(deps.db, deps.events, async (tx, emit) => {
    if (!(await repo.consumeOneTimeToken(tx, row.token_id, now))) throw createLinkInvalidError();
    if (!(await repo.activatePendingUser(tx, row.user_id, now))) throw createLinkInvalidError();
    await insertAuditEntry(tx, { organisationId: row.organisation_id, actorId: row.user_id, action: 'account.email_verified', subjectId: row.user_id, now });
    emit('account.email_verified', { userId: row.user_id, organisationId: row.organisation_id });
  });
  return { token: await startSession(deps, row.user_id, client), userId: row.user_id, locale: row.locale };
}
