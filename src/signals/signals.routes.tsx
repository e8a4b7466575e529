import type { FastifyInstance, FastifyReply } from 'fastify';
import { loadVisibleCommunity } from '../communities/communities.usecases.ts';
import type { Deps } from '../platform/deps.ts';
import { isValidationError } from '../platform/errors.ts';
import { requireActor } from '../platform/http/actor.ts';
import type { Ui } from '../ui/render.tsx';
import { createFigureCache } from './figures.cache.ts';
import { csvFileName, scopeCsvFileName, signalsCsv } from './signals.csv.ts';
import { parsePageNumber } from '../platform/paging.ts';
import { ScopeSignalsPage } from './scope.pages.tsx';
import { getScopeSignals, loadScopeOrganisation } from './scope.usecases.ts';
import { SignalsExplainedPage } from './signals-explained.pages.tsx';
import { pagePeriodQuery, pickerErrors, pickerValues, slugOf } from './signals.http.ts';
import { CommunitySignalsPage } from './signals.pages.tsx';
import { communitySignalsPath, scopeSignalsPath, signalsExplainedPath } from './signals.paths.ts';
import { signalsApiRoutes } from './signals.api.routes.ts';
import { periodFromQuery } from './signals.schemas.ts';
import { getCommunitySignals } from './signals.usecases.ts';

/** Signalen: a community's figures as a page and CSV, and for every member what those figures are. */
/** A CSV download: never cached, a safe file name (signals.csv.ts makes them). */
const sendCsv = (reply: FastifyReply, fileName: string, body: string) =>
  reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store').send(body);

export function signalsRoutes(appDeps: Deps, ui: Ui) {
  // One cache of computed figures per process, shared by the pages, the CSV and the API (figures.cache.ts).
  const deps = { ...appDeps, figureCache: createFigureCache() };
  return async function signals(app: FastifyInstance) {
    app.get('/gemeenschappen/:slug/signalen', async (request, reply) => {
      const actor = requireActor(request);
      const query = pagePeriodQuery(request);
      const values = pickerValues(query);
      const csvHref = communitySignalsPath(slugOf(request).slug, `.csv?${new URLSearchParams(values).toString()}`);
      try {
        const signals = await getCommunitySignals(deps, actor, slugOf(request), periodFromQuery(query));
        return ui.send(reply, <CommunitySignalsPage ctx={ui.context(request)} community={signals.community} signals={signals} form={{ values, errors: [] }} csvHref={csvHref} />);
      } catch (error) {
        // A refused range: the picker again with what was typed (the use case checked access first).
        if (!isValidationError(error)) throw error;
        const community = await loadVisibleCommunity(deps.db, actor, slugOf(request));
        return ui.send(reply, <CommunitySignalsPage ctx={ui.context(request)} community={community} form={{ values, errors: pickerErrors(error.fields) }} csvHref={csvHref} />, 422);
      }
    });
    app.get('/gemeenschappen/:slug/signalen.csv', async (request, reply) => {
      const signals = await getCommunitySignals(deps, requireActor(request), slugOf(request), periodFromQuery(pagePeriodQuery(request)));
      return sendCsv(reply, csvFileName(signals), signalsCsv(signals));
    });

    for (const scope of ['organisation', 'chain'] as const) {
      app.get(scopeSignalsPath(scope), async (request, reply) => {
        const actor = requireActor(request);
        const query = pagePeriodQuery(request);
        const values = pickerValues(query);
        const search = new URLSearchParams(values).toString();
        const props = { ctx: ui.context(request), scope, csvHref: scopeSignalsPath(scope, `.csv?${search}`), baseUrl: scopeSignalsPath(scope, `?${search}`) };
        try {
          const signals = await getScopeSignals(deps, actor, scope, actor.organisationId, periodFromQuery(query), parsePageNumber((request.query as Record<string, unknown>).pagina));
          return ui.send(reply, <ScopeSignalsPage {...props} organisationName={signals.organisation.name} signals={signals} form={{ values, errors: [] }} />);
        } catch (error) {
          if (!isValidationError(error)) throw error;
          const organisation = await loadScopeOrganisation(deps, actor, actor.organisationId);
          return ui.send(reply, <ScopeSignalsPage {...props} organisationName={organisation.name} form={{ values, errors: pickerErrors(error.fields) }} />, 422);
        }
      });
      app.get(scopeSignalsPath(scope, '.csv'), async (request, reply) => {
        const actor = requireActor(request);
        const signals = await getScopeSignals(deps, actor, scope, actor.organisationId, periodFromQuery(pagePeriodQuery(request)), 'all');
        return sendCsv(reply, scopeCsvFileName(signals), signalsCsv(signals));
      });
    }
    app.get(signalsExplainedPath, async (request, reply) => {
      requireActor(request);
      return ui.send(reply, <SignalsExplainedPage ctx={ui.context(request)} />);
    });


    await app.register(signalsApiRoutes(deps));
  };
}
