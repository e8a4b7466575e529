import type { CommunityVisibility } from '../platform/db/schema.ts';
import type { Page } from '../platform/paging.ts';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { Button, ButtonLink, ChoiceGroup, CsrfField, EmptyState, ErrorSummary, Pagination, Tags, TextArea, TextField, type FormState } from '../ui/components.tsx';
import type { ListFilter } from './communities.models.ts';
import type { OrganisationRef } from './communities.repository.ts';
import type { CommunityCard } from './communities.usecases.ts';

/** Pages of the communities feature: list, create and edit. The community home is in community-home.pages.tsx. */

export const communityPath = (slug: string, rest = '') => `/gemeenschappen/${encodeURIComponent(slug)}${rest}`;

export function listUrl(filter: Pick<ListFilter, 'q' | 'mine'>): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.mine) params.set('mijn', '1');
  const query = params.toString();
  return query ? `/gemeenschappen?${query}` : '/gemeenschappen';
}

interface ListProps {
  ctx: PageContext;
  filter: ListFilter;
  page: Page<CommunityCard>;
  total: number;
  canCreate: boolean;
}

export function CommunitiesListPage({ ctx, filter, page, total, canCreate }: ListProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('communities.title')}>
      <h1 class="utrecht-heading-1">{t('communities.title')}</h1>
      <p class="utrecht-paragraph">{t('communities.intro')}</p>
      {canCreate && <p class="utrecht-paragraph"><ButtonLink href="/gemeenschappen/nieuw">{t('communities.new')}</ButtonLink></p>}
      <SearchForm ctx={ctx} filter={filter} />
      <p class="lk-meta" role="status">{t('communities.count', { count: total })}</p>
      {page.items.length === 0 ? (
        <EmptyState>
          <p class="utrecht-paragraph">{emptyText(ctx, filter, canCreate)}</p>
          {(filter.q || filter.mine) && <a class="utrecht-link" href="/gemeenschappen">{t('communities.search.clear')}</a>}
        </EmptyState>
      ) : (
        <ul class="lk-grid">
          {page.items.map((community) => <CommunityCardItem ctx={ctx} community={community} key={community.id} />)}
        </ul>
      )}
      <Pagination ctx={ctx} page={page.page} hasNext={page.hasNext} baseUrl={listUrl(filter)} />
    </Layout>
  );
}

function emptyText(ctx: PageContext, filter: ListFilter, canCreate: boolean): string {
  if (filter.q) return ctx.t('communities.empty.search', { q: filter.q });
  if (filter.mine) return ctx.t('communities.empty.mine');
  return ctx.t(canCreate ? 'communities.empty.none_creator' : 'communities.empty.none');
}

function SearchForm({ ctx, filter }: { ctx: PageContext; filter: ListFilter }) {
  const { t } = ctx;
  return (
    <form method="get" action="/gemeenschappen" class="lk-filter" role="search">
      <TextField ctx={ctx} name="q" type="search" label={t('communities.search.label')} value={filter.q} maxLength={100} />
      <div class="utrecht-form-field utrecht-form-field--checkbox">
        <div class="utrecht-form-field__input">
          <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="field-mijn" name="mijn" value="1" checked={filter.mine} />
        </div>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label utrecht-form-label--checkbox" for="field-mijn">{t('communities.search.mine')}</label>
        </div>
      </div>
      <Button variant="secondary">{t('communities.search.submit')}</Button>
    </form>
  );
}

export function VisibilityLabel({ ctx, visibility }: { ctx: PageContext; visibility: CommunityVisibility }) {
  return <span class={`lk-tag lk-visibility lk-visibility--${visibility}`}>{ctx.t(`communities.visibility.${visibility}`)}</span>;
}

/** Long purposes would make the cards uneven; the full text is on the community page. */
const excerpt = (text: string, max = 220) => (text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')}…` : text);

function CommunityCardItem({ ctx, community }: { ctx: PageContext; community: CommunityCard }) {
  const { t } = ctx;
  return (
    <li class="lk-card">
      <h2 class="utrecht-heading-3"><a class="utrecht-link" href={communityPath(community.slug)}>{community.name}</a></h2>
      {community.purpose && <p class="utrecht-paragraph">{excerpt(community.purpose)}</p>}
      <Tags tags={community.tags} />
      <p class="lk-meta">
        <VisibilityLabel ctx={ctx} visibility={community.visibility} /> {t('communities.member_count', { count: community.memberCount })} · {t(`communities.my_status.${community.myStatus}`)}
      </p>
    </li>
  );
}

interface FormProps {
  ctx: PageContext;
  form: FormState;
  organisationChoices: OrganisationRef[];
  /** Present when editing: the community's name and slug. */
  community?: { name: string; slug: string };
}

export function CommunityFormPage({ ctx, form, organisationChoices, community }: FormProps) {
  const { t } = ctx;
  const title = community ? t('communities.form.edit_title', { name: community.name }) : t('communities.form.new_title');
  const visibilities: CommunityVisibility[] = ['open', 'closed', 'secret'];
  return (
    <Layout ctx={ctx} title={title}>
      {community && <p class="utrecht-paragraph"><a class="utrecht-link" href={communityPath(community.slug)}>{t('communities.home.back', { name: community.name })}</a></p>}
      <h1 class="utrecht-heading-1">{title}</h1>
      {!community && <p class="utrecht-paragraph">{t('communities.form.new_intro')}</p>}
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={community ? communityPath(community.slug, '/bewerken') : '/gemeenschappen'} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={form} name="name" label={t('communities.field.name')} description={t('communities.field.name.description')} maxLength={120} required />
        <TextArea ctx={ctx} form={form} name="purpose" label={t('communities.field.purpose')} description={t('communities.field.purpose.description')} maxLength={2000} />
        <TextField ctx={ctx} form={form} name="tags" label={t('communities.field.tags')} description={t('communities.field.tags.description')} />
        <ChoiceGroup
          ctx={ctx}
          form={form}
          type="radio"
          name="visibility"
          label={t('communities.field.visibility')}
          options={visibilities.map((v) => ({ value: v, label: t(`communities.visibility.${v}`), description: t(`communities.visibility.${v}.description`) }))}
        />
        <ChoiceGroup
          ctx={ctx}
          form={{ ...form, values: { ...form.values, allowPseudonymousQuestions: form.values.allowPseudonymousQuestions === true || form.values.allowPseudonymousQuestions === 'on' ? 'on' : '' } }}
          type="checkbox"
          name="allowPseudonymousQuestions"
          label={t('communities.field.questions')}
          options={[{ value: 'on', label: t('communities.field.pseudonymous'), description: t('communities.field.pseudonymous.description') }]}
        />
        <ChoiceGroup
          ctx={ctx}
          form={{ ...form, values: { ...form.values, allowPracticeSharing: form.values.allowPracticeSharing === true || form.values.allowPracticeSharing === 'on' ? 'on' : '' } }}
          type="checkbox"
          name="allowPracticeSharing"
          label={t('communities.field.practices')}
          options={[{ value: 'on', label: t('communities.field.practice_sharing'), description: t('communities.field.practice_sharing.description') }]}
        />
        {organisationChoices.length > 0 ? (
          <>
            <p class="lk-meta">{t('communities.field.partners.description')}</p>
            <ChoiceGroup
              ctx={ctx}
              form={form}
              type="checkbox"
              name="partnerOrganisationIds"
              label={t('communities.field.partners')}
              options={organisationChoices.map((o) => ({ value: o.id, label: o.name }))}
            />
          </>
        ) : (
          <p class="lk-meta">{t('communities.field.partners.none')}</p>
        )}
        <div class="lk-actions">
          <Button>{community ? t('form.save') : t('communities.form.create')}</Button>
          <ButtonLink href={community ? communityPath(community.slug) : '/gemeenschappen'}>{t('form.cancel')}</ButtonLink>
        </div>
      </form>
    </Layout>
  );
}
