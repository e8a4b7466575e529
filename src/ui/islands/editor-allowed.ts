import { DROPPED, TEXT_NODE, attributeOf, childrenOf, escapeHtml, formatOf, safeHref, tagOf, textOf, type EditorNode } from './editor-dom.ts';

const SAME: Record<string, string> = { p: 'p', blockquote: 'blockquote', ul: 'ul', li: 'li', h1: 'h3', h2: 'h3', h3: 'h3', h4: 'h4', h5: 'h4', h6: 'h4' };
const FORMAT_TAGS = { strong: 'strong', em: 'em', s: 's', code: 'code' } as const;

/**
 * HTML for the rich-text editor made only of the elements a post may have, with no attribute
 * but a checked href and a numeric list start, and every text escaped. Whatever goes into the
 * editor passes here: the server's rendering, Markdown rendered in the browser, and pastes.
 * It rebuilds the markup from scratch, so nothing from the source is copied through unseen.
 */
export function toAllowedHtml(root: EditorNode): string {
  return childrenOf(root).map(allowed).join('');
}

function allowed(node: EditorNode): string {
  // Line breaks between rendered blocks (`</li>\n<li>`) would be stray text nodes in the editor.
  if (node.nodeType === TEXT_NODE) return /^\s*\n\s*$/.test(node.nodeValue ?? '') ? '' : escapeHtml(node.nodeValue ?? '');
  const tag = tagOf(node);
  if (tag === '' || DROPPED.has(tag)) return '';
  const inner = () => toAllowedHtml(node);
  if (tag === 'br' || tag === 'hr') return `<${tag}>`;
  if (tag === 'pre') return `<pre>${escapeHtml(textOf(node))}</pre>`;
  if (tag === 'ol') {
    const start = attributeOf(node, 'start') ?? '';
    return `<ol${/^\d{1,9}$/.test(start) ? ` start="${start}"` : ''}>${inner()}</ol>`;
  }
  if (tag === 'a') {
    const href = safeHref(attributeOf(node, 'href'));
    return href ? `<a href="${escapeHtml(href)}">${inner()}</a>` : inner();
  }
  if (tag === 'tr') return `<p>${inner()}</p>`;
  if (tag === 'td' || tag === 'th') return `${inner()} `;
  const same = SAME[tag];
  if (same) return `<${same}>${inner()}</${same}>`;
  const format = formatOf(node);
  if (format === 'code') return `<code>${escapeHtml(textOf(node))}</code>`;
  if (format) return `<${FORMAT_TAGS[format]}>${inner()}</${FORMAT_TAGS[format]}>`;
  return inner();
}
