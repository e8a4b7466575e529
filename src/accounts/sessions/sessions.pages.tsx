import { formatDateTime } from '../../platform/i18n/i18n.ts';
import type { Page } from '../../platform/paging.ts';
import type { PageContext } from '../../ui/context.ts';
import { ActionForm, Pagination } from '../../ui/components.tsx';
import { describeUserAgent } from '../accounts.models.ts';
import { AccountLayout } from '../profile/profile.pages.tsx';
import type { SessionView } from './sessions.usecases.ts';

export function SessionsPage({ ctx, sessions }: { ctx: PageContext; sessions: Page<SessionView> }) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('accounts.sessions.title')}>
      <p class="utrecht-paragraph">{t('accounts.sessions.intro')}</p>
      <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={t('table.scroll_region')}>
        <table class="utrecht-table utrecht-table--html-table">
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              {(['device', 'ip', 'last_seen', 'actions'] as const).map((column) => (
                <th class="utrecht-table__header-cell" scope="col" key={column}>{t(`accounts.sessions.column.${column}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {sessions.items.map((session) => (
              <tr class="utrecht-table__row" key={session.id}>
                <th class="utrecht-table__header-cell" scope="row">
                  <span title={session.userAgent}>{deviceName(ctx, session.userAgent)}</span>
                  {session.isCurrent && <strong class="lk-tag">{t('accounts.sessions.this_device')}</strong>}
                </th>
                <td class="utrecht-table__cell">{session.ip}</td>
                <td class="utrecht-table__cell">{formatDateTime(session.lastSeenAt, ctx.locale)}</td>
                <td class="utrecht-table__cell">
                  {!session.isCurrent && <ActionForm ctx={ctx} action={`/profiel/sessies/${session.id}/uitloggen`} label={t('accounts.sessions.end')} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination ctx={ctx} page={sessions.page} hasNext={sessions.hasNext} baseUrl={ctx.currentUrl} />
      <div class="lk-actions">
        <ActionForm ctx={ctx} action="/profiel/sessies/andere-uitloggen" label={t('accounts.sessions.end_others')} variant="danger" />
      </div>
    </AccountLayout>
  );
}

function deviceName(ctx: PageContext, userAgent: string): string {
  const { browser, os } = describeUserAgent(userAgent);
  const unknown = ctx.t('accounts.sessions.unknown');
  return ctx.t('accounts.sessions.device', { browser: browser ?? unknown, os: os ?? unknown });
}
