import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import type { Deps } from '../platform/deps.ts';
import { listStoredMail } from '../platform/mail/mailer.ts';
import { createNotFoundError } from '../platform/errors.ts';
import type { Ui } from '../ui/render.tsx';
import { DevMailPage } from './home.pages.tsx';

/**
 * Registered only when NODE_ENV=development, and only for platform admins: stored mail holds
 * live reset and invitation links, so it must never be readable by anyone who can reach the port.
 */
export function devMailRoutes(deps: Deps, ui: Ui) {
  return async function devMail(app: FastifyInstance) {
    app.get('/dev/mail', async (request, reply) => {
      if (!request.actor?.isPlatformAdmin) throw createNotFoundError();
      const mails = await listStoredMail(path.join(deps.config.dataDir, 'mail'));
      return ui.send(reply, <DevMailPage ctx={ui.context(request)} mails={mails} />);
    });
  };
}
