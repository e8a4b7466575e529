import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import multipart from '@fastify/multipart';
import { AppError, isAppError } from '../errors.ts';
import { createFileTooLargeError, createTooManyFilesError } from './files.errors.ts';

/** One file of a multipart form, streamed to a temp file that is removed when the response is sent. */
export interface UploadedFile {
  fieldName: string;
  /** As the browser sent it: untrusted, pass it through inspectUpload. */
  declaredName: string;
  declaredType: string;
  path: string;
  byteSize: number;
}

export type MultipartBody = Record<string, string | string[] | UploadedFile | UploadedFile[]>;

export interface MultipartFormOptions {
  maxFileBytes: number;
  maxFiles: number;
  /** Where temp files go; os.tmpdir() when absent. */
  tmpDir?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Temp files of this request's multipart body, removed when the response is done. */
    uploadTempFiles: string[] | null;
  }
}

/**
 * Only objects this plugin made count as uploads. A JSON body to the same route could
 * otherwise carry `{ path: '/etc/passwd' }` and have the server store its own files.
 */
const uploads = new WeakSet<object>();
export const isUploadedFile = (value: unknown): value is UploadedFile => typeof value === 'object' && value !== null && uploads.has(value);

/** The files a form sent in `field` (none when it sent none, or is not multipart). */
export function uploadedFiles(body: unknown, field: string): UploadedFile[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  return [value].flat().filter(isUploadedFile);
}

/** Text fields beyond these are refused with 413: a form has a handful, and bodies of text. */
const MAX_FIELDS = 100;
const MAX_FIELD_BYTES = 1024 * 1024;
/** Browsers send an empty part for a file input left empty; busboy counts those as files too. */
const EMPTY_PART_SLACK = 10;

/**
 * Multipart forms (`enctype="multipart/form-data"`) as a plain `request.body`: text fields as
 * strings (repeated names as string[]), files as UploadedFile. Register it inside the
 * encapsulated scope of the upload routes only. The body is read in preValidation, before the
 * CSRF check (a preHandler) reads `_csrf` from it.
 */
export const multipartForms = fp(async (app: FastifyInstance, options: MultipartFormOptions) => {
  const tmpDir = options.tmpDir ?? os.tmpdir();
  await app.register(multipart, { throwFileSizeLimit: true });
  app.decorateRequest('uploadTempFiles', null);

  app.addHook('onRequest', async (request, reply) => {
    // A client that disconnects early gets no onResponse; the temp files still go.
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) void removeTempFiles(request);
    });
  });
  app.addHook('onResponse', async (request) => removeTempFiles(request));

  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    request.uploadTempFiles = [];
    try {
      // Filled as the parts arrive: when a file is refused as too large, the text fields before it
      // are still there, so a form can come back with what was typed (its file input goes last).
      // No prototype: a field named `__proto__` or `constructor` is just a field.
      const body = Object.create(null) as MultipartBody;
      request.body = body;
      await readForm(request, options, tmpDir, body);
    } catch (error) {
      await removeTempFiles(request);
      throw toUploadError(error, options);
    }
  });
});

async function readForm(request: FastifyRequest, options: MultipartFormOptions, tmpDir: string, body: MultipartBody): Promise<void> {
  const add = (name: string, value: string | UploadedFile) => {
    const existing = body[name];
    if (existing === undefined) body[name] = value;
    else body[name] = [existing, value].flat() as string[] | UploadedFile[];
  };
  let fileCount = 0;
  const parts = request.parts({
    limits: { fileSize: options.maxFileBytes, files: options.maxFiles + EMPTY_PART_SLACK, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + options.maxFiles + EMPTY_PART_SLACK },
  });
  for await (const part of parts) {
    if (part.type === 'field') {
      if (part.valueTruncated) throw new AppError('common.too_large', 413);
      add(part.fieldname, typeof part.value === 'string' ? part.value : String(part.value));
      continue;
    }
    if (part.filename === '') {
      // A file input left empty: nothing chosen, nothing to keep.
      part.file.resume();
      continue;
    }
    if (++fileCount > options.maxFiles) throw createTooManyFilesError(part.fieldname, options.maxFiles);
    const filePath = path.join(tmpDir, `leerkring-upload-${randomUUID()}`);
    request.uploadTempFiles?.push(filePath);
    let byteSize = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        byteSize += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(part.file, counter, createWriteStream(filePath, { flags: 'wx', mode: 0o600 }));
    if (part.file.truncated) throw createFileTooLargeError(part.fieldname, options.maxFileBytes);
    const file: UploadedFile = { fieldName: part.fieldname, declaredName: part.filename, declaredType: part.mimetype, path: filePath, byteSize };
    uploads.add(file);
    add(part.fieldname, file);
  }
}

function toUploadError(error: unknown, options: MultipartFormOptions): unknown {
  if (isAppError(error)) return error;
  const code = (error as { code?: string }).code;
  const field = (error as { part?: { fieldname?: string } }).part?.fieldname ?? 'file';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return createFileTooLargeError(field, options.maxFileBytes);
  if (code === 'FST_FILES_LIMIT') return createTooManyFilesError(field, options.maxFiles);
  // A body cut off halfway (or otherwise not a multipart body busboy can read) is the client's error.
  if (error instanceof Error && /unexpected end of (form|multipart data)|malformed part header|multipart: boundary not found/i.test(error.message)) return new AppError('common.bad_request', 400);
  return error;
}

async function removeTempFiles(request: FastifyRequest): Promise<void> {
  // The list is kept: removing twice is harmless, and a write still under way when the
  // client went away is removed by the next call (the failed read's own cleanup).
  const files = request.uploadTempFiles ?? [];
  await Promise.all(files.map((file) => rm(file, { force: true })));
}
