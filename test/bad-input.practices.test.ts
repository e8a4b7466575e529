/**
 * The bad-input sweep (see bad-input.test.ts) over the practice stories routes, and what the
 * generic sweep cannot send: multipart bodies (the share form with its file input, adding files,
 * the upload API), and the "tried from" report in the try page's query.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { createTestAppWithRoutes } from './route-inventory.ts';
import { buildWorld, callerFor, judge, LONG, send, sweepEntry, type Case, type Entry, type TestApp, type World } from './bad-input.support.ts';
import { MULTIPART_ENTRIES, PRACTICE_ENTRIES, practiceOf, practiceState, withPractice } from './bad-input.practices.ts';

describe('bad input: practice stories survive malformed, oversized and wrong-typed input', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestAppWithRoutes();
  });
  after(() => t.close());

  for (const entry of PRACTICE_ENTRIES) {
    it(`${entry.method} ${entry.route} (as ${entry.as})`, async (ctx) => {
      const { count, failures } = await sweepEntry(t, entry);
      ctx.diagnostic(`${count} cases`);
      assert.deepEqual(failures, [], `${entry.method} ${entry.route}\n  ${failures.join('\n  ')}`);
    });
  }
});

// --- Multipart ---------------------------------------------------------------------------------

type Part = { name: string; value: string } | { name: string; fileName: string; contentType: string; data: Buffer };

function multipart(parts: Part[], options: { truncate?: boolean } = {}): { contentType: string; payload: Buffer } {
  const boundary = `----leerkring${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = 'value' in part
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
    chunks.push(Buffer.from(head), 'value' in part ? Buffer.from(part.value) : part.data, Buffer.from('\r\n'));
  }
  if (!options.truncate) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, payload: Buffer.concat(chunks) };
}

const fields = (values: Record<string, string>): Part[] => Object.entries(values).map(([name, value]) => ({ name, value }));
const story = { title: 'Een vast spreekuur op de basisschool', situation: 'Ouders vonden de weg naar het wijkteam niet.', action: 'Elke dinsdag een uur in de koffiehoek.', outcome: '', learning: '', tags: 'jeugd', learningQuestionId: '' };

describe('bad input: practice uploads (multipart)', () => {
  let t: TestApp;
  let png: Buffer;
  before(async () => {
    // A small file limit, so "too large" needs no megabytes.
    t = await createTestAppWithRoutes({ config: { attachmentMaxBytes: 64 * 1024 } });
    png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toBuffer();
  });
  after(() => t.close());

  const image = (name = 'foto.png'): Part => ({ name: 'files', fileName: name, contentType: 'image/png', data: png });
  const tooLarge: Part = { name: 'files', fileName: 'groot.txt', contentType: 'text/plain', data: Buffer.alloc(70 * 1024, 'a') };

  async function run(w: World, entry: Entry, kase: Omit<Case, 'path'> & { path?: string }, build: (csrf: string | undefined) => { contentType: string; payload: Buffer }) {
    const caller = await callerFor(w, entry.as);
    const path = kase.path ?? entry.route.replace(':slug', w.community.slug).replace(':id', practiceOf(w).practiceId);
    const csrf = entry.kind === 'api' ? undefined : caller.client.csrf;
    const full: Case = { ...kase, path, body: { type: 'raw', contentType: build(csrf).contentType, payload: () => Buffer.alloc(0) } };
    // Build once: the boundary in the content type must be the one in the payload.
    const built = build(csrf);
    full.body = { type: 'raw', contentType: built.contentType, payload: () => built.payload };
    const before = await practiceState(w);
    const response = await send(entry, caller, full);
    const problems = judge(entry, full, response);
    if (response.statusCode >= 400 && JSON.stringify(await practiceState(w)) !== JSON.stringify(before)) problems.push('a refused request changed something');
    return { response, problems: problems.map((p) => `${kase.label}: ${p}`) };
  }

  const share: Entry = { ...PRACTICE_ENTRIES.find((e) => e.method === 'POST' && e.route === '/gemeenschappen/:slug/praktijk')! };

  it('POST /gemeenschappen/:slug/praktijk as multipart: bad text comes back in the form (422) with what was typed; a good story with an image is shared', async () => {
    const w = await buildWorld(t);
    await withPractice(w);
    const failures: string[] = [];
    const form = (values: Record<string, string>, files: Part[] = []) => (csrf: string | undefined) => multipart([...fields({ _csrf: csrf ?? '', ...values }), ...files]);
    const cases: [Omit<Case, 'path'>, (csrf: string | undefined) => { contentType: string; payload: Buffer }][] = [
      [{ label: 'title with a null byte', expect: 'invalid', echo: [story.situation, story.action] }, form({ ...story, title: 'Een spreekuur\u0000 op school' }, [image()])],
      [{ label: 'situation with a null byte', expect: 'invalid', echo: [story.title] }, form({ ...story, situation: 'ab\u0000cd' })],
      [{ label: 'title of 10,001 characters', expect: 'invalid', echo: [story.situation, story.action] }, form({ ...story, title: LONG }, [image()])],
      [{ label: 'situation of 10,001 characters', expect: 'invalid', echo: [story.title] }, form({ ...story, situation: LONG })],
      [{ label: 'missing title', expect: 'invalid', echo: [story.situation] }, form({ ...story, title: '' })],
      [{ label: 'missing situation and action', expect: 'invalid', echo: [story.title] }, form({ title: story.title })],
      [{ label: 'only the CSRF token', expect: 'invalid' }, form({})],
      [{ label: 'an unknown learning question', expect: 'invalid', echo: [story.title] }, form({ ...story, learningQuestionId: randomUUID() })],
      [{ label: 'a file over the limit', expect: 413, echo: [story.title, story.situation] }, form(story, [tooLarge])],
      [{ label: 'a text file named .png', expect: 'any' }, form(story, [{ name: 'files', fileName: 'foto.png', contentType: 'image/png', data: Buffer.from('geen plaatje') }])],
      [{ label: 'a file name with path traversal and control characters', expect: 'any' }, form(story, [image('../../etc/\r\npasswd.png')])],
      // More files than the upload limit stop the upload like an oversized file: the form again, 413.
      [{ label: 'eleven files', expect: 413 }, form(story, Array.from({ length: 11 }, () => image()))],
    ];
    for (const [kase, build] of cases) {
      const { response, problems } = await run(w, share, kase, build);
      failures.push(...problems);
      if (kase.expect !== 'any' && response.statusCode < 400) failures.push(`${kase.label}: ${response.statusCode}, expected a refusal`);
      if (kase.expect === 413 && !response.body.includes(story.situation)) failures.push(`${kase.label}: the form lost what was typed`);
    }
    const ok = await run(w, share, { label: 'a good story with an image', expect: 'any' }, form(story, [image()]));
    assert.equal(ok.response.statusCode, 303, ok.response.body.slice(0, 300));
    const id = String(ok.response.headers.location).match(/\/praktijk\/([0-9a-f-]{36})/)?.[1];
    const attachments = await t.deps.db.selectFrom('practice_attachments').select(['content_type', 'is_image']).where('practice_id', '=', id!).execute();
    assert.deepEqual(attachments, [{ content_type: 'image/png', is_image: true }], 'the image is stored with the story');
    assert.deepEqual(failures, []);
  });

  it('POST /praktijk/:id/bijlagen: no file, a fake image, a broken body are refused; a real image is added', async () => {
    const w = await buildWorld(t);
    await withPractice(w);
    const entry = MULTIPART_ENTRIES[0]!;
    const failures: string[] = [];
    const form = (files: Part[], options: { truncate?: boolean } = {}) => (csrf: string | undefined) => multipart([...fields({ _csrf: csrf ?? '' }), ...files], options);
    for (const [kase, build] of [
      [{ label: 'no file', expect: 'invalid' }, form([])],
      [{ label: 'an empty file part', expect: 'invalid' }, form([{ name: 'files', fileName: '', contentType: 'application/octet-stream', data: Buffer.alloc(0) }])],
      [{ label: 'a file over the limit', expect: 413 }, form([tooLarge])],
      [{ label: 'a text file named .png', expect: 'any' }, form([{ name: 'files', fileName: 'foto.png', contentType: 'image/png', data: Buffer.from('geen plaatje') }])],
    ] as const) {
      const { response, problems } = await run(w, entry, kase, build);
      failures.push(...problems);
      if (kase.expect !== 'any' && response.statusCode < 400) failures.push(`${kase.label}: ${response.statusCode}, expected a refusal`);
    }
    for (const id of ['geen-uuid', '%00', '%C3%28', randomUUID()]) {
      const { response } = await run(w, entry, { label: `:id ${id}`, expect: 'any', path: `/praktijk/${id}/bijlagen` }, form([image()]));
      if (![400, 404].includes(response.statusCode)) failures.push(`:id ${id}: ${response.statusCode}, expected 400 or 404`);
    }
    const ok = await run(w, entry, { label: 'a real image', expect: 'any' }, form([image()]));
    assert.equal(ok.response.statusCode, 303, ok.response.body.slice(0, 300));
    assert.deepEqual(failures, []);
  });

  it('POST /api/v1/practices/:id/attachments: JSON pretending to be a file, no file, a broken body are refused as problem+json; a real image is added', async () => {
    const w = await buildWorld(t);
    await withPractice(w);
    const entry = MULTIPART_ENTRIES[1]!;
    const failures: string[] = [];
    const json = (data: unknown) => () => ({ contentType: 'application/json', payload: Buffer.from(JSON.stringify(data)) });
    for (const [kase, build] of [
      [{ label: 'JSON without files', expect: 'invalid', field: 'files' }, json({})],
      // A JSON body must never be taken for an upload: the server would store its own files.
      [{ label: 'JSON naming a server file', expect: 'invalid', field: 'files' }, json({ files: { path: '/etc/passwd', declaredName: 'passwd', fieldName: 'files' } })],
      [{ label: 'multipart without files', expect: 'invalid', field: 'files' }, () => multipart(fields({ note: 'x' }))],
      [{ label: 'a file over the limit', expect: 413 }, () => multipart([tooLarge])],
      [{ label: 'a text file named .png', expect: 'any' }, () => multipart([{ name: 'files', fileName: 'foto.png', contentType: 'image/png', data: Buffer.from('geen plaatje') }])],
    ] as const) {
      const { response, problems } = await run(w, entry, kase, build);
      failures.push(...problems);
      if (kase.expect !== 'any' && response.statusCode < 400) failures.push(`${kase.label}: ${response.statusCode}, expected a refusal`);
    }
    for (const id of ['geen-uuid', '%00', randomUUID()]) {
      const { response, problems } = await run(w, entry, { label: `:id ${id}`, expect: 'rejected', field: 'id', path: `/api/v1/practices/${id}/attachments` }, () => multipart([image()]));
      failures.push(...problems);
      if (response.statusCode < 400) failures.push(`:id ${id}: ${response.statusCode}`);
    }
    const ok = await run(w, entry, { label: 'a real image', expect: 'any' }, () => multipart([image()]));
    assert.equal(ok.response.statusCode, 204, ok.response.body.slice(0, 300));
    assert.deepEqual(failures, []);
  });

  // busboy's "Unexpected end of form" is mapped to a 400 in src/platform/files/multipart.ts.
  it('a multipart body that stops halfway is a 400, never a server error', async () => {
    const w = await buildWorld(t);
    await withPractice(w);
    const failures: string[] = [];
    for (const entry of [share, ...MULTIPART_ENTRIES]) {
      const { response } = await run(w, entry, { label: `${entry.route}: a body that stops halfway`, expect: 'any' }, (csrf) => multipart([...fields(csrf === undefined ? {} : { _csrf: csrf, ...story }), image()], { truncate: true }));
      if (response.statusCode !== 400) failures.push(`${entry.method} ${entry.route}: ${response.statusCode}`);
    }
    assert.deepEqual(failures, []);
  });

  it('GET /praktijk/:id/geprobeerd?vanuit=: an odd "tried from" report is "not found", never a server error', async () => {
    const w = await buildWorld(t);
    await withPractice(w);
    const caller = await callerFor(w, 'facilitator');
    const base = `/praktijk/${practiceOf(w).practiceId}/geprobeerd`;
    const failures: string[] = [];
    assert.equal((await caller.client.get(`${base}?vanuit=${practiceOf(w).tryId}`)).statusCode, 200, 'from a real report');
    for (const value of ['geen-uuid', LONG, '%00', '%C3%28', randomUUID(), `a&vanuit=b`, encodeURIComponent("' OR 1=1 --")]) {
      const response = await caller.client.get(`${base}?vanuit=${value}`);
      if (response.statusCode >= 500 || ![200, 400, 404].includes(response.statusCode)) failures.push(`?vanuit=${value.slice(0, 20)}: ${response.statusCode}`);
    }
    assert.deepEqual(failures, []);
  });
});
