import { copyFile, mkdir, open, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StoredFileNotFoundError } from './files.errors.ts';

/**
 * Where attachment bytes live. Keys are made by the caller (uuids, optionally with `/`
 * prefixes); the database row holds name, type and size, the store only bytes.
 */
export interface FileStore {
  /** Stores the bytes of a temp file (by path) or a buffer under `key`, replacing any before. */
  put(key: string, file: string | Buffer, contentType: string): Promise<void>;
  /** The bytes under `key`; rejects with StoredFileNotFoundError when there are none. */
  get(key: string): Promise<Readable>;
  /** Removes `key`; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
}

/**
 * Keys become file paths and URL paths. Callers make them from uuids, but a key is still
 * checked, so that no mistake upstream can write outside the store (`..`, absolute paths).
 */
const KEY = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

export function assertValidKey(key: string): void {
  if (key.length > 512 || !KEY.test(key)) throw new Error(`Invalid file store key: ${JSON.stringify(key.slice(0, 80))}`);
}

export function createLocalFileStore(dir: string): FileStore {
  const root = path.resolve(dir);
  const fullPath = (key: string) => {
    assertValidKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, file) {
      const target = fullPath(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Written under a temp name beside the target and renamed: a reader never sees half a file.
      const temp = path.join(path.dirname(target), `.tmp-${randomUUID()}`);
      try {
        if (typeof file === 'string') await copyFile(file, temp);
        else await writeFile(temp, file, { flag: 'wx', mode: 0o600 });
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      // Opened before returning, so a missing file is an error here and not later in the stream.
      let handle;
      try {
        handle = await open(fullPath(key), 'r');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') throw new StoredFileNotFoundError(key);
        throw error;
      }
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw new StoredFileNotFoundError(key);
      }
      return handle.createReadStream();
    },
    async delete(key) {
      try {
        await unlink(fullPath(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
  };
}
