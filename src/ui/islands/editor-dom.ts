/**
 * What the editor's converters need from a DOM node. A browser Node fits it; so do the plain
 * objects the unit tests build, which is why the converters are written against this and not
 * against `Node` (tests run in Node.js without a DOM).
 */
export interface EditorNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<EditorNode>;
  getAttribute?(name: string): string | null;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** The lower-case tag name of an element, or '' for text, comments and the rest. */
export const tagOf = (node: EditorNode): string => (node.nodeType === ELEMENT_NODE ? node.nodeName.toLowerCase() : '');

export const childrenOf = (node: EditorNode): EditorNode[] => Array.from(node.childNodes);

export const attributeOf = (node: EditorNode, name: string): string | null => node.getAttribute?.(name) ?? null;

/** The text a reader sees in a node, with line breaks for `<br>`. */
export function textOf(node: EditorNode): string {
  if (node.nodeType === TEXT_NODE) return node.nodeValue ?? '';
  const tag = tagOf(node);
  if (tag === 'br') return '\n';
  if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 11 && node.nodeType !== 9) return '';
  if (DROPPED.has(tag)) return '';
  return childrenOf(node).map(textOf).join('');
}

/**
 * Elements whose content is never text a reader of the post saw (code, styles, embedded
 * documents, form controls, media): pasted, they are dropped whole rather than turned into text.
 */
export const DROPPED = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param',
  'svg', 'math', 'head', 'title', 'meta', 'link', 'base', 'textarea', 'select', 'option', 'optgroup', 'button',
  'input', 'img', 'picture', 'audio', 'video', 'source', 'track', 'canvas', 'map', 'area', 'xmp', 'noembed',
  'noframes', 'plaintext', 'dialog', 'slot', 'portal', 'datalist', 'output', 'progress', 'meter',
]);

/**
 * Elements that start a new block. Those the editor knows have their own Markdown; the others
 * (tables, sections, definition lists…) only separate their content into paragraphs.
 */
export const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'hr',
  'address', 'article', 'aside', 'body', 'center', 'details', 'dd', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'header', 'hgroup', 'legend', 'main', 'nav', 'section', 'summary', 'table', 'caption',
  'thead', 'tbody', 'tfoot', 'tr', 'html', 'menu',
]);

export type InlineFormat = 'strong' | 'em' | 's' | 'code';

/**
 * The formatting an inline element stands for. Word and Google Docs mark bold and italic with
 * styles on spans (and wrap a whole Docs paste in a `<b style="font-weight:normal">`), so the
 * style attribute is read here, only to decide the format; it is never copied.
 */
export function formatOf(node: EditorNode): InlineFormat | null {
  const tag = tagOf(node);
  const style = (attributeOf(node, 'style') ?? '').toLowerCase().replace(/\s+/g, '');
  if (tag === 'strong' || tag === 'b') return /font-weight:(normal|[1-4]00)/.test(style) ? null : 'strong';
  if (tag === 'em' || tag === 'i' || tag === 'cite' || tag === 'dfn') return /font-style:normal/.test(style) ? null : 'em';
  if (tag === 's' || tag === 'del' || tag === 'strike') return 's';
  if (tag === 'code' || tag === 'kbd' || tag === 'samp' || tag === 'tt') return 'code';
  if (tag === 'span' || tag === 'font') {
    if (/font-weight:(bold|bolder|[6-9]00)/.test(style)) return 'strong';
    if (/font-style:italic/.test(style)) return 'em';
    if (/text-decoration(-line)?:[^;]*line-through/.test(style)) return 's';
  }
  return null;
}

const SAFE_SCHEMES = ['http', 'https', 'mailto'];

/**
 * The href a link in a post may keep: http(s), mailto, or a URL relative to this site. Browsers
 * ignore ASCII whitespace and control characters inside a scheme (`java\tscript:`) and read
 * `/\host` as `//host`, so hrefs with control characters are refused and the scheme is judged
 * without spaces. The server applies the same rule again (isSafeLinkTarget in
 * src/platform/markdown.ts; a test checks this one never allows what that one refuses).
 */
export function safeHref(raw: string | null): string | null {
  if (raw === null) return null;
  const href = raw.trim();
  if (href === '' || /[\u0000-\u001f\u007f-\u009f]/.test(href)) return null;
  const compact = href.replace(/ /g, '');
  if (/^[/\\]{2}/.test(compact)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1];
  return scheme === undefined || SAFE_SCHEMES.includes(scheme.toLowerCase()) ? href : null;
}

/**
 * What someone typed as a link target, made into a URL: `gemeente.nl/wmo` gets https://,
 * `naam@gemeente.nl` gets mailto:. Anything that is not then an http(s) or mailto URL is refused.
 */
export function linkFromInput(input: string): string | null {
  const text = input.trim();
  if (text === '' || /\s/.test(text)) return null;
  let candidate = text;
  if (/^[^@/:]+@[^@/:]+\.[^@/:]+$/.test(text)) candidate = `mailto:${text}`;
  // "gemeente.nl:8080" has no scheme; "javascript:" has one (and is refused below).
  else if (!/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) candidate = `https://${text.replace(/^\/+/, '')}`;
  try {
    const url = new URL(candidate);
    if (url.protocol === 'mailto:') return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(decodeURIComponent(url.pathname)) ? candidate : null;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    return safeHref(candidate);
  } catch {
    return null;
  }
}

/** Text for an HTML text node or a double-quoted attribute. */
export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
