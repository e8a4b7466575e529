import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { ActionForm, Button, CsrfField, ErrorSummary, Tags, TextArea, emptyForm, type FormState } from '../ui/components.tsx';
import { communityPath, VisibilityLabel } from './communities.pages.tsx';
import type { PersonSummary } from './communities.repository.ts';
import type { CommunityDetail } from './communities.usecases.ts';
import { canReadCommunitySignals } from '../signals/signals.policies.ts';

/** The community home: what it is for, who is in it, and the one action that fits the visitor. */
export function CommunityHomePage({ ctx, detail, requestForm = emptyForm() }: { ctx: PageContext; detail: CommunityDetail; requestForm?: FormState }) {
  const { community, stats } = detail;
  return (
    <Layout ctx={ctx} title={community.name}>
      <h1 class="utrecht-heading-1">{community.name}</h1>
      <p class="lk-meta">
        <VisibilityLabel ctx={ctx} visibility={community.visibility} /> {ctx.t('communities.member_count', { count: stats.memberCount })}
      </p>
      {/* The visitor's own action comes first in reading order, so on a phone "join" is not
          below the member list; on a wide screen it stands in the right-hand column. */}
      <div class="lk-two-col lk-two-col--aside-first">
        <CommunitySidebar ctx={ctx} detail={detail} requestForm={requestForm} />
        <AboutCommunity ctx={ctx} detail={detail} />
      </div>
    </Layout>
  );
}

function AboutCommunity({ ctx, detail }: { ctx: PageContext; detail: CommunityDetail }) {
  const { t } = ctx;
  const { community, stats } = detail;
  return (
    <div class="lk-stack">
      <p class="utrecht-paragraph lk-lead-link">
        <a class="utrecht-link" href={communityPath(community.slug, '/vragen')}>{t('communities.home.questions')}</a>
      </p>
      <p class="utrecht-paragraph lk-lead-link">
        <a class="utrecht-link" href={communityPath(community.slug, '/praktijk')}>{t('communities.home.practices')}</a>
      </p>
      <section class="lk-card" aria-labelledby="framework-heading">
        <h2 class="utrecht-heading-3" id="framework-heading">{t('communities.home.framework')}</h2>
        {stats.framework ? (
          <>
            <p class="utrecht-paragraph">{stats.framework.purpose}</p>
            <p class="lk-meta">{t('communities.home.framework_meta', { number: stats.framework.number, count: stats.framework.learningQuestions })}</p>
          </>
        ) : (
          <p class="utrecht-paragraph">{t('communities.home.no_framework')}</p>
        )}
        <p class="utrecht-paragraph"><a class="utrecht-link" href={communityPath(community.slug, '/kader')}>{t('frameworks.home_link')}</a></p>
      </section>
      <section aria-labelledby="purpose-heading">
        <h2 class="utrecht-heading-2" id="purpose-heading">{t('communities.home.purpose')}</h2>
        {community.purpose ? (
          community.purpose.split(/(?:\r?\n){2,}/).map((paragraph, i) => <p class="utrecht-paragraph" key={i}>{paragraph}</p>)
        ) : (
          <p class="utrecht-paragraph">{t('communities.home.no_purpose')}</p>
        )}
        {community.tags.length > 0 && (
          <>
            <h3 class="utrecht-heading-3">{t('communities.home.tags')}</h3>
            <Tags tags={community.tags} />
          </>
        )}
      </section>
      <section aria-labelledby="organisations-heading">
        <h2 class="utrecht-heading-2" id="organisations-heading">{t('communities.home.organisations')}</h2>
        <ul class="utrecht-unordered-list">
          <li class="utrecht-unordered-list__item">{t('communities.home.owner', { name: community.organisationName })}</li>
          {community.partners.map((partner) => <li class="utrecht-unordered-list__item" key={partner.id}>{partner.name}</li>)}
        </ul>
      </section>
      <section aria-labelledby="members-heading">
        <h2 class="utrecht-heading-2" id="members-heading">{t('communities.home.recent_members')}</h2>
        {stats.recentMembers.length === 0 ? <p class="utrecht-paragraph">{t('communities.home.no_members')}</p> : <PeopleList people={stats.recentMembers} />}
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={communityPath(community.slug, '/leden')}>{t('communities.home.all_members')}</a> ({t('communities.member_count', { count: stats.memberCount })})
        </p>
      </section>
    </div>
  );
}

function CommunitySidebar({ ctx, detail, requestForm }: { ctx: PageContext; detail: CommunityDetail; requestForm: FormState }) {
  const { t } = ctx;
  const { community, stats } = detail;
  const canReadSignals = ctx.actor !== null && canReadCommunitySignals(ctx.actor, community);
  return (
    <aside class="lk-stack">
      <section class="lk-card" aria-labelledby="my-part-heading">
        <h2 class="utrecht-heading-3" id="my-part-heading">{t('communities.home.my_part')}</h2>
        <MyPart ctx={ctx} detail={detail} form={requestForm} />
      </section>
      <section aria-labelledby="facilitators-heading">
        <h2 class="utrecht-heading-3" id="facilitators-heading">{t('communities.home.facilitators')}</h2>
        {stats.facilitators.length === 0 ? <p class="utrecht-paragraph">{t('communities.home.no_facilitators')}</p> : <PeopleList people={stats.facilitators} />}
      </section>
      {(detail.canManage || canReadSignals) && (
        <section aria-labelledby="manage-heading">
          <h2 class="utrecht-heading-3" id="manage-heading">{t('communities.home.manage')}</h2>
          <ul class="utrecht-unordered-list">
            {detail.canManage && (
              <>
                <li class="utrecht-unordered-list__item"><a class="utrecht-link" href={communityPath(community.slug, '/aanvragen')}>{t('communities.home.pending', { count: stats.pendingCount })}</a></li>
                <li class="utrecht-unordered-list__item"><a class="utrecht-link" href={communityPath(community.slug, '/bewerken')}>{t('communities.home.edit')}</a></li>
                <li class="utrecht-unordered-list__item"><a class="utrecht-link" href={communityPath(community.slug, '/zoekvragen')}>{t('communities.home.search_misses')}</a></li>
                <li class="utrecht-unordered-list__item"><a class="utrecht-link" href={communityPath(community.slug, '/prikkels')}>{t('communities.home.prompts')}</a></li>
              </>
            )}
            {canReadSignals && <li class="utrecht-unordered-list__item"><a class="utrecht-link" href={communityPath(community.slug, '/signalen')}>{t('communities.home.signals')}</a></li>}
          </ul>
        </section>
      )}
    </aside>
  );
}

function PeopleList({ people }: { people: PersonSummary[] }) {
  return (
    <ul class="utrecht-unordered-list">
      {people.map((person) => (
        <li class="utrecht-unordered-list__item" key={person.userId}>
          {person.name}
          <span class="lk-meta"> · {[person.jobTitle, person.organisationName].filter(Boolean).join(', ')}</span>
        </li>
      ))}
    </ul>
  );
}

function MyPart({ ctx, detail, form }: { ctx: PageContext; detail: CommunityDetail; form: FormState }) {
  const { t } = ctx;
  const { community, myStatus } = detail;
  const path = (rest: string) => communityPath(community.slug, rest);
  const text = myStatus === 'none' ? null : <p class="utrecht-paragraph">{t(`communities.status.${myStatus}`)}</p>;
  switch (myStatus) {
    case 'facilitator':
    case 'member':
      return <>{text}<ActionForm ctx={ctx} action={path('/verlaten')} label={t('communities.action.leave')} confirm={t('communities.action.leave_confirm', { name: community.name })} variant="danger" /></>;
    case 'invited':
      return (
        <>
          {text}
          <div class="lk-actions">
            <ActionForm ctx={ctx} action={path('/uitnodiging/accepteren')} label={t('communities.action.accept')} variant="primary" />
            <ActionForm ctx={ctx} action={path('/uitnodiging/afslaan')} label={t('communities.action.decline')} />
          </div>
        </>
      );
    case 'requested':
      return <>{text}<ActionForm ctx={ctx} action={path('/aanvraag/intrekken')} label={t('communities.action.cancel_request')} /></>;
    case 'can_join':
      return <>{text}<ActionForm ctx={ctx} action={path('/lid-worden')} label={t('communities.action.join')} variant="primary" /></>;
    case 'can_request':
      return (
        <>
          {text}
          <ErrorSummary ctx={ctx} form={form} />
          <form method="post" action={path('/aanvraag')} class="lk-form" novalidate>
            <CsrfField ctx={ctx} />
            <TextArea ctx={ctx} form={form} name="message" rows={3} maxLength={1000} label={t('communities.action.request_message')} description={t('communities.action.request_message.description')} />
            <Button>{t('communities.action.request')}</Button>
          </form>
        </>
      );
    default:
      return null;
  }
}
