import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { FILE_DOWNLOAD_ROUTE, sendStoredFile } from './download.ts';
import { inspectUpload, type InspectedFile } from './inspect.ts';
import { uploadedFiles } from './multipart.ts';
import { createLocalFileStore } from './storage.ts';
import { buildUploadTestApp, multipartBody, type UploadTestApp } from './test-app.ts';
import * as fixtures from './test-fixtures.ts';

let dir: string;
let test: UploadTestApp;
/** Stands in for the practice_attachments table. */
const stored = new Map<string, InspectedFile & { key: string }>();

before(async () => {
  dir = await fixtures.tempDir();
  const store = createLocalFileStore(path.join(dir, 'store'));
  test = await buildUploadTestApp({ maxFileBytes: 1024 * 1024, maxFiles: 5, tmpDir: path.join(dir) }, (scope) => {
    // The flow the practices feature follows: inspect each upload, store the bytes, keep the facts.
    scope.post('/bijlagen', async (request) => {
      const ids = [];
      for (const upload of uploadedFiles(request.body, 'bijlage')) {
        const file = await inspectUpload({ path: upload.path, declaredName: upload.declaredName, field: 'bijlage' });
        const key = `attachments/${randomUUID()}`;
        await store.put(key, file.path, file.contentType);
        const id = randomUUID();
        stored.set(id, { ...file, key });
        ids.push(id);
      }
      return { ids };
    });
    scope.get<{ Params: { id: string }; Querystring: { inline?: string } }>('/bijlagen/:id', FILE_DOWNLOAD_ROUTE, async (request, reply) => {
      const file = stored.get(request.params.id);
      if (!file) throw new Error('no such row');
      return sendStoredFile(reply, store, file, { inline: request.query.inline === '1' });
    });
  });
});
after(async () => {
  await test.app.close();
  await rm(dir, { recursive: true, force: true });
});

async function upload(filename: string, content: Buffer) {
  const { cookie, csrf } = await test.session();
  const { payload, contentType } = multipartBody([{ name: '_csrf', value: csrf }, { name: 'bijlage', filename, type: 'image/jpeg', content }]);
  return test.app.inject({ method: 'POST', url: '/bijlagen', payload, headers: { 'content-type': contentType, cookie, accept: 'application/json' } });
}

describe('uploading and downloading attachments', () => {
  it('serves a PDF as a download with its sniffed type, nosniff and a sandbox', async () => {
    const response = await upload('..\\..\\verslag\u202Efdp.exe', fixtures.pdf());
    assert.equal(response.statusCode, 200, response.body);
    const [id] = response.json().ids as string[];
    const download = await test.app.inject({ method: 'GET', url: `/bijlagen/${id}?inline=1` });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['content-disposition'], `attachment; filename="verslagfdp.pdf"; filename*=UTF-8''verslagfdp.pdf`, 'a PDF is never inline');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(download.headers['content-security-policy'], "default-src 'none'; sandbox");
    assert.equal(download.headers['cache-control'], 'private, no-store');
    assert.equal(download.headers['content-length'], String(fixtures.pdf().length));
    assert.deepEqual(download.rawPayload, fixtures.pdf());
  });

  it('serves a re-encoded image, inline when asked, without the polyglot payload', async () => {
    const response = await upload('foto.jpg', await fixtures.jpegPolyglot());
    const [id] = response.json().ids as string[];
    const download = await test.app.inject({ method: 'GET', url: `/bijlagen/${id}?inline=1` });
    assert.equal(download.headers['content-type'], 'image/jpeg');
    assert.match(String(download.headers['content-disposition']), /^inline; filename="foto.jpg"/);
    assert.ok(!download.rawPayload.includes('<script'));
    assert.equal((await sharp(download.rawPayload).metadata()).format, 'jpeg');
    const asFile = await test.app.inject({ method: 'GET', url: `/bijlagen/${id}` });
    assert.match(String(asFile.headers['content-disposition']), /^attachment;/);
  });

  it('refuses an HTML upload with 422 and the reason, and keeps nothing', async () => {
    const before = stored.size;
    const response = await upload('factuur.pdf', fixtures.html());
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().code, 'files.rejected.type_not_allowed');
    assert.match(response.json().invalidParams[0].reason, /^Dit type bestand kan niet worden toegevoegd/);
    assert.equal(stored.size, before);
  });

  it('answers 404 when the stored bytes are gone', async () => {
    const id = randomUUID();
    stored.set(id, { key: `attachments/${randomUUID()}`, fileName: 'weg.pdf', contentType: 'application/pdf', extension: 'pdf', isImage: false, byteSize: 10, path: '' });
    const response = await test.app.inject({ method: 'GET', url: `/bijlagen/${id}`, headers: { accept: 'application/json' } });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().code, 'common.not_found');
  });
});
