import { findOrganisationById } from '../../organisations/organisations.usecases.ts';
import { insertAuditEntry } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import type { OrgRole, UserRow } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { createValidationError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { passwordChangedEmail } from '../accounts.emails.tsx';
import { createAccountNotFoundError, createCurrentPasswordWrongError } from '../accounts.errors.ts';
import { normaliseTags } from '../accounts.models.ts';
import * as repo from '../accounts.repository.ts';
import type { ChangePasswordInput, UpdateProfileInput } from '../accounts.schemas.ts';
import { assertNewPassword, sendNoticeMail, linkTo } from '../accounts.usecases.ts';

export interface ProfileView {
  id: string;
  email: string;
  name: string;
  jobTitle: string;
  bio: string;
  expertise: string[];
  locale: Locale;
  role: OrgRole;
  isPlatformAdmin: boolean;
  organisation: { id: string; name: string };
}

export async function getProfile(deps: Pick<Deps, 'db'>, actor: Actor): Promise<ProfileView> {
  const user = await repo.findUserById(deps.db, actor.userId);
  if (!user) throw createAccountNotFoundError();
  const organisation = await findOrganisationById(deps, user.organisation_id);
  return toProfileView(user, organisation ?? { id: user.organisation_id, name: '' });
}

/** Changes only the fields given (the API patches; the form sends all). */
export async function updateProfile(deps: Pick<Deps, 'db'>, actor: Actor, input: UpdateProfileInput): Promise<ProfileView> {
  const name = input.name?.replace(/\s+/g, ' ').trim();
  // The API does not trim like the form does, so a name of only spaces is caught here.
  if (name === '') throw createValidationError([{ field: 'name', code: 'validation.required' }]);
  await repo.updateUser(deps.db, actor.userId, {
    ...(name !== undefined && { name }),
    ...(input.jobTitle !== undefined && { job_title: input.jobTitle.trim() }),
    ...(input.bio !== undefined && { bio: input.bio.trim() }),
    ...(input.expertise !== undefined && { expertise: normaliseTags(input.expertise) }),
    ...(input.locale !== undefined && { locale: input.locale }),
  });
  return getProfile(deps, actor);
}

/**
 * Changes the password after checking the current one (limited per user, so a stolen session cannot
 * guess it), ends every other session of the user and tells them by mail.
 */
export async function changePassword(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'rateLimiter' | 'mailer' | 'logger' | 'i18n'>, actor: Actor, input: ChangePasswordInput): Promise<void> {
  await deps.rateLimiter.hit(`password:user:${actor.userId}`, deps.config.loginRateLimit, deps.config.rateLimitWindowSeconds);
  const user = await repo.findUserById(deps.db, actor.userId);
  if (!user) throw createAccountNotFoundError();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw createCurrentPasswordWrongError();
  assertNewPassword(input, user.email);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, user.id, { password_hash: passwordHash });
    await repo.deleteSessionsOfUser(tx, user.id, actor.sessionId);
    await insertAuditEntry(tx, { organisationId: user.organisation_id, actorId: user.id, action: 'account.password_changed', subjectId: user.id, now });
  });
  await deps.rateLimiter.reset(`password:user:${actor.userId}`);
  const mail = passwordChangedEmail({ t: deps.i18n.translator(user.locale), locale: user.locale, name: user.name, changedAt: now, resetLink: linkTo(deps, '/wachtwoord-vergeten') });
  await sendNoticeMail(deps, user.email, mail);
}

const toProfileView = (user: UserRow, organisation: { id: string; name: string }): ProfileView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  jobTitle: user.job_title,
  bio: user.bio,
  expertise: user.expertise,
  locale: user.locale,
  role: user.role,
  isPlatformAdmin: user.is_platform_admin,
  organisation,
});
