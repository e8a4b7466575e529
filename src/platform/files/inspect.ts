import { rename, rm, stat } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { UploadRejectedError } from './files.errors.ts';
import { safeFileName } from './file-name.ts';

export interface InspectedFile {
  /** Safe to show and to put in a header; ends in `.<extension>`. */
  fileName: string;
  /** Sniffed from the bytes; what downloads are served as. */
  contentType: string;
  extension: string;
  isImage: boolean;
  byteSize: number;
  /** Where the bytes to store are: the input path, its image re-encoded in place. */
  path: string;
}

/**
 * What may be attached, decided by the bytes (file-type), never by the name or the browser's
 * declared type. An allow-list, so everything else is refused: HTML, SVG (both script-capable),
 * plain text and CSV (no magic number, and HTML sniffs as text), executables, archives, macro-
 * enabled Office files (docm, xlsm, pptm), and legacy Office files (doc, xls, ppt): file-type can
 * only call those `cfb`, the container that also holds installers (msi) and Outlook items, and
 * they carry macros. Users save those as docx/xlsx/pptx or PDF.
 */
const DOCUMENTS: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

/** Images are decoded and written anew; the output format per sniffed input format. */
const IMAGES: Record<string, { extension: string; contentType: string; encode: (image: Sharp) => Sharp }> = {
  jpg: { extension: 'jpg', contentType: 'image/jpeg', encode: (image) => image.jpeg({ quality: 88, mozjpeg: true }) },
  png: { extension: 'png', contentType: 'image/png', encode: (image) => image.png() },
  webp: { extension: 'webp', contentType: 'image/webp', encode: (image) => image.webp({ quality: 88 }) },
  gif: { extension: 'gif', contentType: 'image/gif', encode: (image) => image.gif() },
};

/** Larger images are refused as unreadable: decoding them would take too much memory. */
const MAX_IMAGE_PIXELS = 100_000_000;

/**
 * Checks an uploaded file and prepares its bytes for storing. Images are re-encoded in place
 * (`path` is overwritten): rotated upright by their EXIF orientation, then written without any
 * metadata (EXIF with GPS and camera, XMP, IPTC, comments), which also drops whatever a polyglot
 * hid in those segments. Throws UploadRejectedError when the file may not be kept.
 */
export async function inspectUpload(input: { path: string; declaredName: string; field?: string }): Promise<InspectedFile> {
  const { size } = await stat(input.path);
  if (size === 0) throw new UploadRejectedError('empty', { field: input.field });
  const sniffed = await fileTypeFromFile(input.path);
  const document = sniffed && DOCUMENTS[sniffed.ext];
  if (sniffed && document) {
    return { fileName: safeFileName(input.declaredName, sniffed.ext), contentType: document, extension: sniffed.ext, isImage: false, byteSize: size, path: input.path };
  }
  const image = sniffed && IMAGES[sniffed.ext];
  if (!image) throw new UploadRejectedError('type_not_allowed', { field: input.field });
  const byteSize = await reencodeImage(input.path, image.encode, input.field);
  return { fileName: safeFileName(input.declaredName, image.extension), contentType: image.contentType, extension: image.extension, isImage: true, byteSize, path: input.path };
}

async function reencodeImage(path: string, encode: (image: Sharp) => Sharp, field: string | undefined): Promise<number> {
  const output = `${path}.reencoded`;
  try {
    // `animated` keeps every frame of a GIF or WebP; sharp writes no metadata unless asked to.
    const image = sharp(path, { animated: true, autoOrient: true, failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS });
    await encode(image).toFile(output);
    await rename(output, path);
  } catch (error) {
    await rm(output, { force: true });
    throw new UploadRejectedError('image_unreadable', { field, cause: error });
  }
  return (await stat(path)).size;
}
