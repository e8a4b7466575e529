import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import { ActionForm, Button, ButtonLink, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, Pagination, SelectField, TextField, type FormState } from '../../ui/components.tsx';
import { formatDateTime } from '../../platform/i18n/i18n.ts';
import type { Page } from '../../platform/paging.ts';
import type { Organisation } from '../organisations.models.ts';
import { canChangeMember } from '../organisations.policies.ts';
import { MEMBER_ROLES, MEMBER_STATUSES, type Member } from './members.models.ts';

/** Organisation administration (beheer): the members, their role and whether they have access. */

/** Where another feature (accounts) lets administrators invite people. */
export const INVITE_URL = '/beheer/organisatie/uitnodigen';
export const memberUrl = (member: Pick<Member, 'id'>) => `/beheer/organisatie/leden/${member.id}`;

export function MembersPage({ ctx, organisation, members, filter }: { ctx: PageContext; organisation: Organisation; members: Page<Member>; filter: FormState }) {
  const { t } = ctx;
  const isFiltered = ['zoek', 'rol', 'status'].some((name) => Boolean(filter.values[name]));
  return (
    <Layout ctx={ctx} title={t('organisations.members.title')}>
      <h1 class="utrecht-heading-1">{t('organisations.members.title')}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t('organisations.members.intro', { organisation: organisation.name })}</p>
      <div class="lk-actions">
        <ButtonLink href={INVITE_URL}>{t('organisations.members.invite')}</ButtonLink>
        <ButtonLink href="/beheer/organisatie/prikkels">{t('organisations.prompt_budget.link')}</ButtonLink>
      </div>
      <form method="get" action="/beheer/organisatie" class="lk-filter" role="search" aria-label={t('organisations.members.filter')}>
        <TextField ctx={ctx} form={filter} name="zoek" type="search" label={t('organisations.members.search')} maxLength={100} />
        <SelectField ctx={ctx} form={filter} name="rol" label={t('organisations.members.field.role')} autoSubmit options={[{ value: '', label: t('organisations.members.all_roles') }, ...MEMBER_ROLES.map((role) => ({ value: role, label: t(`organisations.role.${role}`) }))]} />
        <SelectField ctx={ctx} form={filter} name="status" label={t('organisations.members.field.status')} autoSubmit options={[{ value: '', label: t('organisations.members.all_statuses') }, ...MEMBER_STATUSES.map((status) => ({ value: status, label: t(`organisations.status.${status}`) }))]} />
        <Button variant="secondary">{t('organisations.members.filter_submit')}</Button>
      </form>
      {members.items.length === 0 ? (
        <EmptyState>{isFiltered ? t('organisations.members.none_found') : t('organisations.members.empty')}</EmptyState>
      ) : (
        <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={t('table.scroll_region')}>
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption lk-visually-hidden">{t('organisations.members.caption', { organisation: organisation.name })}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">{t('organisations.members.field.name')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('organisations.members.field.email')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('organisations.members.field.role')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('organisations.members.field.status')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {members.items.map((member) => (
                <tr class="utrecht-table__row" key={member.id}>
                  <th scope="row" class="utrecht-table__header-cell"><a class="utrecht-link" href={memberUrl(member)}>{member.name}</a></th>
                  <td class="utrecht-table__cell">{member.email}</td>
                  <td class="utrecht-table__cell">{t(`organisations.role.${member.role}`)}</td>
                  <td class="utrecht-table__cell">{t(`organisations.status.${member.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} page={members.page} hasNext={members.hasNext} baseUrl={ctx.currentUrl} />
    </Layout>
  );
}

export function MemberPage({ ctx, member, form }: { ctx: PageContext; member: Member; form: FormState }) {
  const { t } = ctx;
  const isSelf = ctx.actor?.userId === member.id;
  const canChange = ctx.actor !== null && canChangeMember(ctx.actor, member);
  return (
    <Layout ctx={ctx} title={member.name}>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="/beheer/organisatie">{t('organisations.members.back')}</a></p>
      <h1 class="utrecht-heading-1">{member.name}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <dl class="lk-card">
        <dt>{t('organisations.members.field.email')}</dt>
        <dd>{member.email}</dd>
        {member.jobTitle && <dt>{t('organisations.members.field.job_title')}</dt>}
        {member.jobTitle && <dd>{member.jobTitle}</dd>}
        <dt>{t('organisations.members.field.status')}</dt>
        <dd>{t(`organisations.status.${member.status}`)}</dd>
        <dt>{t('organisations.members.field.since')}</dt>
        <dd>{formatDateTime(member.createdAt, ctx.locale, 'date')}</dd>
      </dl>
      {member.isPlatformAdmin && <p class="utrecht-paragraph">{t('organisations.members.is_platform_admin')}</p>}
      {canChange && <MemberControls ctx={ctx} member={member} form={form} isSelf={isSelf} />}
    </Layout>
  );
}

function MemberControls({ ctx, member, form, isSelf }: { ctx: PageContext; member: Member; form: FormState; isSelf: boolean }) {
  const { t } = ctx;
  return (
    <>
      <h2 class="utrecht-heading-2">{t('organisations.members.role.heading')}</h2>
      <form method="post" action={`${memberUrl(member)}/rol`} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <ChoiceGroup
          ctx={ctx}
          form={form}
          name="role"
          type="radio"
          label={t('organisations.members.field.role')}
          options={MEMBER_ROLES.map((role) => ({ value: role, label: t(`organisations.role.${role}`), description: t(`organisations.role.${role}.description`) }))}
        />
        <div class="lk-actions">
          <Button>{t('organisations.members.role.submit')}</Button>
        </div>
      </form>

      <section id="field-status" tabIndex={-1} aria-labelledby="access-heading">
        <h2 class="utrecht-heading-2" id="access-heading">{t('organisations.members.access.heading')}</h2>
        {member.status === 'deactivated' ? (
          <>
            <p class="utrecht-paragraph">{t('organisations.members.access.deactivated')}</p>
            <ActionForm ctx={ctx} action={`${memberUrl(member)}/heractiveren`} label={t('organisations.members.reactivate')} variant="primary" />
          </>
        ) : isSelf ? (
          <p class="utrecht-paragraph">{t('organisations.members.access.self')}</p>
        ) : (
          <>
            <p class="utrecht-paragraph">{t('organisations.members.access.active')}</p>
            <ActionForm
              ctx={ctx}
              action={`${memberUrl(member)}/deactiveren`}
              label={t('organisations.members.deactivate')}
              confirm={t('organisations.members.deactivate_confirm', { name: member.name })}
              variant="danger"
            />
          </>
        )}
      </section>
    </>
  );
}
