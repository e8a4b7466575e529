import { renderMarkdown } from '../platform/markdown.ts';

/** A post's text: sanitised HTML from its Markdown source (see src/platform/markdown.ts for the two guards). */
export function PostBody({ markdown }: { markdown: string }) {
  return <div class="lk-post-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown) }} />;
}
