/**
 * Errors are data: a dotted code, an HTTP status, optional field errors. One handler
 * (platform/http/error-handler) renders them as an HTML page or as problem+json.
 */
export interface FieldError {
  /** Field name as in the form and the API body, e.g. `email`. */
  field: string;
  /** Message key in the i18n catalogue, e.g. `validation.required`. */
  code: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: FieldError[];
  readonly headers: Record<string, string>;

  constructor(code: string, status: number, options: { fields?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.fields = options.fields ?? [];
    this.headers = options.headers ?? {};
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

export const createNotFoundError = (code = 'common.not_found') => new AppError(code, 404);
export const createForbiddenError = (code = 'common.forbidden') => new AppError(code, 403);
export const createUnauthenticatedError = () => new AppError('common.unauthenticated', 401);
export const createValidationError = (fields: FieldError[], code = 'common.validation') => new AppError(code, 422, { fields });
export const createConflictError = (code: string, fields: FieldError[] = []) => new AppError(code, 409, { fields });
export const createRateLimitedError = (retryAfterSeconds: number) =>
  new AppError('common.rate_limited', 429, { headers: { 'retry-after': String(retryAfterSeconds) } });

/**
 * For `.catch()` on loading what an item belongs to: the parent's "not found" becomes the item's
 * own (a remark of a story you may not read is "remark not found"); any other error stays.
 */
export const rethrowNotFoundAs = (create: () => AppError) => (error: unknown): never => {
  throw isAppError(error) && error.status === 404 ? create() : error;
};

export const isValidationError = (error: unknown): error is AppError => isAppError(error) && error.status === 422;
