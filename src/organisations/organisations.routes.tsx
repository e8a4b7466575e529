import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { setNotice } from '../platform/http/context.ts';
import { emptyForm } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { memberApiRoutes } from './members/members.api.ts';
import { memberPageRoutes } from './members/members.routes.tsx';
import { organisationApiRoutes } from './organisations.api.ts';
import { requirePlatformAdmin } from './organisations.http.ts';
import { organisationFormToInput, organisationPageQuery, organisationToFormValues, parseOrganisationInput, withSuggestedSlug } from './organisations.models.ts';
import { OrganisationFormPage, OrganisationListPage } from './organisations.pages.tsx';
import { CreateOrganisationInput, UpdateOrganisationInput } from './organisations.schemas.ts';
import { createOrganisation, getOrganisation, listOrganisations, updateOrganisation } from './organisations.usecases.ts';
import { themeRoutes } from './theme/theme.routes.ts';
import { promptBudgetRoutes } from './prompt-budget/prompt-budget.routes.tsx';

/** The organisations feature: platform administration pages here; members, API and theme in their own plugins. */
export function organisationsRoutes(deps: Deps, ui: Ui) {
  return async function organisations(app: FastifyInstance) {
    await app.register(organisationPageRoutes(deps, ui));
    await app.register(memberPageRoutes(deps, ui));
    await app.register(organisationApiRoutes(deps));
    await app.register(memberApiRoutes(deps));
    await app.register(themeRoutes(deps));
    await app.register(promptBudgetRoutes(deps, ui));
  };
}

function organisationPageRoutes(deps: Deps, ui: Ui) {
  return async function organisationPages(app: FastifyInstance) {
    app.get('/beheer/organisaties', async (request, reply) => {
      const actor = requirePlatformAdmin(request);
      const query = organisationPageQuery(request.query);
      const result = await listOrganisations(deps, actor, query);
      return ui.send(reply, <OrganisationListPage ctx={ui.context(request)} result={result} search={query.q} />);
    });

    app.get('/beheer/organisaties/nieuw', async (request, reply) => {
      requirePlatformAdmin(request);
      return ui.send(reply, <OrganisationFormPage ctx={ui.context(request)} form={emptyForm({ kind: 'municipality' })} />);
    });

    app.post('/beheer/organisaties/nieuw', async (request, reply) => {
      const actor = requirePlatformAdmin(request);
      const result = await runForm(request, () => createOrganisation(deps, actor, parseOrganisationInput(CreateOrganisationInput, organisationFormToInput(request.body))));
      if (!result.ok) return ui.send(reply, <OrganisationFormPage ctx={ui.context(request)} form={{ ...result.form, values: withSuggestedSlug(result.form.values) }} />, result.status);
      setNotice(reply, deps.config.isSecure, 'organisations.notice.created');
      return reply.redirect(`/beheer/organisaties/${result.value.slug}`, 303);
    });

    app.get('/beheer/organisaties/:slug', async (request, reply) => {
      const actor = requirePlatformAdmin(request);
      const organisation = await getOrganisation(deps, actor, { slug: (request.params as { slug: string }).slug });
      return ui.send(reply, <OrganisationFormPage ctx={ui.context(request)} form={emptyForm(organisationToFormValues(organisation))} slug={organisation.slug} />);
    });

    app.post('/beheer/organisaties/:slug', async (request, reply) => {
      const actor = requirePlatformAdmin(request);
      const { slug } = request.params as { slug: string };
      const result = await runForm(request, () => updateOrganisation(deps, actor, { slug }, parseOrganisationInput(UpdateOrganisationInput, organisationFormToInput(request.body))));
      if (!result.ok) return ui.send(reply, <OrganisationFormPage ctx={ui.context(request)} form={result.form} slug={slug} />, result.status);
      setNotice(reply, deps.config.isSecure, 'organisations.notice.saved');
      return reply.redirect(`/beheer/organisaties/${result.value.slug}`, 303);
    });
  };
}
