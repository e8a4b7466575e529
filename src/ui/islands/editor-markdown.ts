import { BLOCKS, DROPPED, TEXT_NODE, attributeOf, childrenOf, formatOf, safeHref, tagOf, textOf, type EditorNode, type InlineFormat } from './editor-dom.ts';

/**
 * The rich-text editor's content as Markdown, for the textarea the form posts. It knows exactly
 * the elements a post may have (p, br, strong/b, em/i, s, h2–h4, ul/ol/li nested, blockquote,
 * a[href], code, pre, hr); anything else becomes its text, so what is stored is what the server
 * renders (src/platform/markdown.ts). Text is escaped so it never turns into Markdown syntax.
 */
export function htmlToMarkdown(root: EditorNode): string {
  return blocksOf(childrenOf(root)).map((block) => block.markdown).join('\n\n');
}

interface Block {
  markdown: string;
  /** Adjacent lists of one kind would merge in Markdown; the second gets the other marker. */
  list?: 'ul' | 'ol';
  alternate?: boolean;
}

function blocksOf(nodes: EditorNode[]): Block[] {
  const out: Block[] = [];
  let run: EditorNode[] = [];
  const flush = () => {
    const markdown = paragraph(run);
    if (markdown) out.push({ markdown });
    run = [];
  };
  for (const node of nodes) {
    const tag = tagOf(node);
    if (DROPPED.has(tag)) continue;
    // An inline element around blocks (Google Docs wraps a whole paste in a <b>) is only a wrapper.
    if (!BLOCKS.has(tag) && !hasBlockInside(node)) {
      run.push(node);
      continue;
    }
    flush();
    const block = blockOf(node, tag, out.at(-1));
    if (Array.isArray(block)) out.push(...block);
    else if (block) out.push(block);
  }
  flush();
  return out;
}

function hasBlockInside(node: EditorNode): boolean {
  return childrenOf(node).some((child) => BLOCKS.has(tagOf(child)) || (!DROPPED.has(tagOf(child)) && hasBlockInside(child)));
}

function blockOf(node: EditorNode, tag: string, previous: Block | undefined): Block | Block[] | null {
  switch (tag) {
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
      return heading(node, tag);
    case 'ul': case 'ol': {
      const alternate = previous?.list === tag ? !previous.alternate : false;
      const markdown = list(node, tag === 'ol', alternate);
      return markdown ? { markdown, list: tag, alternate } : null;
    }
    case 'blockquote': {
      const inner = blocksOf(childrenOf(node)).map((b) => b.markdown).join('\n\n');
      return inner ? { markdown: inner.split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n') } : null;
    }
    case 'pre':
      return codeBlock(node);
    case 'hr':
      return { markdown: '***' };
    case 'tr':
      return paragraphBlock(childrenOf(node));
    default:
      return blocksOf(childrenOf(node));
  }
}

function paragraphBlock(nodes: EditorNode[]): Block | null {
  const markdown = paragraph(nodes);
  return markdown ? { markdown } : null;
}

/** Inline content as paragraph lines: trimmed, no empty lines at the ends, safe line starts. */
function paragraph(nodes: EditorNode[]): string {
  const lines = inline(nodes, new Set()).split('\n').map((line) => line.trim());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines
    .filter((line, i) => line !== '' || lines[i - 1] !== '')
    .map(escapeLineStart)
    .join('\n');
}

function heading(node: EditorNode, tag: string): Block | null {
  const level = tag === 'h1' || tag === 'h2' ? 2 : tag === 'h3' ? 3 : 4;
  const text = inline(childrenOf(node), new Set()).replace(/\s*\n\s*/g, ' ').trim();
  if (!text) return null;
  // A trailing # would be read as the heading's closing sequence.
  return { markdown: `${'#'.repeat(level)} ${text.replace(/#$/, '\\#')}` };
}

function list(node: EditorNode, isOrdered: boolean, alternate: boolean): string {
  const items: string[][] = [];
  for (const child of childrenOf(node)) {
    const tag = tagOf(child);
    if (tag === 'li') items.push(itemBlocks(childrenOf(child)));
    // Browsers' "indent" puts a nested list straight into the list, after the item it belongs to.
    else if (tag === 'ul' || tag === 'ol') {
      const nested = list(child, tag === 'ol', false);
      if (!nested) continue;
      if (items.length === 0) items.push([]);
      items.at(-1)?.push(nested);
    } else if (!DROPPED.has(tag) && textOf(child).trim() !== '') items.push(itemBlocks([child]));
  }
  if (items.length === 0) return '';
  const start = isOrdered ? startOf(node) : 0;
  return items
    .map((blocks, i) => {
      const marker = isOrdered ? `${start + i}${alternate ? ')' : '.'}` : alternate ? '*' : '-';
      const lines = blocks.join('\n').split('\n');
      const indent = ' '.repeat(marker.length + 1);
      return [`${marker} ${lines[0] ?? ''}`.trimEnd(), ...lines.slice(1).map((line) => (line ? indent + line : line))].join('\n');
    })
    .join('\n');
}

/**
 * A list item's blocks, kept tight (one line apart) as an editor list is. An ordered list that
 * does not start at 1 cannot interrupt a paragraph, so it gets a blank line before it.
 */
function itemBlocks(nodes: EditorNode[]): string[] {
  const blocks = blocksOf(nodes);
  return blocks.map((block, i) => (i > 0 && block.list === 'ol' && !/^1[.)]/.test(block.markdown) ? `\n${block.markdown}` : block.markdown));
}

function startOf(node: EditorNode): number {
  const start = Number.parseInt(attributeOf(node, 'start') ?? '', 10);
  return Number.isSafeInteger(start) && start >= 0 && start < 1e9 ? start : 1;
}

function codeBlock(node: EditorNode): Block | null {
  const text = textOf(node).replace(/\u00a0/g, ' ').replace(/\n$/, '');
  if (text.trim() === '') return null;
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return { markdown: `${fence}\n${text}\n${fence}` };
}

const MARKERS: Record<Exclude<InlineFormat, 'code'>, string> = { strong: '**', em: '*', s: '~~' };

/**
 * Inline content. `active` holds the formats already open around it, so a bold inside a bold is
 * not marked twice; siblings with the same format are joined (`**a****b**` is not bold).
 */
function inline(nodes: EditorNode[], active: ReadonlySet<string>): string {
  let out = '';
  const groups = groupSameFormat(nodes.filter((node) => !DROPPED.has(tagOf(node))));
  for (const group of groups) {
    let piece = inlineGroup(group, active);
    // HTML shows one space where several meet; Markdown would keep them.
    if (piece.startsWith(' ') && (out.endsWith(' ') || out.endsWith('\n'))) piece = piece.replace(/^ +/, '');
    out += piece;
  }
  return out;
}

function groupSameFormat(nodes: EditorNode[]): EditorNode[][] {
  const groups: EditorNode[][] = [];
  for (const node of nodes) {
    const format = formatOf(node);
    const last = groups.at(-1);
    if (format && format !== 'code' && last && formatOf(last[0] as EditorNode) === format) last.push(node);
    else groups.push([node]);
  }
  return groups;
}

function inlineGroup(group: EditorNode[], active: ReadonlySet<string>): string {
  const node = group[0] as EditorNode;
  if (node.nodeType === TEXT_NODE) return escapeText((node.nodeValue ?? '').replace(/\s+/g, ' '));
  const tag = tagOf(node);
  if (tag === 'br') return '\n';
  if (tag === '') return '';
  if (tag === 'td' || tag === 'th') return `${inline(childrenOf(node), active)} `;
  const format = formatOf(node);
  if (format === 'code') return active.has('code') ? escapeText(textOf(node)) : codeSpan(textOf(node));
  if (format && !active.has(format)) {
    const inner = inline(group.flatMap(childrenOf), new Set([...active, format]));
    return wrap(inner, MARKERS[format], MARKERS[format]);
  }
  if (tag === 'a' && !active.has('a')) return link(node, active);
  return inline(group.flatMap(childrenOf), active);
}

/** `**x**` only binds when the markers touch the text, so surrounding spaces go outside. */
function wrap(inner: string, open: string, close: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const [, before = '', content = '', after = ''] = match ?? [];
  return content === '' ? inner : `${before}${open}${content}${close}${after}`;
}

function link(node: EditorNode, active: ReadonlySet<string>): string {
  const text = inline(childrenOf(node), new Set([...active, 'a']));
  const href = safeHref(attributeOf(node, 'href'));
  if (!href || text.trim() === '') return text;
  const plain = textOf(node).trim();
  if (!/[\s<>]/.test(href) && /^https?:\/\//i.test(href) && plain === href) return `<${href}>`;
  if (!/[\s<>]/.test(plain) && `mailto:${plain}` === href) return `<${plain}>`;
  // Pointy brackets keep spaces and parentheses in the address; the browser already
  // encodes < > and \ in a URL, so encoding them here changes nothing.
  const destination = href.replace(/[<>\\]/g, (c) => encodeURIComponent(c));
  return wrap(text, '[', /[\s()]/.test(destination) ? `](<${destination}>)` : `](${destination})`);
}

function codeSpan(raw: string): string {
  const text = raw.replace(/\u00a0/g, ' ').replace(/[\r\n]+/g, ' ');
  if (text === '') return '';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Characters that would start Markdown syntax anywhere in a line: emphasis, code, links,
 * autolinks, strikethrough, table cells, escapes, and an entity like `&amp;`.
 */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<~|]/g, '\\$&').replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/** Line starts that would make a heading, quote, list, rule or setext underline. */
function escapeLineStart(line: string): string {
  if (/^[#>+=-]/.test(line)) return `\\${line}`;
  return line.replace(/^(\d+)([.)])/, '$1\\$2');
}
