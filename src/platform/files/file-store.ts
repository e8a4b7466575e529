import type { Config } from '../config.ts';
import { createS3FileStore } from './s3-store.ts';
import { createLocalFileStore, type FileStore } from './storage.ts';

/** The store the config asks for: a bucket with FILE_STORE=s3, else DATA_DIR/files. */
export function createFileStore(config: Pick<Config, 'fileStore' | 'filesDir' | 's3'>): FileStore {
  if (config.fileStore === 's3' && config.s3) return createS3FileStore(config.s3);
  return createLocalFileStore(config.filesDir);
}
