import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { getDelivery, listInbox, respondToPrompt, type DeliveryView } from './inbox.usecases.ts';
import { CountJson, DeliveryJson, IdParams, InboxItemJson, PageOf, PromptResultsJson, PromptSummaryJson, SettingsJson } from './prompts.api.schemas.ts';
import { idOf } from './prompts.http.ts';
import { AudienceInput, ComposePromptInput, PagingQuery, RespondInput, SettingsInput } from './prompts.schemas.ts';
import { composePrompt, listPrompts, previewAudience, statusOf } from './prompts.usecases.ts';
import { cancelPrompt, getPromptResults, type PromptResults } from './results.usecases.ts';
import { getPromptSettings, setCommunityOptOut, updatePromptSettings } from './settings.usecases.ts';

const tags = ['prompts'];
const NoContent = Type.Null();
const iso = (date: Date | null) => date?.toISOString() ?? null;
const paging = (request: FastifyRequest) => {
  const query = parseInput(PagingQuery, request.query);
  return { page: query.page ?? 1, pageSize: query.pageSize ?? 20 };
};

function resultsJson(r: PromptResults) {
  const p = r.prompt;
  return {
    id: p.id, community: r.community, kind: p.kind, text: p.text, learningQuestionId: p.learningQuestionId, responseMode: p.responseMode, visibility: p.visibility,
    pollOptions: p.pollOptions, scheduleKind: p.scheduleKind, responseWindowHours: p.responseWindowHours, reminderAfterHours: p.reminderAfterHours,
    cancelledAt: iso(p.cancelledAt), createdAt: p.createdAt.toISOString(),
    occurrences: r.occurrences.map((o) => ({ id: o.id, number: o.number, scheduledFor: o.scheduledFor.toISOString(), deliveredAt: iso(o.deliveredAt), counts: o.counts })),
    totals: r.totals, responseRate: r.responseRate, audienceNow: r.audienceNow, poll: r.poll,
    responses: r.responses.map((x) => ({ id: x.id, respondent: x.respondent, choice: x.choice, body: x.body, mayReuse: x.mayReuse, updatedAt: x.updatedAt.toISOString() })),
    anonymousTexts: r.anonymousTexts,
    anonymousWithheld: r.anonymousWithheld,
  };
}

function deliveryJson(v: DeliveryView) {
  return {
    occurrenceId: v.occurrenceId, community: v.community, kind: v.prompt.kind, text: v.prompt.text, responseMode: v.prompt.responseMode, visibility: v.prompt.visibility, pollOptions: v.prompt.pollOptions,
    delivery: v.delivery && { deliveredAt: iso(v.delivery.deliveredAt), closesAt: iso(v.delivery.closesAt), isOpen: v.delivery.isOpen },
    myResponse: v.myResponse && { choice: v.myResponse.choice, body: v.myResponse.body, mayReuse: v.myResponse.mayReuse, updatedAt: v.myResponse.updatedAt.toISOString() },
    communityAnswers: v.communityAnswers && v.communityAnswers.map((a) => ({ name: a.name, choice: a.choice, body: a.body, updatedAt: a.updatedAt.toISOString() })),
  };
}

/** /api/v1 for prompts: the same use cases as the pages; errors are problem+json. */
export function promptsApiRoutes(deps: Deps) {
  return async function promptsApi(app: FastifyInstance) {
    app.addHook('preValidation', async (request) => void requireActor(request));
    const results = async (request: FastifyRequest, id: string) => resultsJson(await getPromptResults(deps, requireActor(request), id));

    app.get('/api/v1/communities/:id/prompts', { schema: { tags, params: IdParams, querystring: PagingQuery, response: { 200: PageOf(PromptSummaryJson) } } }, async (request) => {
      const { page } = await listPrompts(deps, requireActor(request), { id: idOf(request) }, paging(request));
      return { ...page, items: page.items.map((p) => ({ id: p.id, kind: p.kind, text: p.text, status: statusOf(p), nextAt: iso(p.nextAt), createdAt: p.createdAt.toISOString() })) };
    });
    app.post('/api/v1/communities/:id/prompts', { schema: { tags, params: IdParams, body: ComposePromptInput, response: { 201: PromptResultsJson } } }, async (request, reply) => {
      const { id } = await composePrompt(deps, requireActor(request), { id: idOf(request) }, parseInput(ComposePromptInput, request.body));
      return reply.status(201).send(await results(request, id));
    });
    app.post('/api/v1/communities/:id/prompts/audience-count', { schema: { tags, params: IdParams, body: AudienceInput, response: { 200: CountJson } } }, async (request) =>
      previewAudience(deps, requireActor(request), { id: idOf(request) }, parseInput(AudienceInput, request.body ?? {})));

    app.get('/api/v1/prompts/:id', { schema: { tags, params: IdParams, response: { 200: PromptResultsJson } } }, (request) => results(request, idOf(request)));
    app.post('/api/v1/prompts/:id/cancel', { schema: { tags, params: IdParams, response: { 200: PromptResultsJson } } }, async (request) => {
      await cancelPrompt(deps, requireActor(request), idOf(request));
      return results(request, idOf(request));
    });

    app.get('/api/v1/prompt-inbox', { schema: { tags, querystring: PagingQuery, response: { 200: PageOf(InboxItemJson) } } }, async (request) => {
      const page = await listInbox(deps, requireActor(request), paging(request));
      return {
        ...page,
        items: page.items.map((i) => ({
          occurrenceId: i.occurrenceId, kind: i.kind, text: i.text, community: { name: i.communityName, slug: i.communitySlug }, deliveredAt: i.deliveredAt.toISOString(), closesAt: i.closesAt.toISOString(), isOpen: i.isOpen, hasResponded: i.hasResponded,
        })),
      };
    });
    app.get('/api/v1/prompt-deliveries/:id', { schema: { tags, params: IdParams, response: { 200: DeliveryJson } } }, async (request) => deliveryJson(await getDelivery(deps, requireActor(request), idOf(request))));
    app.put('/api/v1/prompt-deliveries/:id/response', { schema: { tags, params: IdParams, body: RespondInput, response: { 200: DeliveryJson } } }, async (request) => {
      await respondToPrompt(deps, requireActor(request), idOf(request), parseInput(RespondInput, request.body));
      return deliveryJson(await getDelivery(deps, requireActor(request), idOf(request)));
    });

    const settingsJson = async (request: FastifyRequest) => {
      const s = await getPromptSettings(deps, requireActor(request));
      return { promptEmail: s.promptEmail, snoozedUntil: iso(s.snoozedUntil), communities: s.communities };
    };
    app.get('/api/v1/prompt-settings', { schema: { tags, response: { 200: SettingsJson } } }, settingsJson);
    app.put('/api/v1/prompt-settings', { schema: { tags, body: SettingsInput, response: { 200: SettingsJson } } }, async (request) => {
      await updatePromptSettings(deps, requireActor(request), parseInput(SettingsInput, request.body));
      return settingsJson(request);
    });
    for (const isOptedOut of [true, false]) {
      app.route({
        method: isOptedOut ? 'PUT' : 'DELETE',
        url: '/api/v1/communities/:id/prompt-opt-out',
        schema: { tags, params: IdParams, response: { 204: NoContent } },
        handler: async (request, reply) => {
          await setCommunityOptOut(deps, requireActor(request), idOf(request), isOptedOut);
          return reply.status(204).send();
        },
      });
    }
  };
}
