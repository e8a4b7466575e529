import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { redirectWithNotice } from '../../platform/http/context.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { Button, CsrfField, ErrorSummary, TextField, type FormState } from '../../ui/components.tsx';
import type { PageContext } from '../../ui/context.ts';
import { runForm } from '../../ui/forms.ts';
import { Layout } from '../../ui/layout.tsx';
import type { Ui } from '../../ui/render.tsx';
import { requireActorHook, requireMemberAdmin } from '../organisations.http.ts';
import { OrganisationParams } from '../organisations.schemas.ts';
import { PromptBudgetInput, getPromptBudget, setPromptBudget } from './prompt-budget.usecases.ts';

export const PROMPT_BUDGET_URL = '/beheer/organisatie/prikkels';

function PromptBudgetPage({ ctx, organisationName, form }: { ctx: PageContext; organisationName: string; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('organisations.prompt_budget.title')}>
      <p class="lk-meta"><a class="utrecht-link" href="/beheer/organisatie">{t('organisations.members.title')}</a></p>
      <h1 class="utrecht-heading-1">{t('organisations.prompt_budget.title')}</h1>
      <p class="utrecht-paragraph">{t('organisations.prompt_budget.intro', { organisation: organisationName })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={PROMPT_BUDGET_URL} class="lk-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={form} name="promptBudgetPerWeek" type="number" label={t('organisations.prompt_budget.field')} required />
        <Button>{t('organisations.prompt_budget.submit')}</Button>
      </form>
    </Layout>
  );
}

const BudgetJson = Type.Object({ promptBudgetPerWeek: Type.Integer() });

/** The noise budget for prompts: a page in the administrator's own organisation area, and the API. */
export function promptBudgetRoutes(deps: Deps, ui: Ui) {
  return async function promptBudget(app: FastifyInstance) {
    const render = async (request: FastifyRequest, reply: FastifyReply, form: FormState | undefined, status = 200) => {
      const actor = requireMemberAdmin(request);
      const budget = await getPromptBudget(deps, actor, actor.organisationId);
      return ui.send(reply, <PromptBudgetPage ctx={ui.context(request)} organisationName={budget.name} form={form ?? { values: { promptBudgetPerWeek: String(budget.promptBudgetPerWeek) }, errors: [] }} />, status);
    };
    app.get(PROMPT_BUDGET_URL, (request, reply) => render(request, reply, undefined));
    app.post(PROMPT_BUDGET_URL, async (request, reply) => {
      const actor = requireMemberAdmin(request);
      const result = await runForm(request, () => setPromptBudget(deps, actor, actor.organisationId, parseInput(PromptBudgetInput, request.body)));
      if (!result.ok) return render(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, PROMPT_BUDGET_URL, 'organisations.prompt_budget.notice.saved');
    });

    await app.register(async (api) => {
      api.addHook('preValidation', requireActorHook);
      const schema = { tags: ['organisations'], params: OrganisationParams, response: { 200: BudgetJson } };
      const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
      api.get('/api/v1/organisations/:id/prompt-budget', { schema: { ...schema, summary: 'Prompts per member per week (administrators)' } }, async (request) => ({
        promptBudgetPerWeek: (await getPromptBudget(deps, requireActor(request), idOf(request))).promptBudgetPerWeek,
      }));
      api.put('/api/v1/organisations/:id/prompt-budget', { schema: { ...schema, body: PromptBudgetInput, summary: 'Set prompts per member per week (administrators)' } }, async (request) => {
        await setPromptBudget(deps, requireActor(request), idOf(request), parseInput(PromptBudgetInput, request.body));
        return { promptBudgetPerWeek: (await getPromptBudget(deps, requireActor(request), idOf(request))).promptBudgetPerWeek };
      });
    });
  };
}
