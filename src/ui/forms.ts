import type { FastifyRequest } from 'fastify';
import { isAppError } from '../platform/errors.ts';
import type { FormState } from './components.tsx';

export type FormResult<T> = { ok: true; value: T } | { ok: false; form: FormState; status: 422 };

const NEVER_ECHO = /password|_csrf|token/i;

/**
 * Runs a form action. An error that names fields becomes a form to re-render, with what the
 * user typed (never passwords) and the messages; anything else propagates to the error handler.
 */
export async function runForm<T>(request: FastifyRequest, action: () => Promise<T>): Promise<FormResult<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (isAppError(error) && error.fields.length > 0) {
      // 422 for every re-rendered form: the page is fine, the input is not (a 401 here would
      // make browsers treat the log-in page as an authentication challenge).
      return { ok: false, form: { values: formValues(request.body), errors: error.fields }, status: 422 };
    }
    throw error;
  }
}

export function formValues(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter(([key]) => !NEVER_ECHO.test(key)));
}
