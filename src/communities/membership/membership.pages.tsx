import { formatDateTime } from '../../platform/i18n/i18n.ts';
import type { Page } from '../../platform/paging.ts';
import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import { ActionForm, Button, CsrfField, EmptyState, ErrorSummary, Pagination, TextField, type FormState } from '../../ui/components.tsx';
import { communityPath } from '../communities.pages.tsx';
import type { CommunityView } from '../communities.repository.ts';
import type { MembersPage } from './membership.usecases.ts';
import type { MemberRow, PendingRow } from './membership.repository.ts';

const BackLink = ({ ctx, community }: { ctx: PageContext; community: CommunityView }) => (
  <p class="utrecht-paragraph"><a class="utrecht-link" href={communityPath(community.slug)}>{ctx.t('communities.home.back', { name: community.name })}</a></p>
);

export function MembersListPage({ ctx, data, q }: { ctx: PageContext; data: MembersPage; q: string }) {
  const { t } = ctx;
  const { community, members, canManage } = data;
  const title = t('communities.members.title', { name: community.name });
  const baseUrl = communityPath(community.slug, q ? `/leden?q=${encodeURIComponent(q)}` : '/leden');
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink ctx={ctx} community={community} />
      <h1 class="utrecht-heading-1">{title}</h1>
      <form method="get" action={communityPath(community.slug, '/leden')} class="lk-filter" role="search">
        <TextField ctx={ctx} name="q" type="search" label={t('communities.members.search')} value={q} maxLength={100} />
        <Button variant="secondary">{t('communities.search.submit')}</Button>
      </form>
      {members.items.length === 0 ? (
        <EmptyState>
          <p class="utrecht-paragraph">{q ? t('communities.members.empty_search', { q }) : t('communities.members.empty')}</p>
        </EmptyState>
      ) : (
        <MembersTable ctx={ctx} community={community} members={members.items} canManage={canManage} />
      )}
      <Pagination ctx={ctx} page={members.page} hasNext={members.hasNext} baseUrl={baseUrl} />
    </Layout>
  );
}

function MembersTable({ ctx, community, members, canManage }: { ctx: PageContext; community: CommunityView; members: MemberRow[]; canManage: boolean }) {
  const { t } = ctx;
  return (
    <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={t('table.scroll_region')}>
      <table class="utrecht-table">
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{t('communities.members.column.name')}</th>
            <th class="utrecht-table__header-cell" scope="col">{t('communities.members.column.role')}</th>
            <th class="utrecht-table__header-cell" scope="col">{t('communities.members.column.organisation')}</th>
            <th class="utrecht-table__header-cell" scope="col">{t('communities.members.column.job_title')}</th>
            {canManage && <th class="utrecht-table__header-cell" scope="col">{t('communities.members.column.actions')}</th>}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {members.map((member) => (
            <tr class="utrecht-table__row" key={member.userId}>
              <th class="utrecht-table__header-cell" scope="row">{member.name}</th>
              <td class="utrecht-table__cell">{t(`communities.role.${member.role}`)}</td>
              <td class="utrecht-table__cell">{member.organisationName}</td>
              <td class="utrecht-table__cell">{member.jobTitle}</td>
              {canManage && (
                <td class="utrecht-table__cell">
                  <div class="lk-actions">
                    <ActionForm
                      ctx={ctx}
                      action={communityPath(community.slug, `/leden/${member.userId}/rol`)}
                      label={t(member.role === 'facilitator' ? 'communities.action.make_member' : 'communities.action.make_facilitator')}
                      hidden={{ role: member.role === 'facilitator' ? 'member' : 'facilitator' }}
                    />
                    <ActionForm
                      ctx={ctx}
                      action={communityPath(community.slug, `/leden/${member.userId}/verwijderen`)}
                      label={t('communities.action.remove')}
                      confirm={t('communities.action.remove_confirm', { person: member.name, name: community.name })}
                      variant="danger"
                    />
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface PendingProps {
  ctx: PageContext;
  community: CommunityView;
  pending: Page<PendingRow>;
  inviteForm: FormState;
}

export function PendingPage({ ctx, community, pending, inviteForm }: PendingProps) {
  const { t } = ctx;
  const title = t('communities.pending.title', { name: community.name });
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink ctx={ctx} community={community} />
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t('communities.pending.intro')}</p>
      <section aria-labelledby="invite-heading" class="lk-card">
        <h2 class="utrecht-heading-2" id="invite-heading">{t('communities.pending.invite_title')}</h2>
        <ErrorSummary ctx={ctx} form={inviteForm} />
        <form method="post" action={communityPath(community.slug, '/uitnodigen')} class="lk-form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField
            ctx={ctx}
            form={inviteForm}
            name="email"
            type="email"
            autocomplete="off"
            label={t('communities.pending.invite_email')}
            description={t(community.visibility === 'open' ? 'communities.pending.invite_email.description_open' : 'communities.pending.invite_email.description')}
            required
          />
          <Button>{t('communities.pending.invite_submit')}</Button>
        </form>
      </section>
      <section aria-labelledby="pending-heading">
        <h2 class="utrecht-heading-2" id="pending-heading">{t('communities.pending.list_title')}</h2>
        {pending.items.length === 0 ? (
          <EmptyState><p class="utrecht-paragraph">{t('communities.pending.empty')}</p></EmptyState>
        ) : (
          <ul class="lk-grid">
            {pending.items.map((row) => <PendingItem ctx={ctx} community={community} row={row} key={row.userId} />)}
          </ul>
        )}
        <Pagination ctx={ctx} page={pending.page} hasNext={pending.hasNext} baseUrl={communityPath(community.slug, '/aanvragen')} />
      </section>
    </Layout>
  );
}

function PendingItem({ ctx, community, row }: { ctx: PageContext; community: CommunityView; row: PendingRow }) {
  const { t } = ctx;
  const path = (rest: string) => communityPath(community.slug, rest);
  return (
    <li class="lk-card">
      <h3 class="utrecht-heading-3">{row.name}</h3>
      <p class="lk-meta">
        {t(`communities.pending.kind.${row.status}`)} · {formatDateTime(row.createdAt, ctx.locale, 'date')} · {[row.jobTitle, row.organisationName].filter(Boolean).join(', ')}
      </p>
      {row.message && <blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">{row.message}</p></blockquote>}
      <div class="lk-actions">
        {row.status === 'requested' ? (
          <>
            <ActionForm ctx={ctx} action={path(`/aanvragen/${row.userId}/toelaten`)} label={t('communities.action.approve')} variant="primary" />
            <ActionForm ctx={ctx} action={path(`/aanvragen/${row.userId}/afwijzen`)} label={t('communities.action.reject')} />
          </>
        ) : (
          <ActionForm ctx={ctx} action={path(`/leden/${row.userId}/verwijderen`)} label={t('communities.action.withdraw')} confirm={t('communities.action.withdraw_confirm', { person: row.name })} hidden={{ terug: 'aanvragen' }} />
        )}
      </div>
    </li>
  );
}
