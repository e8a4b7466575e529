import type { FastifyInstance } from 'fastify';
import { getCommunityOverview } from '../communities/communities.usecases.ts';
import type { Deps } from '../platform/deps.ts';
import type { Ui } from '../ui/render.tsx';
import { AnonymousHomePage, CommunitySections, HomePage } from './home.pages.tsx';
import { listOpenPrompts } from '../prompts/inbox.usecases.ts';
import { OpenPromptsSection } from '../prompts/inbox.pages.tsx';

export function homeRoutes(deps: Deps, ui: Ui) {
  return async function home(app: FastifyInstance) {
    app.get('/', async (request, reply) => {
      const ctx = ui.context(request);
      if (!request.actor) return ui.send(reply, <AnonymousHomePage ctx={ctx} />);
      const [overview, openPrompts] = await Promise.all([getCommunityOverview(deps, request.actor), listOpenPrompts(deps, request.actor)]);
      return ui.send(reply, (
        <HomePage ctx={ctx}>
          <OpenPromptsSection ctx={ctx} items={openPrompts} />
          <CommunitySections ctx={ctx} overview={overview} />
        </HomePage>
      ));
    });
  };
}
