import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { CommunitySignalsJson, IdParams, ScopeSignalsJson, ScopeSignalsQuery } from './signals.api.schemas.ts';
import { getScopeSignals } from './scope.usecases.ts';
import { idOf } from '../platform/http/params.ts';
import { periodFromQuery, SignalsPeriodQuery } from './signals.schemas.ts';
import { getCommunitySignals, type SignalsReadDeps } from './signals.usecases.ts';

const tags = ['signals'];

/** /api/v1 for signals: the same use case and privacy rules as the pages (suppressed: value null). */
export function signalsApiRoutes(deps: Deps & SignalsReadDeps) {
  return async function signalsApi(app: FastifyInstance) {
    app.addHook('preValidation', async (request) => void requireActor(request));
    app.get('/api/v1/communities/:id/signals', { schema: { tags, params: IdParams, querystring: SignalsPeriodQuery, response: { 200: CommunitySignalsJson } } }, async (request) =>
      getCommunitySignals(deps, requireActor(request), { id: idOf(request) }, periodFromQuery(parseInput(SignalsPeriodQuery, request.query ?? {}))));
    for (const [scope, url] of [['organisation', '/api/v1/organisations/:id/signals'], ['chain', '/api/v1/organisations/:id/signals/chain']] as const) {
      app.get(url, { schema: { tags, params: IdParams, querystring: ScopeSignalsQuery, response: { 200: ScopeSignalsJson } } }, async (request) => {
        const query = parseInput(ScopeSignalsQuery, request.query ?? {});
        return getScopeSignals(deps, requireActor(request), scope, idOf(request), periodFromQuery(query), query.page ?? 1);
      });
    }
  };
}
