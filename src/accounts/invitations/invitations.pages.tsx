import { formatDateTime } from '../../platform/i18n/i18n.ts';
import type { Page } from '../../platform/paging.ts';
import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import { ActionForm, Button, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, Pagination, SelectField, TextField, type FormState } from '../../ui/components.tsx';
import { localeOptions, NewPasswordFields } from '../accounts.pages.tsx';
import type { InvitationView, OpenInvitation } from './invitations.usecases.ts';

export const INVITE_PATH = '/beheer/organisatie/uitnodigen';
const ROLES = ['member', 'manager', 'admin'] as const;

export function InvitePage({ ctx, form, invitations }: { ctx: PageContext; form: FormState; invitations: Page<InvitationView> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.invitations.title')}>
      <h1 class="utrecht-heading-1">{t('accounts.invitations.title')}</h1>
      <p class="utrecht-paragraph">{t('accounts.invitations.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={INVITE_PATH} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('accounts.field.email')} description={t('accounts.invitations.email_description')} autocomplete="off" required />
        <ChoiceGroup
          ctx={ctx}
          form={form}
          type="radio"
          name="role"
          label={t('accounts.field.role')}
          options={ROLES.map((role) => ({ value: role, label: t(`accounts.role.${role}`), description: t(`accounts.role.${role}.description`) }))}
        />
        <SelectField ctx={ctx} form={form} name="locale" label={t('accounts.invitations.locale')} options={localeOptions(ctx)} />
        <div class="lk-actions">
          <Button>{t('accounts.invitations.submit')}</Button>
        </div>
      </form>
      <OpenInvitations ctx={ctx} invitations={invitations} />
    </Layout>
  );
}

function OpenInvitations({ ctx, invitations }: { ctx: PageContext; invitations: Page<InvitationView> }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="open-invitations">
      <h2 class="utrecht-heading-2" id="open-invitations">{t('accounts.invitations.open.title')}</h2>
      {invitations.items.length === 0 ? (
        <EmptyState>{t('accounts.invitations.open.empty')}</EmptyState>
      ) : (
        <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={t('table.scroll_region')}>
          <table class="utrecht-table utrecht-table--html-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {(['email', 'role', 'sent', 'expires', 'actions'] as const).map((column) => (
                  <th class="utrecht-table__header-cell" scope="col" key={column}>{t(`accounts.invitations.column.${column}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {invitations.items.map((invitation) => (
                <tr class="utrecht-table__row" key={invitation.id}>
                  <th class="utrecht-table__header-cell" scope="row">{invitation.email}</th>
                  <td class="utrecht-table__cell">{t(`accounts.role.${invitation.role}`)}</td>
                  <td class="utrecht-table__cell">{formatDateTime(invitation.createdAt, ctx.locale)}</td>
                  <td class="utrecht-table__cell">{formatDateTime(invitation.expiresAt, ctx.locale)}</td>
                  <td class="utrecht-table__cell">
                    <ActionForm ctx={ctx} action={`${INVITE_PATH}/${invitation.id}/intrekken`} label={t('accounts.invitations.revoke')} confirm={t('accounts.invitations.revoke_confirm')} variant="danger" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} page={invitations.page} hasNext={invitations.hasNext} baseUrl={ctx.currentUrl} />
    </section>
  );
}

export function AcceptInvitationPage({ ctx, form, invitation, action }: { ctx: PageContext; form: FormState; invitation: OpenInvitation; action: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.accept.title')}>
      <h1 class="utrecht-heading-1">{t('accounts.accept.title')}</h1>
      <p class="utrecht-paragraph">{t('accounts.accept.intro', { organisation: invitation.organisationName, role: t(`accounts.role.${invitation.role}`), email: invitation.email })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={action} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="username" value={invitation.email} autoComplete="username" />
        <TextField ctx={ctx} form={form} name="name" label={t('accounts.field.name')} description={t('accounts.field.name_description')} autocomplete="name" maxLength={120} required />
        <NewPasswordFields ctx={ctx} form={form} />
        <div class="lk-actions">
          <Button>{t('accounts.accept.submit')}</Button>
        </div>
      </form>
    </Layout>
  );
}
