import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { randomUUID } from 'node:crypto';
import S3rver from 's3rver';
import { createLocalFileStore, type FileStore } from './storage.ts';
import { createS3FileStore } from './s3-store.ts';
import { StoredFileNotFoundError } from './files.errors.ts';
import { tempDir, writeTemp } from './test-fixtures.ts';

let dir: string;
let s3: S3rver;
let s3Endpoint: string;
const bucket = 'leerkring-test';

before(async () => {
  dir = await tempDir();
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(dir, 's3rver'), configureBuckets: [{ name: bucket }] });
  const { port } = await s3.run();
  s3Endpoint = `http://127.0.0.1:${port}`;
});
after(async () => {
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

/** The same contract for every store. */
function contract(name: string, makeStore: () => FileStore) {
  describe(`${name} file store`, () => {
    it('round-trips a buffer and a temp file, and deletes', async () => {
      const store = makeStore();
      const key = `practices/${randomUUID()}`;
      const bytes = Buffer.from(`%PDF-1.4 ${'x'.repeat(70_000)} éé`);
      await store.put(key, bytes, 'application/pdf');
      assert.deepEqual(await buffer(await store.get(key)), bytes);

      const fromFile = Buffer.from('tweede versie');
      await store.put(key, await writeTemp(dir, fromFile), 'text/plain');
      assert.deepEqual(await buffer(await store.get(key)), fromFile);

      await store.delete(key);
      await assert.rejects(store.get(key), StoredFileNotFoundError);
    });

    it('reports a missing key as not found (404), and deleting it again is fine', async () => {
      const store = makeStore();
      const key = randomUUID();
      await assert.rejects(store.get(key), (error: unknown) => error instanceof StoredFileNotFoundError && error.status === 404);
      await store.delete(key);
      await store.delete(key);
    });

    it('refuses keys that could leave the store', async () => {
      const store = makeStore();
      for (const key of ['../escape', '/etc/passwd', 'a/../../b', 'a//b', 'a/', '', 'naam met spatie', 'a\\b', 'a\0b', 'x.pdf']) {
        await assert.rejects(store.put(key, Buffer.from('x'), 'application/pdf'), /Invalid file store key/, key);
        await assert.rejects(store.get(key), /Invalid file store key/, key);
        await assert.rejects(store.delete(key), /Invalid file store key/, key);
      }
    });
  });
}

contract('local', () => createLocalFileStore(path.join(dir, 'local')));
contract('S3', () => createS3FileStore({ endpoint: s3Endpoint, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true }));

describe('local file store', () => {
  it('leaves no temp files behind, and only the stored file in its folder', async () => {
    const root = path.join(dir, `local-${randomUUID()}`);
    const store = createLocalFileStore(root);
    await Promise.all(Array.from({ length: 5 }, (_, i) => store.put('same/key', Buffer.alloc(50_000, i), 'application/pdf')));
    assert.deepEqual(await readdir(path.join(root, 'same')), ['key']);
  });
});

describe('S3 file store', () => {
  // s3rver checks the access key but does not verify V4 signatures; the signing itself is aws4fetch's.
  it('fails loudly with an unknown access key', async () => {
    const store = createS3FileStore({ endpoint: s3Endpoint, bucket, region: 'us-east-1', accessKeyId: 'NOBODY', secretAccessKey: 'wrong', forcePathStyle: true });
    await assert.rejects(store.put(randomUUID(), Buffer.from('x'), 'application/pdf'), /S3 put .* failed: 403/);
    await assert.rejects(store.get(randomUUID()), /S3 get .* failed: 403/);
  });
});
