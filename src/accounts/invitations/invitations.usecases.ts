import { findOrganisationById } from '../../organisations/organisations.usecases.ts';
import { insertAuditEntry } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { createSecretToken, hashToken } from '../../platform/auth/tokens.ts';
import type { Locale, OrgRole } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/events/events.ts';
import { pageWindow, toPage, type Page } from '../../platform/paging.ts';
import { invitationEmail } from '../accounts.emails.tsx';
import {
  createEmailTakenError,
  createInvitationNotFoundError,
  createLinkInvalidError,
  createNotOrganisationAdminError,
  createOrganisationNotFoundError,
} from '../accounts.errors.ts';
import { DEFAULT_PAGE_SIZE, INVITATION_TTL_MS } from '../accounts.models.ts';
import { accountPolicies } from '../accounts.policies.ts';
import * as accountsRepo from '../accounts.repository.ts';
import type { AcceptInvitationInput, InviteInput } from '../accounts.schemas.ts';
import { assertNewPassword, sendLinkMail, linkTo, startSession, type Client, type NewSession } from '../accounts.usecases.ts';
import * as repo from './invitations.repository.ts';

type InvitationDeps = Pick<Deps, 'db' | 'events' | 'clock' | 'ids' | 'config' | 'mailer' | 'logger' | 'i18n'>;

export interface InvitationView {
  id: string;
  email: string;
  role: OrgRole;
  locale: Locale;
  createdAt: Date;
  expiresAt: Date;
}

/** What the person following an invitation link sees before accepting. */
export interface OpenInvitation {
  email: string;
  role: OrgRole;
  organisationName: string;
}

function assertMayManageInvitations(actor: Actor, organisationId: string): void {
  if (!accountPolicies.canSeeOrganisation(actor, organisationId)) throw createOrganisationNotFoundError();
  if (!accountPolicies.canManageInvitations(actor, organisationId)) throw createNotOrganisationAdminError();
}

/**
 * Invitations to one address are sent one at a time (lockInvitationsTo); should another
 * invitation still commit first, the insert hits the one-open-invitation index. Trying again
 * replaces that one, as any re-invite does: both senders succeed and only the newest link works.
 */
async function retryOnOpenInvitationConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!repo.isOpenInvitationConflict(error) || attempt >= attempts) throw error;
    }
  }
}

/** Invites an e-mail address into the organisation with a role; mails a single-use link valid for 7 days. */
export async function inviteMember(deps: InvitationDeps, actor: Actor, organisationId: string, input: InviteInput): Promise<InvitationView> {
  assertMayManageInvitations(actor, organisationId);
  const organisation = await findOrganisationById(deps, organisationId);
  if (!organisation) throw createOrganisationNotFoundError();
  if (await accountsRepo.findUserByEmail(deps.db, input.email)) throw createEmailTakenError();
  const token = createSecretToken();
  const now = deps.clock.now();
  const locale = input.locale ?? actor.locale;
  const invitation = await retryOnOpenInvitationConflict(() => inTransaction(deps.db, deps.events, async (tx, emit) => {
    await repo.lockInvitationsTo(tx, organisationId, input.email);
    await repo.revokeOpenInvitationsTo(tx, organisationId, input.email, now);
    const row = await repo.insertInvitation(tx, {
      id: deps.ids.uuid(),
      organisationId,
      email: input.email,
      role: input.role,
      locale,
      invitedBy: actor.userId,
      tokenHash: hashToken(token),
      now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    });
    await insertAuditEntry(tx, { organisationId, actorId: actor.userId, action: 'account.invited', subjectId: row.id, details: { role: row.role }, now });
    emit('account.invited', { invitationId: row.id, organisationId, role: row.role, invitedBy: actor.userId });
    return row;
  }));
  const mail = invitationEmail({
    t: deps.i18n.translator(locale),
    locale,
    link: linkTo(deps, `/uitnodiging/${token}`),
    organisationName: organisation.name,
    inviterName: actor.name,
    role: invitation.role,
    expiresAt: invitation.expires_at,
  });
  await sendLinkMail(deps, invitation.email, mail);
  return toView(invitation);
}

export async function listOpenInvitations(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, page: number, pageSize = DEFAULT_PAGE_SIZE): Promise<Page<InvitationView>> {
  assertMayManageInvitations(actor, actor.organisationId);
  const rows = await repo.listOpenInvitations(deps.db, actor.organisationId, deps.clock.now(), pageWindow({ page, pageSize }));
  return toPage(rows.map(toView), { page, pageSize });
}

export async function revokeInvitation(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, invitationId: string): Promise<void> {
  assertMayManageInvitations(actor, actor.organisationId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.revokeInvitation(tx, invitationId, actor.organisationId, now))) throw createInvitationNotFoundError();
    await insertAuditEntry(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'account.invitation_revoked', subjectId: invitationId, now });
  });
}

export async function viewInvitation(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<OpenInvitation> {
  const invitation = await repo.findOpenInvitationByTokenHash(deps.db, hashToken(token), deps.clock.now());
  if (!invitation) throw createLinkInvalidError();
  return { email: invitation.email, role: invitation.role, organisationName: invitation.organisation_name };
}

/**
 * Creates the invited person's account (active, e-mail verified: the link proved the address) in the
 * invitation's organisation with its role, uses up the invitation, and starts a session.
 */
export async function acceptInvitation(deps: InvitationDeps, token: string, input: AcceptInvitationInput, client: Client): Promise<NewSession> {
  const invitation = await repo.findOpenInvitationByTokenHash(deps.db, hashToken(token), deps.clock.now());
  if (!invitation) throw createLinkInvalidError();
  assertNewPassword(input, invitation.email);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  const user = await inTransaction(deps.db, deps.events, async (tx, emit) => {
    if (!(await repo.markInvitationAccepted(tx, invitation.id, now))) throw createLinkInvalidError();
    const created = await accountsRepo.insertUserIfEmailFree(tx, {
      id: deps.ids.uuid(),
      organisation_id: invitation.organisation_id,
      email: invitation.email,
      name: input.name,
      password_hash: passwordHash,
      role: invitation.role,
      locale: invitation.locale,
      status: 'active',
      email_verified_at: now,
      created_at: now,
      updated_at: now,
    });
    // Someone made an account with this address after the invitation was sent.
    if (!created) throw createLinkInvalidError();
    await insertAuditEntry(tx, { organisationId: created.organisation_id, actorId: created.id, action: 'account.invitation_accepted', subjectId: invitation.id, now });
    emit('account.created', { userId: created.id, organisationId: created.organisation_id, role: created.role, status: 'active', via: 'invitation' });
    return created;
  });
  return { token: await startSession(deps, user.id, client), userId: user.id, locale: user.locale };
}

const toView = (row: { id: string; email: string; role: OrgRole; locale: Locale; created_at: Date; expires_at: Date }): InvitationView => ({
  id: row.id,
  email: row.email,
  role: row.role,
  locale: row.locale,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});
