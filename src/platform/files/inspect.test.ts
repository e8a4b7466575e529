import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import sharp from 'sharp';
import { inspectUpload } from './inspect.ts';
import { UploadRejectedError } from './files.errors.ts';
import * as fixtures from './test-fixtures.ts';

let dir: string;
before(async () => void (dir = await fixtures.tempDir()));
after(async () => rm(dir, { recursive: true, force: true }));

const inspect = async (bytes: Buffer | string, declaredName: string) => inspectUpload({ path: await fixtures.writeTemp(dir, bytes), declaredName });

async function assertRejected(bytes: Buffer | string, declaredName: string, reason: string) {
  await assert.rejects(inspect(bytes, declaredName), (error: unknown) => {
    assert.ok(error instanceof UploadRejectedError, String(error));
    assert.equal(error.reason, reason);
    assert.equal(error.status, 422);
    return true;
  });
}

describe('inspectUpload refuses what it cannot vouch for', () => {
  it('refuses an ELF executable named photo.jpg', () => assertRejected(fixtures.elf(), 'photo.jpg', 'type_not_allowed'));
  it('refuses a Windows executable named verslag.pdf', () => assertRejected(fixtures.windowsExe(), 'verslag.pdf', 'type_not_allowed'));
  it('refuses a shell script', () => assertRejected(fixtures.shellScript(), 'install.sh', 'type_not_allowed'));
  it('refuses an SVG with script', () => assertRejected(fixtures.svgWithScript(), 'logo.svg', 'type_not_allowed'));
  it('refuses HTML, also when named .pdf or .jpg', async () => {
    await assertRejected(fixtures.html(), 'pagina.html', 'type_not_allowed');
    await assertRejected(fixtures.html(), 'factuur.pdf', 'type_not_allowed');
    await assertRejected(fixtures.html(), 'foto.jpg', 'type_not_allowed');
  });
  it('refuses plain text and CSV, which have no magic number', async () => {
    await assertRejected('naam;aantal\nAnna;3\n', 'lijst.csv', 'type_not_allowed');
    await assertRejected('gewoon wat tekst', 'notitie.txt', 'type_not_allowed');
  });
  it('refuses a zip that is not an Office document', () => assertRejected(fixtures.plainZip(), 'stukken.docx', 'type_not_allowed'));
  it('refuses an empty file', () => assertRejected(Buffer.alloc(0), 'leeg.pdf', 'empty'));
  it('refuses an image it cannot decode (a truncated PNG)', async () => {
    const image = await fixtures.png();
    await assertRejected(image.subarray(0, 40), 'half.png', 'image_unreadable');
  });
  it('names the form field in the error when given', async () => {
    const error = await inspectUpload({ path: await fixtures.writeTemp(dir, fixtures.html()), declaredName: 'x.html', field: 'bijlagen' }).catch((e: unknown) => e);
    assert.ok(error instanceof UploadRejectedError);
    assert.deepEqual(error.fields, [{ field: 'bijlagen', code: 'files.rejected.type_not_allowed' }]);
  });
});

describe('inspectUpload accepts documents as they are', () => {
  it('keeps a PDF, typed application/pdf, whatever its name said', async () => {
    const bytes = fixtures.pdf();
    const file = await inspect(bytes, 'report.pdf.exe');
    assert.equal(file.contentType, 'application/pdf');
    assert.equal(file.extension, 'pdf');
    assert.equal(file.fileName, 'report.pdf');
    assert.equal(file.isImage, false);
    assert.equal(file.byteSize, bytes.length);
    assert.deepEqual(await readFile(file.path), bytes);
  });
  it('keeps docx and odt with their own types', async () => {
    const docx = await inspect(fixtures.docx(), '../Verslag.docx');
    assert.equal(docx.contentType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(docx.fileName, 'Verslag.docx');
    const odt = await inspect(fixtures.odt(), 'verslag');
    assert.equal(odt.contentType, 'application/vnd.oasis.opendocument.text');
    assert.equal(odt.fileName, 'verslag.odt');
  });
});

describe('inspectUpload re-encodes images', () => {
  for (const [name, make, type, ext] of [
    ['jpeg', fixtures.jpeg, 'image/jpeg', 'jpg'],
    ['png', fixtures.png, 'image/png', 'png'],
    ['webp', fixtures.webp, 'image/webp', 'webp'],
    ['gif', fixtures.gif, 'image/gif', 'gif'],
  ] as const) {
    it(`writes a ${name} anew, typed by its bytes`, async () => {
      const file = await inspect(await make(), 'afbeelding.bin');
      assert.equal(file.contentType, type);
      assert.equal(file.fileName, `afbeelding.${ext}`);
      assert.equal(file.isImage, true);
      const meta = await sharp(file.path).metadata();
      assert.equal(meta.width, 40);
      assert.equal(file.byteSize, (await readFile(file.path)).length);
    });
  }

  it('drops EXIF: no camera make, no GPS position', async () => {
    const original = await fixtures.jpegWithExif();
    assert.ok((await sharp(original).metadata()).exif, 'the fixture has EXIF');
    assert.ok(original.includes('LeerkringCamMake'));
    const file = await inspect(original, 'vakantie.jpg');
    const bytes = await readFile(file.path);
    const meta = await sharp(bytes).metadata();
    assert.equal(meta.exif, undefined);
    assert.equal(meta.xmp, undefined);
    assert.equal(meta.iptc, undefined);
    assert.ok(!bytes.includes('LeerkringCam'));
    assert.ok(!bytes.includes('Exif\0'));
  });

  it('turns the picture upright by its EXIF orientation before dropping it', async () => {
    const file = await inspect(await fixtures.jpegRotatedByExif(), 'gedraaid.jpg');
    const meta = await sharp(file.path).metadata();
    assert.deepEqual([meta.width, meta.height, meta.orientation], [20, 40, undefined]);
  });

  it('removes HTML and script hidden in a JPEG comment segment', async () => {
    const polyglot = await fixtures.jpegPolyglot();
    assert.ok(polyglot.includes(fixtures.SCRIPT_PAYLOAD));
    assert.equal((await sharp(polyglot).metadata()).format, 'jpeg', 'the polyglot is a valid JPEG');
    const file = await inspect(polyglot, 'foto.jpg');
    const bytes = await readFile(file.path);
    assert.equal(file.contentType, 'image/jpeg');
    assert.ok(!bytes.includes('<script'));
    assert.ok(!bytes.includes('alert'));
    assert.equal((await sharp(bytes).metadata()).width, 40);
  });

  it('removes script hidden in a GIF89a comment extension', async () => {
    const polyglot = await fixtures.gifPolyglot();
    assert.ok(polyglot.subarray(0, 6).equals(Buffer.from('GIF89a')));
    assert.ok(polyglot.includes('alert(1)'));
    const file = await inspect(polyglot, 'animatie.gif');
    const bytes = await readFile(file.path);
    assert.equal(file.contentType, 'image/gif');
    assert.ok(!bytes.includes('alert'));
    assert.ok(!bytes.includes('<script'));
    assert.equal((await sharp(bytes).metadata()).width, 40);
  });
});
