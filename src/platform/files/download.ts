import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from './file-name.ts';
import type { FileStore } from './storage.ts';

/** A sandbox without permissions: should a browser render the file anyway, nothing in it runs. */
export const FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

/**
 * Route options for every route that calls sendStoredFile. The app-wide security headers
 * (an onSend hook) set the page CSP on every response; a route-level onSend runs after them and
 * puts the download's own, stricter policy back.
 */
export const FILE_DOWNLOAD_ROUTE = {
  onSend: async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header('content-security-policy', FILE_CONTENT_SECURITY_POLICY);
    return payload;
  },
};

export interface StoredFileInfo {
  key: string;
  /** Made safe at upload (safeFileName). */
  fileName: string;
  /** The sniffed type stored with the file, never the uploader's. */
  contentType: string;
  byteSize: number;
}

/**
 * Sends a stored file so that a browser can never run it as part of Leerkring: always a
 * download (or an inline image, when asked), with its sniffed type, `nosniff`, and a CSP that
 * sandboxes it should a browser render it anyway. Not cached: access can be taken away.
 * Rejects with StoredFileNotFoundError (a 404) when the bytes are gone. Declare the route with
 * FILE_DOWNLOAD_ROUTE, or the app-wide page CSP replaces the sandbox.
 */
export async function sendStoredFile(reply: FastifyReply, store: FileStore, file: StoredFileInfo, options: { inline?: boolean } = {}): Promise<FastifyReply> {
  const stream = await store.get(file.key);
  // Only images may be shown in the page; a PDF or an Office file inline would open in the tab.
  const isInline = options.inline === true && file.contentType.startsWith('image/');
  return reply
    .status(200)
    .header('content-type', file.contentType)
    .header('content-length', String(file.byteSize))
    .header('content-disposition', contentDisposition(file.fileName, isInline ? 'inline' : 'attachment'))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', FILE_CONTENT_SECURITY_POLICY)
    .header('cache-control', 'private, no-store')
    .send(stream);
}
