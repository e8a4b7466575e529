import MarkdownIt from 'markdown-it';
import { safeHref } from './editor-dom.ts';

/**
 * Markdown rendered in the browser, for switching from the Markdown source back to the rich
 * editor. The same parser and options as the server (MARKDOWN_OPTIONS in
 * src/platform/markdown.ts; a test keeps them equal), so the editor shows what the post will
 * look like. Its output is not trusted: it goes through toAllowedHtml before the editor shows it.
 */
export const EDITOR_MARKDOWN_OPTIONS = { html: false, linkify: true, breaks: true, typographer: false } as const;

const markdown = new MarkdownIt(EDITOR_MARKDOWN_OPTIONS);
markdown.validateLink = (url) => safeHref(url) !== null;

export const renderForEditor = (source: string): string => markdown.render(source);
