import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { createUnauthenticatedError } from '../platform/errors.ts';
import { requireActor } from '../platform/http/actor.ts';
import { redirectWithNotice } from '../platform/http/context.ts';
import { parsePageNumber } from '../platform/paging.ts';
import { isUuid } from '../platform/text.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { notificationsApiRoutes } from './notifications.api.routes.ts';
import { createEventStreamOnlyError, createNotificationNotFoundError } from './notifications.errors.ts';
import { createLiveCounts, type LiveCounts } from './notifications.live.ts';
import { CentrePage, PreferencesPage, preferencesFormValues } from './notifications.pages.tsx';
import { centrePath, livePath, preferencesPath, readAllPath } from './notifications.paths.ts';
import { PAGE_SIZE, PreferencesInput, preferencesFormInput } from './notifications.schemas.ts';
import { countUnread, getPreferences, listMyNotifications, markAllNotificationsRead, openNotification, savePreferences } from './notifications.usecases.ts';

const notificationIdOf = (request: FastifyRequest) => {
  const { id } = request.params as { id: string };
  if (!isUuid(id)) throw createNotificationNotFoundError();
  return id;
};

/** The notification centre, its preferences and the live count (meldingen); JSON in the API routes. */
export function notificationsRoutes(deps: Deps, ui: Ui, options: { databaseUrl?: string; live?: (live: LiveCounts) => void } = {}) {
  return async function notifications(app: FastifyInstance) {
    const live = createLiveCounts({ databaseUrl: options.databaseUrl, logger: deps.logger, countFor: (userId) => countUnread(deps, { userId }) });
    options.live?.(live);
    // Before the server waits for open requests: the streams would otherwise hold it open.
    app.addHook('preClose', () => live.stop());

    app.get(centrePath, async (request, reply) => {
      const page = await listMyNotifications(deps, requireActor(request), { page: parsePageNumber((request.query as Record<string, unknown>).pagina), pageSize: PAGE_SIZE });
      return ui.send(reply, <CentrePage ctx={ui.context(request)} page={page} />);
    });

    app.post(readAllPath, async (request, reply) => {
      await markAllNotificationsRead(deps, requireActor(request));
      return redirectWithNotice(reply, deps.config, centrePath, 'notifications.notice.all_read');
    });

    // Opening a notification: its group is marked read, then the page it is about.
    app.post('/meldingen/:id/gelezen', async (request, reply) => {
      const { url } = await openNotification(deps, requireActor(request), notificationIdOf(request));
      return reply.redirect(url, 303);
    });

    const renderPreferences = async (request: FastifyRequest, reply: FastifyReply, form: FormState | undefined, status = 200) => {
      const preferences = await getPreferences(deps, requireActor(request));
      return ui.send(reply, <PreferencesPage ctx={ui.context(request)} preferences={preferences} form={form ?? emptyForm(preferencesFormValues(preferences))} />, status);
    };

    app.get(preferencesPath, (request, reply) => renderPreferences(request, reply, undefined));

    app.post(preferencesPath, async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => savePreferences(deps, actor, parseInput(PreferencesInput, preferencesFormInput(request.body))));
      if (!result.ok) return renderPreferences(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, preferencesPath, 'notifications.preferences.saved');
    });

    // Server-Sent Events: the count now and whenever it changes. Sessions only (an EventSource
    // sends cookies, never a bearer token); the response bypasses compression and every other
    // onSend hook, as it is written straight to the socket.
    app.get(livePath, async (request, reply) => {
      const actor = requireActor(request);
      if (request.isTokenAuth) throw createUnauthenticatedError();
      if (!String(request.headers.accept ?? '').includes('text/event-stream')) throw createEventStreamOnlyError();
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      // Reconnect after 5 s when the connection drops (the browser's default is about 3 s).
      reply.raw.write('retry: 5000\n\n');
      const close = live.open(actor.userId, reply.raw);
      request.raw.on('close', close);
    });

    await app.register(notificationsApiRoutes(deps));
  };
}
