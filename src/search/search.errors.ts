import { AppError } from '../platform/errors.ts';

/**
 * The search took longer than SEARCH_TIMEOUT_MS and PostgreSQL cancelled it. Not the user's
 * fault and not a crash: the page asks to narrow the search, the API answers 503.
 */
export const createSearchTimeoutError = (cause?: unknown) => new AppError('search.timeout', 503, { cause });

/** SQLSTATE 57014 (query_canceled): a statement timeout or a cancel request. */
export const isQueryCanceled = (error: unknown): boolean => (error as { code?: string } | undefined)?.code === '57014';
