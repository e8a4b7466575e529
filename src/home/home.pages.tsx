import type { ComponentChildren } from 'preact';
import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import type { StoredMail } from '../platform/mail/mailer.ts';
import { formatDateTime } from '../platform/i18n/i18n.ts';
import { ActionForm, EmptyState } from '../ui/components.tsx';
import { communityPath } from '../communities/communities.pages.tsx';
import type { CommunityOverview } from '../communities/communities.usecases.ts';

export function AnonymousHomePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.anonymous.title')}>
      <h1 class="utrecht-heading-1">{t('home.anonymous.title')}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t('home.anonymous.intro')}</p>
      <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/inloggen">{t('home.anonymous.log_in')}</a></p>
    </Layout>
  );
}

/** The signed-in start page; `sections` are filled by the features that have something to show. */
export function HomePage({ ctx, children }: { ctx: PageContext; children?: ComponentChildren }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <h1 class="utrecht-heading-1">{t('home.welcome', { name: ctx.actor?.name ?? '' })}</h1>
      {children}
    </Layout>
  );
}

/**
 * What waits for the signed-in person: invitations to answer, requests to decide on (only for
 * those who facilitate or administer), and their own communities. Each says what to do when empty.
 */
export function CommunitySections({ ctx, overview }: { ctx: PageContext; overview: CommunityOverview }) {
  const managesSomething = ctx.actor?.role === 'admin' || overview.myCommunities.items.some((c) => c.role === 'facilitator') || overview.waitingRequests.items.length > 0;
  return (
    <>
      {managesSomething && <WaitingRequestsSection ctx={ctx} requests={overview.waitingRequests} />}
      {/* An empty invitations box is noise on every visit; "my communities" says what to do. */}
      {overview.invitations.items.length > 0 && <InvitationsSection ctx={ctx} invitations={overview.invitations} />}
      <MyCommunitiesSection ctx={ctx} communities={overview.myCommunities} canCreate={overview.canCreate} />
    </>
  );
}

function InvitationsSection({ ctx, invitations }: { ctx: PageContext; invitations: CommunityOverview['invitations'] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="invitations-heading" class="lk-stack">
      <h2 class="utrecht-heading-2" id="invitations-heading">{t('home.invitations.title')}</h2>
      <ul class="lk-grid">
        {invitations.items.map((invitation) => {
          const date = formatDateTime(invitation.invitedAt, ctx.locale, 'date');
          return (
            <li class="lk-card" key={invitation.slug}>
              <h3 class="utrecht-heading-3"><a class="utrecht-link" href={communityPath(invitation.slug)}>{invitation.name}</a></h3>
              <p class="lk-meta">{invitation.invitedBy ? t('home.invitations.invited_by', { name: invitation.invitedBy, date }) : t('home.invitations.invited_on', { date })}</p>
              <div class="lk-actions">
                <ActionForm ctx={ctx} action={communityPath(invitation.slug, '/uitnodiging/accepteren')} label={t('home.invitations.accept')} variant="primary" />
                <ActionForm ctx={ctx} action={communityPath(invitation.slug, '/uitnodiging/afslaan')} label={t('home.invitations.decline')} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function WaitingRequestsSection({ ctx, requests }: { ctx: PageContext; requests: CommunityOverview['waitingRequests'] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="requests-heading" class="lk-stack">
      <h2 class="utrecht-heading-2" id="requests-heading">{t('home.requests.title')}</h2>
      {requests.items.length === 0 ? (
        <EmptyState><p class="utrecht-paragraph">{t('home.requests.empty')}</p></EmptyState>
      ) : (
        <ul class="utrecht-unordered-list">
          {requests.items.map((request) => (
            <li class="utrecht-unordered-list__item" key={`${request.slug}:${request.userId}`}>
              {t('home.requests.item', { name: request.name, organisation: request.organisationName, community: request.communityName })}{' '}
              <a class="utrecht-link" href={communityPath(request.slug, '/aanvragen')}>{t('home.requests.review')}</a>
            </li>
          ))}
        </ul>
      )}
      {requests.hasMore && <p class="lk-meta">{t('home.requests.more')}</p>}
    </section>
  );
}

function MyCommunitiesSection({ ctx, communities, canCreate }: { ctx: PageContext; communities: CommunityOverview['myCommunities']; canCreate: boolean }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="mine-heading" class="lk-stack">
      <h2 class="utrecht-heading-2" id="mine-heading">{t('home.mine.title')}</h2>
      {communities.items.length === 0 ? (
        <EmptyState>
          <p class="utrecht-paragraph">{t(canCreate ? 'home.mine.empty_creator' : 'home.mine.empty')}</p>
          <div class="lk-actions">
            <a class="utrecht-link" href="/gemeenschappen">{t('home.browse')}</a>
            {canCreate && <a class="utrecht-link" href="/gemeenschappen/nieuw">{t('home.create')}</a>}
          </div>
        </EmptyState>
      ) : (
        <ul class="lk-grid">
          {communities.items.map((community) => (
            <li class="lk-card" key={community.slug}>
              <h3 class="utrecht-heading-3"><a class="utrecht-link" href={communityPath(community.slug)}>{community.name}</a></h3>
              {community.purpose && <p class="utrecht-paragraph lk-clamp">{community.purpose}</p>}
              <p class="lk-meta">{t(`communities.role.${community.role}`)}</p>
            </li>
          ))}
        </ul>
      )}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={communities.hasMore ? '/gemeenschappen?mijn=1' : '/gemeenschappen'}>{t(communities.hasMore ? 'home.mine.all' : 'home.browse')}</a>
      </p>
    </section>
  );
}

export function DevMailPage({ ctx, mails }: { ctx: PageContext; mails: StoredMail[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.dev_mail.title')}>
      <h1 class="utrecht-heading-1">{t('home.dev_mail.title')}</h1>
      <p class="utrecht-paragraph">{t('home.dev_mail.intro')}</p>
      {mails.length === 0 ? (
        <EmptyState>{t('home.dev_mail.empty')}</EmptyState>
      ) : (
        mails.map((mail) => (
          <article class="lk-card lk-mail" key={mail.file}>
            <h2 class="utrecht-heading-3">{mail.subject}</h2>
            <p class="lk-meta">{mail.to} · {mail.date}</p>
            <pre>{mail.text}</pre>
          </article>
        ))
      )}
    </Layout>
  );
}
