import { formatDateTime } from '../../platform/i18n/i18n.ts';
import type { Page } from '../../platform/paging.ts';
import type { PageContext } from '../../ui/context.ts';
import { ActionForm, Button, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, Pagination, TextField, type FormState } from '../../ui/components.tsx';
import { AccountLayout } from '../profile/profile.pages.tsx';
import type { AccessTokenView } from './access-tokens.usecases.ts';

export const TOKENS_PATH = '/profiel/tokens';
const SCOPES = ['read', 'read_write'] as const;

/** `created` is set only on the response to the form post: the one time the secret is shown. */
export function AccessTokensPage({ ctx, form, tokens, created }: { ctx: PageContext; form: FormState; tokens: Page<AccessTokenView>; created?: string }) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('accounts.tokens.title')}>
      <p class="utrecht-paragraph">{t('accounts.tokens.intro')}</p>
      {created && (
        <section class="utrecht-alert utrecht-alert--ok" role="status" aria-labelledby="created-token">
          <h2 class="utrecht-heading-2" id="created-token">{t('accounts.tokens.created.title')}</h2>
          <p class="utrecht-paragraph">{t('accounts.tokens.created.body')}</p>
          <p class="lk-token"><code>{created}</code></p>
        </section>
      )}
      <h2 class="utrecht-heading-2">{t('accounts.tokens.create.title')}</h2>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={TOKENS_PATH} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={form} name="name" label={t('accounts.field.token_name')} description={t('accounts.field.token_name_description')} autocomplete="off" maxLength={80} required />
        <ChoiceGroup
          ctx={ctx}
          form={form}
          type="radio"
          name="scope"
          label={t('accounts.field.scope')}
          options={SCOPES.map((scope) => ({ value: scope, label: t(`accounts.scope.${scope}`), description: t(`accounts.scope.${scope}.description`) }))}
        />
        <div class="lk-actions">
          <Button>{t('accounts.tokens.create.submit')}</Button>
        </div>
      </form>
      <TokenList ctx={ctx} tokens={tokens} />
    </AccountLayout>
  );
}

function TokenList({ ctx, tokens }: { ctx: PageContext; tokens: Page<AccessTokenView> }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="token-list">
      <h2 class="utrecht-heading-2" id="token-list">{t('accounts.tokens.list.title')}</h2>
      {tokens.items.length === 0 ? (
        <EmptyState>{t('accounts.tokens.list.empty')}</EmptyState>
      ) : (
        <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={t('table.scroll_region')}>
          <table class="utrecht-table utrecht-table--html-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {(['name', 'scope', 'created', 'last_used', 'actions'] as const).map((column) => (
                  <th class="utrecht-table__header-cell" scope="col" key={column}>{t(`accounts.tokens.column.${column}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {tokens.items.map((token) => (
                <tr class="utrecht-table__row" key={token.id}>
                  <th class="utrecht-table__header-cell" scope="row">{token.name}</th>
                  <td class="utrecht-table__cell">{t(`accounts.scope.${token.scope}`)}</td>
                  <td class="utrecht-table__cell">{formatDateTime(token.createdAt, ctx.locale)}</td>
                  <td class="utrecht-table__cell">{token.lastUsedAt ? formatDateTime(token.lastUsedAt, ctx.locale) : t('accounts.tokens.never_used')}</td>
                  <td class="utrecht-table__cell">
                    <ActionForm ctx={ctx} action={`${TOKENS_PATH}/${token.id}/intrekken`} label={t('accounts.tokens.revoke')} confirm={t('accounts.tokens.revoke_confirm')} variant="danger" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} page={tokens.page} hasNext={tokens.hasNext} baseUrl={ctx.currentUrl} />
    </section>
  );
}
