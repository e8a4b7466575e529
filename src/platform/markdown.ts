import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Posts are stored as Markdown and rendered here, twice guarded: markdown-it runs with raw HTML
 * off (a `<script>` in the source is shown as text) and its own link validation, and the result
 * passes an allow-list sanitiser, so a flaw in one layer is caught by the other. Links get
 * rel="nofollow noopener noreferrer"; images are not allowed (they would load third-party content
 * past the CSP and leak who reads what).
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const SAFE_SCHEMES = ['http', 'https', 'mailto'];

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
  },
} satisfies sanitizeHtml.IOptions;

/** Markdown source to safe HTML, for dangerouslySetInnerHTML in a post body. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), ALLOWED);
}

/** The text of a post without markup, for the search index and snippets. */
export function markdownToText(source: string): string {
  const html = markdown.render(source);
  return sanitizeHtml(html.replace(/<\/(p|li|h\d|blockquote|pre|tr)>/g, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\n{2,}/g, '\n')
    .trim();
}
