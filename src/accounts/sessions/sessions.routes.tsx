import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { setNotice } from '../../platform/http/context.ts';
import { parsePageNumber } from '../../platform/paging.ts';
import type { Ui } from '../../ui/render.tsx';
import { IdParams, NoContent, PageQuery, pageOf, SessionResponse } from '../accounts.schemas.ts';
import { SessionsPage } from './sessions.pages.tsx';
import { endOtherSessions, endSession, listSessions } from './sessions.usecases.ts';

export function sessionsRoutes(deps: Deps, ui: Ui) {
  return async function sessions(app: FastifyInstance) {
    app.get('/profiel/sessies', async (request, reply) => {
      const sessions = await listSessions(deps, requireActor(request), parsePageNumber((request.query as { pagina?: unknown }).pagina));
      return ui.send(reply, <SessionsPage ctx={ui.context(request)} sessions={sessions} />);
    });

    app.post('/profiel/sessies/:id/uitloggen', { schema: { params: IdParams, hide: true } }, async (request, reply) => {
      await endSession(deps, requireActor(request), (request.params as { id: string }).id);
      setNotice(reply, deps.config.isSecure, 'accounts.notice.session_ended');
      return reply.redirect('/profiel/sessies', 303);
    });

    app.post('/profiel/sessies/andere-uitloggen', async (request, reply) => {
      await endOtherSessions(deps, requireActor(request));
      setNotice(reply, deps.config.isSecure, 'accounts.notice.other_sessions_ended');
      return reply.redirect('/profiel/sessies', 303);
    });

    app.get('/api/v1/me/sessions', { schema: { summary: 'Where you are logged in', tags: ['accounts'], querystring: PageQuery, response: { 200: pageOf(SessionResponse) } } }, async (request) => {
      const { page = 1, pageSize } = request.query as PageQuery;
      return listSessions(deps, requireActor(request), page, pageSize);
    });

    app.delete('/api/v1/me/sessions/:id', { schema: { summary: 'Log out a session', tags: ['accounts'], params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await endSession(deps, requireActor(request), (request.params as { id: string }).id);
      return reply.status(204).send();
    });
  };
}
