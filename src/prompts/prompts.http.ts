import type { FastifyRequest } from 'fastify';
import { parsePageNumber } from '../platform/paging.ts';

/** Route parameters and page queries of the prompts pages, read in one place. */
export { idOf, slugOf } from '../platform/http/params.ts';
export const pageOf = (request: FastifyRequest, pageSize = 20) => ({ page: parsePageNumber((request.query as Record<string, unknown> | undefined)?.pagina), pageSize });
export const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
