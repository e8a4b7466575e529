import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import type { Ui } from '../ui/render.tsx';

export function organisationsRoutes(_deps: Deps, _ui: Ui) {
  return async function organisations(_app: FastifyInstance) {};
}
