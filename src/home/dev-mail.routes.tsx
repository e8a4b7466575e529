import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import type { Deps } from '../platform/deps.ts';
import { listStoredMail } from '../platform/mail/mailer.ts';
import type { Ui } from '../ui/render.tsx';
import { DevMailPage } from './home.pages.tsx';

/** Registered only when NODE_ENV=development: shows the mail the file mailer stored. */
export function devMailRoutes(deps: Deps, ui: Ui) {
  return async function devMail(app: FastifyInstance) {
    app.get('/dev/mail', async (request, reply) => {
      const mails = await listStoredMail(path.join(deps.config.dataDir, 'mail'));
      return ui.send(reply, <DevMailPage ctx={ui.context(request)} mails={mails} />);
    });
  };
}
