import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { CommunitySignalsJson, IdParams } from './signals.api.schemas.ts';
import { idOf } from './signals.http.ts';
import { periodFromQuery, SignalsPeriodQuery } from './signals.schemas.ts';
import { getCommunitySignals } from './signals.usecases.ts';

const tags = ['signals'];

/** /api/v1 for signals: the same use case and privacy rules as the pages (suppressed: value null). */
export function signalsApiRoutes(deps: Deps) {
  return async function signalsApi(app: FastifyInstance) {
    app.addHook('preValidation', async (request) => void requireActor(request));
    app.get('/api/v1/communities/:id/signals', { schema: { tags, params: IdParams, querystring: SignalsPeriodQuery, response: { 200: CommunitySignalsJson } } }, async (request) =>
      getCommunitySignals(deps, requireActor(request), idOf(request), periodFromQuery(parseInput(SignalsPeriodQuery, request.query ?? {}))));
  };
}
