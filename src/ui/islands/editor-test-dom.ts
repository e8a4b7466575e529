import type { EditorNode } from './editor-dom.ts';

/**
 * For unit tests only: a small HTML parser into EditorNode trees, good for well-formed markup
 * (the sanitiser's output, and the fragments the tests write). The browser tests exercise the
 * same converters on a real DOM.
 */
export class TestNode implements EditorNode {
  readonly childNodes: TestNode[] = [];
  constructor(
    readonly nodeType: number,
    readonly nodeName: string,
    readonly nodeValue: string | null = null,
    readonly attributes: Record<string, string> = {},
  ) {}
  getAttribute(name: string): string | null {
    return this.attributes[name] ?? null;
  }
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return NAMED[body.toLowerCase()] ?? entity;
  });
}

export function parseHtml(html: string): TestNode {
  const root = new TestNode(11, '#document-fragment');
  const stack: TestNode[] = [root];
  const top = () => stack.at(-1) as TestNode;
  const token = /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  let at = 0;
  for (let match = token.exec(html); match; match = token.exec(html)) {
    if (match.index > at) top().childNodes.push(new TestNode(3, '#text', decodeEntities(html.slice(at, match.index))));
    at = token.lastIndex;
    const [whole, closing, opening, attributeText = ''] = match;
    if (whole.startsWith('<!--')) continue;
    if (closing) {
      const name = closing.toUpperCase();
      const index = stack.findLastIndex((node) => node.nodeName === name);
      if (index > 0) stack.length = index;
      continue;
    }
    const name = (opening as string).toLowerCase();
    const attributes: Record<string, string> = {};
    for (const [, key, double, single, bare] of attributeText.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attributes[(key as string).toLowerCase()] = decodeEntities(double ?? single ?? bare ?? '');
    }
    const element = new TestNode(1, name.toUpperCase(), null, attributes);
    top().childNodes.push(element);
    if (RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, at);
      const stop = end === -1 ? html.length : end;
      element.childNodes.push(new TestNode(3, '#text', html.slice(at, stop)));
      const close = html.indexOf('>', stop);
      at = close === -1 ? html.length : close + 1;
      token.lastIndex = at;
    } else if (!VOID.has(name) && !whole.endsWith('/>')) {
      stack.push(element);
    }
  }
  if (at < html.length) top().childNodes.push(new TestNode(3, '#text', decodeEntities(html.slice(at))));
  return root;
}
