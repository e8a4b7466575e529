import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import type { Ui } from '../ui/render.tsx';
import { AnonymousHomePage, HomePage } from './home.pages.tsx';

export function homeRoutes(_deps: Deps, ui: Ui) {
  return async function home(app: FastifyInstance) {
    app.get('/', async (request, reply) => {
      const ctx = ui.context(request);
      if (!request.actor) return ui.send(reply, <AnonymousHomePage ctx={ctx} />);
      return ui.send(reply, <HomePage ctx={ctx} />);
    });
  };
}
