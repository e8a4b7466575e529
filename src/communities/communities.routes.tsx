import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { communitiesApiRoutes } from './communities.api.routes.ts';
import { redirectWithNotice, slugOf } from './communities.http.ts';
import { CommunitiesListPage, CommunityFormPage, communityPath } from './communities.pages.tsx';
import { CreateCommunityInput, communityFormInput, filterFromPageQuery } from './communities.schemas.ts';
import { createCommunity, getCommunityDetail, listCommunities, prepareCommunityEdit, prepareNewCommunity, updateCommunity } from './communities.usecases.ts';
import { CommunityHomePage } from './community-home.pages.tsx';
import { membershipRoutes } from './membership/membership.routes.tsx';

/** The partners ticked on a (re-rendered) form, so they are offered again. */
const chosenPartners = (form: FormState | undefined) => (form ? (communityFormInput(form.values).partnerOrganisationIds as string[]) : []);

/** Leergemeenschappen: pages and form posts here, membership in membership/, JSON in the API routes. */
export function communitiesRoutes(deps: Deps, ui: Ui) {
  return async function communities(app: FastifyInstance) {
    app.get('/gemeenschappen', async (request, reply) => {
      const filter = filterFromPageQuery(request.query);
      const result = await listCommunities(deps, requireActor(request), filter);
      return ui.send(reply, <CommunitiesListPage ctx={ui.context(request)} filter={filter} {...result} />);
    });

    const renderNewForm = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const { organisationChoices } = await prepareNewCommunity(deps, requireActor(request), chosenPartners(form));
      return ui.send(reply, <CommunityFormPage ctx={ui.context(request)} form={form} organisationChoices={organisationChoices} />, status);
    };

    app.get('/gemeenschappen/nieuw', (request, reply) => renderNewForm(request, reply, emptyForm({ visibility: 'open', allowPracticeSharing: 'on' })));

    app.post('/gemeenschappen', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => createCommunity(deps, actor, parseInput(CreateCommunityInput, communityFormInput(request.body))));
      if (!result.ok) return renderNewForm(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps, communityPath(result.value.community.slug), 'communities.notice.created');
    });

    app.get('/gemeenschappen/:slug', async (request, reply) => {
      const detail = await getCommunityDetail(deps, requireActor(request), slugOf(request));
      return ui.send(reply, <CommunityHomePage ctx={ui.context(request)} detail={detail} />);
    });

    const renderEditForm = async (request: FastifyRequest, reply: FastifyReply, form: FormState | undefined, status = 200) => {
      const { community, organisationChoices } = await prepareCommunityEdit(deps, requireActor(request), slugOf(request), chosenPartners(form));
      const values = { name: community.name, purpose: community.purpose, tags: community.tags, visibility: community.visibility, partnerOrganisationIds: community.partnerOrganisationIds, allowPseudonymousQuestions: community.allowPseudonymousQuestions ? 'on' : '', allowPracticeSharing: community.allowPracticeSharing ? 'on' : '' };
      return ui.send(reply, <CommunityFormPage ctx={ui.context(request)} form={form ?? emptyForm(values)} organisationChoices={organisationChoices} community={community} />, status);
    };

    app.get('/gemeenschappen/:slug/bewerken', (request, reply) => renderEditForm(request, reply, undefined));

    app.post('/gemeenschappen/:slug/bewerken', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => updateCommunity(deps, actor, slugOf(request), parseInput(CreateCommunityInput, communityFormInput(request.body))));
      if (!result.ok) return renderEditForm(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps, communityPath(result.value.community.slug), 'communities.notice.updated');
    });

    await app.register(membershipRoutes(deps, ui));
    await app.register(communitiesApiRoutes(deps));
  };
}
