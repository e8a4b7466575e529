import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Posts are stored as Markdown and rendered here, twice guarded: markdown-it runs with raw HTML
 * off (a `<script>` in the source is shown as text) and a link check as strict as the sanitiser's,
 * and the result passes an allow-list sanitiser, so a flaw in one layer is caught by the other.
 * Links get rel="nofollow noopener noreferrer"; images are not allowed (they would load
 * third-party content past the CSP and leak who reads what).
 *
 * The editor island renders Markdown in the browser with the same options (see
 * src/ui/islands/editor-source.ts; a test keeps the two equal).
 */
export const MARKDOWN_OPTIONS = { html: false, linkify: true, breaks: true, typographer: false } as const;

const SAFE_SCHEMES = ['http', 'https', 'mailto'];

/**
 * A link may be relative to this site or use a safe scheme. Browsers ignore ASCII whitespace and
 * control characters inside a scheme (`java\tscript:`), so those are dropped before looking.
 */
export function isSafeLinkTarget(url: string): boolean {
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (/^[/\\]{2}/.test(compact)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1];
  return scheme === undefined || SAFE_SCHEMES.includes(scheme.toLowerCase());
}

const markdown = new MarkdownIt(MARKDOWN_OPTIONS);
markdown.validateLink = isSafeLinkTarget;

const ALLOWED = {
  allowedTags: ['p', 'br', 'strong', 'em', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  // No style attributes: the CSP forbids inline styles, so table alignment is dropped.
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: SAFE_SCHEMES,
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    // A heading in a post sits under the page's own h1 and the post's h2.
    h1: 'h3',
    h2: 'h3',
    h5: 'h4',
    h6: 'h4',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }),
    // A list's start is a number; anything else in the attribute is dropped.
    ol: (tagName, attribs): sanitizeHtml.Tag => ({ tagName, attribs: attribs.start && /^\d{1,9}$/.test(attribs.start) ? { start: attribs.start } : {} }),
  },
} satisfies sanitizeHtml.IOptions;

/** Markdown source to safe HTML, for dangerouslySetInnerHTML in a post body. */
export function renderMarkdown(source: string): string {
  return cached(rendered, source, () => sanitizeHtml(markdown.render(source), ALLOWED));
}

/** Least recently used goes first: re-inserting moves an entry to the end. */
function cached(cache: Map<string, string>, source: string, make: () => string): string {
  const hit = cache.get(source);
  if (hit !== undefined) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const value = make();
  // Only what a saved post can be: a form that came back with an over-long text is not kept.
  if (source.length > RENDER_CACHE_MAX_SOURCE) return value;
  cache.set(source, value);
  if (cache.size > RENDER_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}

/**
 * Rendering and sanitising cost about 0.15 ms per post, 3 ms for a question page with 20
 * answers: more than its query. The output depends only on the source, so the most recently
 * shown posts are kept (bounded: at most 5,000 entries, posts are at most 20,000 characters).
 */
const RENDER_CACHE_ENTRIES = 5000;
const RENDER_CACHE_MAX_SOURCE = 20_000;
const rendered = new Map<string, string>();
/** The same for plain text (gallery excerpts, search bodies). */
const texts = new Map<string, string>();

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** The text of a post without markup, for the search index and snippets. */
export function markdownToText(source: string): string {
  return cached(texts, source, () =>
    sanitizeHtml(markdown.render(source).replace(/<\/(p|li|h\d|blockquote|pre|tr)>/g, '$&\n'), { allowedTags: [], allowedAttributes: {} })
      // One pass, so an escaped entity in the text ("&amp;lt;") is not decoded twice.
      .replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity)
      .replace(/\n{2,}/g, '\n')
      .trim(),
  );
}
