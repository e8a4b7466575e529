import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import type { S3Config } from '../config.ts';
import { StoredFileNotFoundError } from './files.errors.ts';
import { assertValidKey, type FileStore } from './storage.ts';

/**
 * An S3-compatible bucket (AWS, MinIO, Ceph, Garage), spoken to with signed fetch requests.
 * A put sends the whole file as one body: attachments are bounded by ATTACHMENT_MAX_BYTES,
 * and S3 wants a Content-Length up front, which a streamed fetch body does not give.
 */
export function createS3FileStore(options: S3Config): FileStore {
  const client = new AwsClient({ accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, service: 's3', region: options.region, retries: 2 });
  const endpoint = new URL(options.endpoint);
  const objectUrl = (key: string) => {
    assertValidKey(key);
    if (options.forcePathStyle) return `${endpoint.origin}/${options.bucket}/${key}`;
    return `${endpoint.protocol}//${options.bucket}.${endpoint.host}/${key}`;
  };
  const fail = async (response: Response, action: string, key: string) => {
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    return new Error(`S3 ${action} of ${key} failed: ${response.status} ${detail}`);
  };
  return {
    async put(key, file, contentType) {
      const bytes = typeof file === 'string' ? await readFile(file) : file;
      const body = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
      const response = await client.fetch(objectUrl(key), { method: 'PUT', body, headers: { 'content-type': contentType } });
      if (!response.ok) throw await fail(response, 'put', key);
      await response.body?.cancel();
    },
    async get(key) {
      const response = await client.fetch(objectUrl(key), { method: 'GET' });
      if (response.status === 404) {
        await response.body?.cancel();
        throw new StoredFileNotFoundError(key);
      }
      if (!response.ok || !response.body) throw await fail(response, 'get', key);
      return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    },
    async delete(key) {
      const response = await client.fetch(objectUrl(key), { method: 'DELETE' });
      await response.body?.cancel();
      // S3 answers 204 whether or not the object was there; some compatible stores answer 404.
      if (!response.ok && response.status !== 404) throw new Error(`S3 delete of ${key} failed: ${response.status}`);
    },
  };
}
