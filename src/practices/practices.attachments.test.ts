import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { actorOf, bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient, type TestClient } from '../../test/harness.ts';
import { FILE_CONTENT_SECURITY_POLICY } from '../platform/files/download.ts';
import { multipartBody, type Part } from '../platform/files/test-app.ts';
import { SCRIPT_PAYLOAD, elf, html, jpegPolyglot, jpegWithExif, pdf, svgWithScript, tempDir, writeTemp } from '../platform/files/test-fixtures.ts';
import { withAttachments } from './attachments.usecases.ts';
import { sharePractice } from './practices.usecases.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Every file in the store, relative to it: what a failed upload must not leave behind. */
async function storedFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

const uploadTemps = async () => new Set((await readdir(os.tmpdir())).filter((name) => name.startsWith('leerkring-upload-')));

/** Temp files go in onResponse, just after inject() has the response; other test files upload too, so only ours count. */
async function assertNoNewTempFiles(before: Set<string>) {
  let left: string[] = [];
  for (let i = 0; i < 100; i++) {
    left = [...(await uploadTemps())].filter((name) => !before.has(name));
    if (left.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.deepEqual(left, [], 'no upload temp files are left');
}

/** A multipart form post as the browser sends it, with the session and the CSRF token of the client. */
function postMultipart(client: TestClient, url: string, parts: Part[]) {
  const { payload, contentType } = multipartBody([{ name: '_csrf', value: client.csrf }, ...parts]);
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return client.app.inject({ method: 'POST', url, payload, headers: { cookie, 'content-type': contentType, accept: 'text/html' } });
}

const storyParts = (title: string): Part[] => [
  { name: 'title', value: title },
  { name: 'situation', value: 'Een moeder met drie kinderen en schulden.' },
  { name: 'action', value: 'We maakten samen een overzicht.' },
  { name: 'tags', value: 'schulden, overzicht' },
];

async function world(t: TestApp) {
  const org = await createTestOrganisation(t.deps);
  const author = await createTestUser(t.deps, org.id);
  const outsider = await createTestUser(t.deps, (await createTestOrganisation(t.deps)).id);
  const community = await createTestCommunity(t.deps, org.id, { visibility: 'secret', members: [{ userId: author.id }] });
  const client = await sessionClient(t.deps, t.app, author.id);
  assert.equal((await client.get(`/gemeenschappen/${community.slug}/praktijk/nieuw`)).statusCode, 200);
  return { org, author, outsider, community, client };
}

const practicesWithTitle = async (t: TestApp, title: string) => (await t.deps.db.selectFrom('practices').select('id').where('title', '=', title).execute()).map((r) => r.id);
const attachmentsOf = (t: TestApp, practiceId: string) => t.deps.db.selectFrom('practice_attachments').selectAll().where('practice_id', '=', practiceId).orderBy('created_at').execute();

describe('practice attachments through the real routes', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  /** Shares a story with these files through the form; returns the story id. */
  async function shareWith(client: TestClient, slug: string, files: Part[]) {
    const title = `Verhaal met bijlage ${randomUUID().slice(0, 8)}`;
    const response = await postMultipart(client, `/gemeenschappen/${slug}/praktijk`, [...storyParts(title), ...files]);
    assert.equal(response.statusCode, 303, response.body.slice(0, 2000));
    const id = String(response.headers.location).match(/\/praktijk\/([0-9a-f-]{36})/)?.[1];
    assert.ok(id, `redirected to the story: ${response.headers.location}`);
    return id;
  }

  it('strips EXIF from a shared photo and sends downloads as sandboxed attachments; the preview is inline for images only', async () => {
    const w = await world(t);
    const original = await jpegWithExif();
    assert.ok(original.includes('LeerkringCamMake'), 'the fixture carries EXIF');
    const id = await shareWith(w.client, w.community.slug, [
      { name: 'files', filename: 'foto van het gesprek.jpg', type: 'image/jpeg', content: original },
      { name: 'files', filename: 'verslag.pdf', type: 'application/pdf', content: pdf() },
    ]);
    const [photo, report] = await attachmentsOf(t, id);
    assert.ok(photo && report);
    assert.deepEqual([photo.file_name, photo.content_type, photo.is_image], ['foto van het gesprek.jpg', 'image/jpeg', true]);
    assert.deepEqual([report.file_name, report.content_type, report.is_image], ['verslag.pdf', 'application/pdf', false]);

    const download = await w.client.get(`/bijlagen/${photo.id}`);
    assert.equal(download.statusCode, 200);
    const bytes = download.rawPayload;
    assert.ok(!bytes.includes('LeerkringCamMake') && !bytes.includes('LeerkringCamModel'), 'no camera in the bytes');
    const metadata = await sharp(bytes).metadata();
    assert.equal(metadata.exif, undefined, 'no EXIF block');
    assert.equal(metadata.format, 'jpeg');
    assert.equal(download.headers['content-type'], 'image/jpeg');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="foto van het gesprek\.jpg"/);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(download.headers['content-security-policy'], FILE_CONTENT_SECURITY_POLICY);
    assert.match(String(download.headers['content-security-policy']), /sandbox/);

    const preview = await w.client.get(`/bijlagen/${photo.id}/voorbeeld`);
    assert.equal(preview.statusCode, 200);
    assert.match(String(preview.headers['content-disposition']), /^inline;/);
    assert.equal(preview.headers['content-security-policy'], FILE_CONTENT_SECURITY_POLICY);
    const pdfPreview = await w.client.get(`/bijlagen/${report.id}/voorbeeld`);
    assert.match(String(pdfPreview.headers['content-disposition']), /^attachment;/, 'a PDF is never shown inline');
    assert.equal(pdfPreview.headers['x-content-type-options'], 'nosniff');

    // The story page lists both; someone outside the secret community gets 404 for each file.
    const page = (await w.client.get(`/praktijk/${id}`)).body;
    assert.ok(page.includes('foto van het gesprek.jpg') && page.includes('verslag.pdf'));
    const outsider = await sessionClient(t.deps, t.app, w.outsider.id);
    for (const url of [`/bijlagen/${photo.id}`, `/bijlagen/${photo.id}/voorbeeld`, `/bijlagen/${report.id}`]) assert.equal((await outsider.get(url)).statusCode, 404, url);
    const token = await createTestPersonalAccessToken(t.deps, w.outsider.id);
    assert.equal((await bearerRequest(t.app, token, 'GET', `/api/v1/attachments/${photo.id}`)).statusCode, 404);
  });

  it('re-encodes a JPEG polyglot so its payload is gone', async () => {
    const w = await world(t);
    const polyglot = await jpegPolyglot();
    assert.ok(polyglot.includes(SCRIPT_PAYLOAD));
    const id = await shareWith(w.client, w.community.slug, [{ name: 'files', filename: 'plaatje.jpg', type: 'image/jpeg', content: polyglot }]);
    const [stored] = await attachmentsOf(t, id);
    const bytes = (await w.client.get(`/bijlagen/${stored!.id}`)).rawPayload;
    assert.ok(!bytes.includes(SCRIPT_PAYLOAD) && !bytes.includes('<html'), 'the payload did not survive');
    assert.equal((await sharp(bytes).metadata()).format, 'jpeg');
  });

  it('refuses a renamed executable, an SVG with script and an HTML file: 422 on the files field, no story, nothing stored or left behind', async () => {
    const w = await world(t);
    const filesDir = t.deps.config.filesDir;
    for (const [filename, content] of [['photo.jpg', elf()], ['tekening.svg', svgWithScript()], ['pagina.html', html()], ['pagina.jpg', html()]] as const) {
      const storedBefore = await storedFiles(filesDir);
      const temps = await uploadTemps();
      const title = `Geweigerd bestand ${randomUUID().slice(0, 8)}`;
      // A good file before the bad one: it must not be stored either.
      const response = await postMultipart(w.client, `/gemeenschappen/${w.community.slug}/praktijk`, [...storyParts(title), { name: 'files', filename: 'goed.pdf', type: 'application/pdf', content: pdf() }, { name: 'files', filename, type: 'image/jpeg', content }]);
      assert.equal(response.statusCode, 422, filename);
      assert.ok(/id="field-files-error">Dit type bestand kan niet worden toegevoegd/.test(response.body), `${filename}: the message, on the files field`);
      assert.ok(response.body.includes(title), `${filename}: the typed title comes back`);
      assert.deepEqual(await practicesWithTitle(t, title), [], `${filename}: no story`);
      assert.deepEqual(await storedFiles(filesDir), storedBefore, `${filename}: nothing stored`);
      await assertNoNewTempFiles(temps);
    }
  });

  it('makes file names with ../, NUL and CR/LF safe in the stored name and the content-disposition header', async () => {
    const w = await world(t);
    const id = await shareWith(w.client, w.community.slug, [{ name: 'files', filename: '../../etc/wachtwoorden.pdf', type: 'application/pdf', content: pdf() }]);
    const [fromForm] = await attachmentsOf(t, id);
    assert.equal(fromForm!.file_name, 'wachtwoorden.pdf');

    // Names a browser would not send in a header, straight into the use case.
    const dir = await tempDir();
    const file = await writeTemp(dir, pdf());
    const actor = actorOf(w.author);
    const hostile = '..\\..\\ge\u0000heim\r\nSet-Cookie: x=1\r\n\r\n<script>.pdf';
    const { id: other } = await withAttachments(t.deps, actor, [{ fieldName: 'files', declaredName: hostile, declaredType: 'application/pdf', path: file, byteSize: (await stat(file)).size }], (attach) =>
      sharePractice(t.deps, actor, { id: w.community.id }, { title: 'Verhaal met een vreemde naam', situation: 'Een vreemde bestandsnaam.', action: 'Toch opgeslagen.' }, attach),
    );
    await rm(dir, { recursive: true, force: true });
    const [stored] = await attachmentsOf(t, other);
    assert.doesNotMatch(stored!.file_name, /[\u0000-\u001f/\\"]/);
    const response = await w.client.get(`/bijlagen/${stored!.id}`);
    assert.equal(response.statusCode, 200);
    const disposition = String(response.headers['content-disposition']);
    assert.doesNotMatch(disposition, /[\r\n\u0000]/);
    assert.equal(response.headers['set-cookie'], undefined, 'no header was injected');
    assert.match(disposition, /^attachment; filename="[^"]*\.pdf"; filename\*=UTF-8''[^\s"]*\.pdf$/);
  });

  it('uploads and downloads through the API with a bearer token', async () => {
    const w = await world(t);
    const token = await createTestPersonalAccessToken(t.deps, w.author.id);
    const created = await bearerRequest(t.app, token, 'POST', `/api/v1/communities/${w.community.id}/practices`, { title: 'Via de API gedeeld verhaal', situation: 'Een script.', action: 'Het deelde.' });
    assert.equal(created.statusCode, 201);
    const id = created.json().id as string;
    const { payload, contentType } = multipartBody([{ name: 'files', filename: 'foto.jpg', type: 'image/jpeg', content: await jpegWithExif() }]);
    const upload = await t.app.inject({ method: 'POST', url: `/api/v1/practices/${id}/attachments`, payload, headers: { authorization: `Bearer ${token}`, 'content-type': contentType, accept: 'application/json' } });
    assert.equal(upload.statusCode, 204, upload.body);
    const listed = (await bearerRequest(t.app, token, 'GET', `/api/v1/practices/${id}`)).json().attachments;
    assert.equal(listed.length, 1);
    assert.deepEqual([listed[0].fileName, listed[0].contentType, listed[0].isImage], ['foto.jpg', 'image/jpeg', true]);
    const download = await bearerRequest(t.app, token, 'GET', listed[0].url);
    assert.equal(download.statusCode, 200);
    assert.equal((await sharp(download.rawPayload).metadata()).exif, undefined);
    assert.match(String(download.headers['content-disposition']), /^attachment;/);

    const bad = multipartBody([{ name: 'files', filename: 'foto.jpg', type: 'image/jpeg', content: elf() }]);
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/practices/${id}/attachments`, payload: bad.payload, headers: { authorization: `Bearer ${token}`, 'content-type': bad.contentType, accept: 'application/json' } });
    assert.equal(refused.statusCode, 422);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(refused.json().invalidParams.map((p: { name: string }) => p.name), ['files']);
    assert.equal((await attachmentsOf(t, id)).length, 1);
    assert.equal((await bearerRequest(t.app, undefined, 'GET', listed[0].url)).statusCode, 401);
  });
});

describe('practice attachments over the size limit', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: { attachmentMaxBytes: 64 * 1024 } });
  });
  after(() => t.close());

  it('answers 413 with the share form and what was typed, creates no story and leaves no files', async () => {
    const w = await world(t);
    const temps = await uploadTemps();
    const title = `Te groot bestand ${randomUUID().slice(0, 8)}`;
    const big = Buffer.concat([pdf(), Buffer.alloc(200 * 1024, 0x20)]);
    const response = await postMultipart(w.client, `/gemeenschappen/${w.community.slug}/praktijk`, [...storyParts(title), { name: 'files', filename: 'groot.pdf', type: 'application/pdf', content: big }]);
    assert.equal(response.statusCode, 413);
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.ok(response.body.includes(title), 'the title comes back');
    assert.ok(response.body.includes('Een moeder met drie kinderen en schulden.'), 'the situation comes back');
    assert.ok(/id="field-files-error">Het bestand is groter dan 0,1 MB/.test(response.body), 'the message says the limit, on the files field');
    assert.ok(response.body.includes('name="_csrf"'), 'it is the form again, ready to send');
    assert.deepEqual(await practicesWithTitle(t, title), []);
    assert.deepEqual(await storedFiles(t.deps.config.filesDir), []);
    await assertNoNewTempFiles(temps);

    // Within the limit the same form works.
    const ok = await postMultipart(w.client, `/gemeenschappen/${w.community.slug}/praktijk`, [...storyParts(title), { name: 'files', filename: 'klein.pdf', type: 'application/pdf', content: pdf() }]);
    assert.equal(ok.statusCode, 303);
    assert.equal((await practicesWithTitle(t, title)).length, 1);
  });
});
