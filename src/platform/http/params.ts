import type { FastifyRequest } from 'fastify';

/** Route parameters every feature reads, in one place (`:id`, `:slug`); their schemas live with the routes. */
export const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
export const slugOf = (request: FastifyRequest) => ({ slug: (request.params as { slug: string }).slug });
