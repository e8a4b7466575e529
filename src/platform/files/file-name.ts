/**
 * File names come from the uploader's computer and end up in a download header and on a
 * page. They are made safe once, at upload, and stored that way.
 */
const MAX_LENGTH = 100;
const FALLBACK_STEM = 'bijlage';
/** Characters Windows refuses in a name, and the quote that would end a header value. */
const RESERVED = /[<>:"|?*]/g;
/** A trailing `.ext` that looks like a file extension (not `v1.2 plan`). */
const EXTENSION = /\.[A-Za-z0-9]{1,5}$/;

/**
 * Rule: keep only the last path segment (`/` and `\`), drop control characters (NUL, CR/LF),
 * invisible format characters (bidi overrides that make `gpj.exe` read as `exe.jpg`, zero-width
 * spaces), Windows-reserved characters, leading dots (hidden files) and trailing dots; collapse
 * whitespace. The extension is always the sniffed one: the declared extension is dropped and the
 * sniffed one added, unless what is left already ends in it, so `report.pdf.exe` that is a PDF
 * becomes `report.pdf` and `photo.jpg` that is a PNG becomes `photo.png`. At most 100
 * characters; nothing left gives `bijlage.<ext>`.
 */
export function safeFileName(declared: string, extension: string): string {
  const ext = extension.toLowerCase().replace(/[^a-z0-9]/g, '');
  const lastSegment = declared.split(/[/\\]/).pop() ?? '';
  let stem = lastSegment
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(EXTENSION, '')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (stem.toLowerCase().endsWith(`.${ext}`)) stem = stem.slice(0, -(ext.length + 1)).replace(/[\s.]+$/, '');
  if (stem === '') stem = FALLBACK_STEM;
  const room = MAX_LENGTH - ext.length - 1;
  const chars = Array.from(stem);
  if (chars.length > room) stem = chars.slice(0, room).join('').replace(/[\s.]+$/, '') || FALLBACK_STEM;
  return `${stem}.${ext}`;
}

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<utf-8>` (RFC 6266): every browser takes
 * the UTF-8 name; the ASCII one is for the few that do not, with `_` for what it cannot say.
 */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
