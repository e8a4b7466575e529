import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { access, readdir, readFile, rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import net from 'node:net';
import { isUploadedFile, uploadedFiles, type UploadedFile } from './multipart.ts';
import { buildUploadTestApp, multipartBody, type Part, type UploadTestApp } from './test-app.ts';
import { tempDir } from './test-fixtures.ts';

const MAX_FILE_BYTES = 3 * 1024 * 1024;
let tmpDir: string;
let test: UploadTestApp;
/** What the upload route saw, for assertions after the response. */
let seen: { body: unknown; files: { file: UploadedFile; bytes: Buffer }[] } | undefined;

before(async () => {
  tmpDir = await tempDir();
  test = await buildUploadTestApp(
    { maxFileBytes: MAX_FILE_BYTES, maxFiles: 2, tmpDir },
    (scope) => {
      scope.post('/upload', async (request) => {
        const files = uploadedFiles(request.body, 'bijlage');
        seen = { body: request.body, files: await Promise.all(files.map(async (file) => ({ file, bytes: await readFile(file.path) }))) };
        return { ok: true };
      });
    },
    (app) => app.post('/elders', async () => ({ ok: true })),
  );
});
after(async () => {
  await test.app.close();
  await rm(tmpDir, { recursive: true, force: true });
});

async function post(app: FastifyInstance, parts: Part[], options: { cookie?: string; accept?: string; url?: string } = {}) {
  const { payload, contentType } = multipartBody(parts);
  return app.inject({ method: 'POST', url: options.url ?? '/upload', payload, headers: { 'content-type': contentType, cookie: options.cookie ?? '', accept: options.accept ?? 'application/json' } });
}

/** Temp files go in onResponse, which may run just after inject() has the response. */
async function assertNoTempFiles() {
  for (let i = 0; i < 50 && (await readdir(tmpDir)).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(await readdir(tmpDir), []);
}

function lastSeen() {
  assert.ok(seen, 'the route ran');
  return seen;
}

describe('multipart forms', () => {
  it('gives text fields as strings, repeated ones as arrays, files as temp files; drops empty file inputs', async () => {
    const { cookie, csrf } = await test.session();
    seen = undefined;
    const response = await post(test.app, [
      { name: '_csrf', value: csrf },
      { name: 'titel', value: 'Ons verhaal' },
      { name: 'tag', value: 'wmo' },
      { name: 'tag', value: 'jeugd' },
      { name: 'bijlage', filename: 'verslag.pdf', type: 'application/pdf', content: '%PDF-1.4 inhoud' },
      { name: 'bijlage', filename: '', content: '' },
      { name: 'leeg', filename: '', content: '' },
    ], { cookie });
    assert.equal(response.statusCode, 200, response.body);
    const { body: raw, files } = lastSeen();
    const body = raw as Record<string, unknown>;
    assert.equal(body.titel, 'Ons verhaal');
    assert.deepEqual(body.tag, ['wmo', 'jeugd']);
    assert.equal(body._csrf, csrf);
    assert.equal('leeg' in body, false);
    assert.equal(files.length, 1);
    const [{ file, bytes }] = files as [{ file: UploadedFile; bytes: Buffer }];
    assert.deepEqual({ ...file, path: undefined }, { fieldName: 'bijlage', declaredName: 'verslag.pdf', declaredType: 'application/pdf', byteSize: 15, path: undefined });
    assert.ok(file.path.startsWith(tmpDir));
    assert.equal(bytes.toString(), '%PDF-1.4 inhoud');
    await assertNoTempFiles();
    await assert.rejects(access(file.path), 'the temp file is gone once the response is sent');
  });

  it('streams files larger than the app-wide body limit, up to ATTACHMENT_MAX_BYTES', async () => {
    const { cookie, csrf } = await test.session();
    const content = Buffer.alloc(2 * 1024 * 1024, 7);
    const response = await post(test.app, [{ name: '_csrf', value: csrf }, { name: 'bijlage', filename: 'groot.pdf', content }], { cookie });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(lastSeen().files[0]?.file.byteSize, content.length);
    assert.ok(lastSeen().files[0]?.bytes.equals(content));
    await assertNoTempFiles();
  });

  it('refuses a multipart post without a valid CSRF token (403), and removes its files', async () => {
    const { cookie, csrf } = await test.session();
    const file: Part = { name: 'bijlage', filename: 'a.pdf', content: '%PDF-1.4' };
    const missing = await post(test.app, [file], { cookie });
    assert.equal(missing.statusCode, 403);
    assert.equal(missing.json().code, 'common.csrf');
    const forged = await post(test.app, [{ name: '_csrf', value: csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, file], { cookie });
    assert.equal(forged.statusCode, 403);
    const otherSession = await post(test.app, [{ name: '_csrf', value: csrf }, file], { cookie: (await test.session()).cookie });
    assert.equal(otherSession.statusCode, 403);
    const repeated = await post(test.app, [{ name: '_csrf', value: csrf }, { name: '_csrf', value: csrf }, file], { cookie });
    assert.equal(repeated.statusCode, 403, 'a repeated _csrf is an array, not a token');
    await assertNoTempFiles();
    const valid = await post(test.app, [{ name: '_csrf', value: csrf }, file], { cookie });
    assert.equal(valid.statusCode, 200);
  });

  it('answers 413 for a file over the limit, as problem+json and as a page, and removes the partial file', async () => {
    const { cookie, csrf } = await test.session();
    const parts: Part[] = [{ name: '_csrf', value: csrf }, { name: 'bijlage', filename: 'te-groot.pdf', content: Buffer.alloc(MAX_FILE_BYTES + 1, 1) }];
    const json = await post(test.app, parts, { cookie });
    assert.equal(json.statusCode, 413);
    assert.equal(json.headers['content-type'], 'application/problem+json; charset=utf-8');
    const problem = json.json();
    assert.equal(problem.code, 'files.too_large');
    assert.deepEqual(problem.invalidParams, [{ name: 'bijlage', code: 'files.too_large_max', reason: 'Het bestand is groter dan 3 MB.' }]);
    const page = await post(test.app, parts, { cookie, accept: 'text/html' });
    assert.equal(page.statusCode, 413);
    assert.match(page.body, /Een bestand is te groot\./);
    await assertNoTempFiles();
  });

  it('refuses more files than allowed with 413 and a clear message', async () => {
    const { cookie, csrf } = await test.session();
    const file = (n: number): Part => ({ name: 'bijlage', filename: `${n}.pdf`, content: '%PDF-1.4' });
    const response = await post(test.app, [{ name: '_csrf', value: csrf }, file(1), file(2), file(3)], { cookie });
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().code, 'files.too_many');
    assert.equal(response.json().invalidParams[0].reason, 'Je kunt hoogstens 2 bestanden tegelijk toevoegen.');
    await assertNoTempFiles();
  });

  it('is only there for the routes in its scope', async () => {
    const { cookie, csrf } = await test.session();
    const response = await post(test.app, [{ name: '_csrf', value: csrf }, { name: 'bijlage', filename: 'a.pdf', content: '%PDF' }], { cookie, url: '/elders' });
    assert.equal(response.statusCode, 415);
  });

  it('never takes a look-alike object from a JSON body for an upload', async () => {
    const { cookie, csrf } = await test.session();
    const forged = { fieldName: 'bijlage', declaredName: 'passwd', declaredType: 'text/plain', path: '/etc/passwd', byteSize: 10 };
    const response = await test.app.inject({ method: 'POST', url: '/upload', payload: { _csrf: csrf, bijlage: forged }, headers: { cookie, accept: 'application/json' } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(lastSeen().files, []);
    assert.equal(isUploadedFile(forged), false);
  });

  it('removes the temp file of an upload the client abandons half-way', async () => {
    const { cookie, csrf } = await test.session();
    await test.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = test.app.server.address() as net.AddressInfo;
    const { payload, contentType } = multipartBody([{ name: '_csrf', value: csrf }, { name: 'bijlage', filename: 'half.pdf', content: Buffer.alloc(2 * 1024 * 1024, 3) }]);
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`);
    socket.write(payload.subarray(0, 1024 * 1024));
    // Wait until the server has started writing the temp file, then hang up.
    for (let i = 0; i < 100 && (await readdir(tmpDir)).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal((await readdir(tmpDir)).length, 1, 'the upload was being written');
    socket.destroy();
    await assertNoTempFiles();
  });
});
