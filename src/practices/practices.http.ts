import type { FastifyRequest } from 'fastify';

/** Route parameters of the practices pages, read in one place. */
export const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
export const slugOf = (request: FastifyRequest) => ({ slug: (request.params as { slug: string }).slug });
