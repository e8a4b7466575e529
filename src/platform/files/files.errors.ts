import { AppError } from '../errors.ts';

/** Why an upload was refused; each has a message `files.rejected.<reason>`. */
export type UploadRejectionReason = 'type_not_allowed' | 'empty' | 'image_unreadable';

/**
 * The bytes of an upload are not something Leerkring keeps. A 422 with a field error, so a
 * form can show it beside the file input and the API lists it in `invalidParams`.
 */
export class UploadRejectedError extends AppError {
  readonly reason: UploadRejectionReason;
  constructor(reason: UploadRejectionReason, options: { field?: string; cause?: unknown } = {}) {
    super(`files.rejected.${reason}`, 422, { fields: [{ field: options.field ?? 'file', code: `files.rejected.${reason}` }], cause: options.cause });
    this.name = 'UploadRejectedError';
    this.reason = reason;
  }
}

/** No stored file under this key: the caller shows 404, like any other missing item. */
export class StoredFileNotFoundError extends AppError {
  constructor(readonly key: string) {
    super('common.not_found', 404);
    this.name = 'StoredFileNotFoundError';
  }
}

export const isStoredFileNotFound = (error: unknown): error is StoredFileNotFoundError => error instanceof StoredFileNotFoundError;

/** One file of an upload is larger than ATTACHMENT_MAX_BYTES. */
export const createFileTooLargeError = (field: string, maxBytes: number) =>
  new AppError('files.too_large', 413, { fields: [{ field, code: 'files.too_large_max', params: { max: megabytes(maxBytes) } }] });

/** An upload carries more files than ATTACHMENT_MAX_FILES. */
export const createTooManyFilesError = (field: string, maxFiles: number) =>
  new AppError('files.too_many', 413, { fields: [{ field, code: 'files.too_many_max', params: { count: maxFiles } }] });

/** Sizes are shown in whole megabytes where they are whole (20 MB), else to one decimal (1,5 MB). */
export const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
