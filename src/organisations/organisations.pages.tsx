import type { Page } from '../platform/paging.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { Button, ButtonLink, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, Pagination, TextArea, TextField, type FormState } from '../ui/components.tsx';
import { THEME_FIELD_PREFIX, type Organisation } from './organisations.models.ts';
import { THEME_TOKENS } from './theme/theme.models.ts';

/** Platform administration (platformbeheer) of organisations: list, create, edit with theme. */

export function OrganisationListPage({ ctx, result, search }: { ctx: PageContext; result: Page<Organisation>; search?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('organisations.list.title')}>
      <h1 class="utrecht-heading-1">{t('organisations.list.title')}</h1>
      <p class="utrecht-paragraph">{t('organisations.list.intro')}</p>
      <div class="lk-actions">
        <ButtonLink href="/beheer/organisaties/nieuw">{t('organisations.list.new')}</ButtonLink>
      </div>
      <form method="get" action="/beheer/organisaties" class="lk-filter" role="search">
        <TextField ctx={ctx} form={{ values: { zoek: search ?? '' }, errors: [] }} name="zoek" type="search" label={t('organisations.list.search')} maxLength={100} />
        <Button variant="secondary">{t('organisations.list.search_submit')}</Button>
      </form>
      {result.items.length === 0 ? (
        <EmptyState>{search ? t('organisations.list.none_found', { search }) : t('organisations.list.empty')}</EmptyState>
      ) : (
        <div class="lk-table-wrap" role="region" tabIndex={0} aria-label={t('table.scroll_region')}>
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption lk-visually-hidden">{t('organisations.list.caption')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">{t('organisations.field.name')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('organisations.field.kind')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('organisations.field.email_domains')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('organisations.field.self_signup_short')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {result.items.map((organisation) => (
                <tr class="utrecht-table__row" key={organisation.id}>
                  <th scope="row" class="utrecht-table__header-cell">
                    <a class="utrecht-link" href={`/beheer/organisaties/${organisation.slug}`}>{organisation.name}</a>
                  </th>
                  <td class="utrecht-table__cell">{t(`organisations.kind.${organisation.kind}`)}</td>
                  <td class="utrecht-table__cell">{organisation.emailDomains.join(', ') || t('organisations.list.no_domains')}</td>
                  <td class="utrecht-table__cell">{organisation.allowSelfSignup ? t('organisations.yes') : t('organisations.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} page={result.page} hasNext={result.hasNext} baseUrl={ctx.currentUrl} />
    </Layout>
  );
}

interface FormPageProps {
  ctx: PageContext;
  form: FormState;
  /** Present when editing: the slug the form posts to. */
  slug?: string;
}

export function OrganisationFormPage({ ctx, form, slug }: FormPageProps) {
  const { t } = ctx;
  const isEdit = slug !== undefined;
  const title = isEdit ? t('organisations.edit.title') : t('organisations.create.title');
  return (
    <Layout ctx={ctx} title={title}>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="/beheer/organisaties">{t('organisations.back_to_list')}</a></p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={isEdit ? `/beheer/organisaties/${slug}` : '/beheer/organisaties/nieuw'} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={form} name="name" label={t('organisations.field.name')} maxLength={120} required />
        <TextField
          ctx={ctx}
          form={form}
          name="slug"
          label={t('organisations.field.slug')}
          description={isEdit ? t('organisations.field.slug_edit_hint') : t('organisations.field.slug_hint')}
          maxLength={60}
          required={isEdit}
        />
        <ChoiceGroup
          ctx={ctx}
          form={form}
          name="kind"
          type="radio"
          label={t('organisations.field.kind')}
          options={[
            { value: 'municipality', label: t('organisations.kind.municipality') },
            { value: 'partner', label: t('organisations.kind.partner'), description: t('organisations.kind.partner_hint') },
          ]}
        />
        <TextArea ctx={ctx} form={form} name="emailDomains" rows={3} label={t('organisations.field.email_domains')} description={t('organisations.field.email_domains_hint')} />
        <ChoiceGroup
          ctx={ctx}
          form={form}
          name="allowSelfSignup"
          type="checkbox"
          label={t('organisations.field.self_signup')}
          options={[{ value: 'yes', label: t('organisations.field.self_signup_option'), description: t('organisations.field.self_signup_hint') }]}
        />
        {isEdit && <ThemeFields ctx={ctx} form={form} />}
        <div class="lk-actions">
          <Button>{isEdit ? t('form.save') : t('organisations.create.submit')}</Button>
          <a class="utrecht-link" href="/beheer/organisaties">{t('form.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

function ThemeFields({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('organisations.theme.legend')}</legend>
      <p class="utrecht-paragraph">{t('organisations.theme.intro')}</p>
      {THEME_TOKENS.map((token) => (
        <TextField
          key={token.name}
          ctx={ctx}
          form={form}
          name={`${THEME_FIELD_PREFIX}${token.name}`}
          label={t(`organisations.theme.token.${token.key}`)}
          description={t(token.kind === 'color' ? 'organisations.theme.hint.color' : 'organisations.theme.hint.font', { token: token.name })}
          maxLength={200}
        />
      ))}
    </fieldset>
  );
}
