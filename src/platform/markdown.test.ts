import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sanitizeHtml from 'sanitize-html';
import { MARKDOWN_OPTIONS, isSafeLinkTarget, markdownToText, renderMarkdown } from './markdown.ts';
import { hostileInputs } from '../../test/e2e/xss-corpus.ts';
import { parseHtml, type TestNode } from '../ui/islands/editor-test-dom.ts';
import { EDITOR_MARKDOWN_OPTIONS } from '../ui/islands/editor-source.ts';
import { safeHref } from '../ui/islands/editor-dom.ts';
import { htmlToMarkdown } from '../ui/islands/editor-markdown.ts';
import { toAllowedHtml } from '../ui/islands/editor-allowed.ts';

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const ALLOWED_ATTRIBUTES: Record<string, string[]> = { a: ['href', 'rel'], ol: ['start'] };

function* elements(node: TestNode): Generator<TestNode> {
  for (const child of node.childNodes) {
    if (child.nodeType === 1) yield child;
    yield* elements(child);
  }
}

/** Fails unless the HTML holds only allowed elements and attributes, and links a browser cannot run. */
function assertOnlyAllowedMarkup(html: string, about: string, tags = ALLOWED_TAGS): void {
  for (const element of elements(parseHtml(html))) {
    const tag = element.nodeName.toLowerCase();
    assert.ok(tags.has(tag), `${about}: <${tag}> in ${html}`);
    for (const name of Object.keys(element.attributes)) {
      assert.ok((ALLOWED_ATTRIBUTES[tag] ?? []).includes(name), `${about}: ${name} on <${tag}> in ${html}`);
    }
    const href = element.getAttribute('href');
    if (href !== null) {
      // As a browser reads it: control characters and whitespace dropped, then the scheme.
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
      assert.ok(scheme === undefined || ['http', 'https', 'mailto'].includes(scheme), `${about}: href ${href}`);
      assert.ok(!/^[/\\]{2}/.test(href.trim()), `${about}: protocol-relative href ${href}`);
    }
  }
  // Text keeps its < escaped, so a tag name after a raw < can only be markup.
  assert.doesNotMatch(html, /<(script|style|iframe|object|embed|svg|math|img|form|input|template)\b/i, about);
}

describe('renderMarkdown', () => {
  it('renders the formatting the editor offers', () => {
    assert.equal(
      renderMarkdown('## Kop\n\n**vet** en *schuin*, `code`\n\n- een\n- twee\n\n3. drie\n\n> citaat\n\n[site](https://voorbeeld.nl)'),
      '<h3>Kop</h3>\n<p><strong>vet</strong> en <em>schuin</em>, <code>code</code></p>\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>\n<ol start="3">\n<li>drie</li>\n</ol>\n<blockquote>\n<p>citaat</p>\n</blockquote>\n<p><a href="https://voorbeeld.nl" rel="nofollow noopener noreferrer">site</a></p>\n',
    );
  });

  it('shows raw HTML as text and drops images', () => {
    assert.equal(renderMarkdown('<b onclick="x()">hoi</b>'), '<p>&lt;b onclick="x()"&gt;hoi&lt;/b&gt;</p>\n');
    assert.equal(renderMarkdown('![kat](https://voorbeeld.nl/kat.png)'), '<p></p>\n');
  });

  it('keeps links to this site and refuses other schemes and protocol-relative links', () => {
    assert.match(renderMarkdown('[vraag](/vragen/12)'), /href="\/vragen\/12"/);
    for (const source of ['[x](javascript:alert(1))', '[x](//evil.example)', '[x](ftp://voorbeeld.nl)', '[x](tel:0612345678)', '<data:text/html,hoi>']) {
      assert.doesNotMatch(renderMarkdown(source), /href=/, source);
    }
  });

  it('keeps a numeric list start only', () => {
    assert.match(renderMarkdown('7. zeven'), /<ol start="7">/);
  });

  it('lets nothing through of a corpus of hostile input', () => {
    const corpus = hostileInputs();
    assert.ok(corpus.length >= 30);
    for (const { about, input } of corpus) {
      const html = renderMarkdown(input);
      assertOnlyAllowedMarkup(html, about);
      // Sanitising the output again changes nothing: no markup that parses differently the second time.
      assert.equal(sanitizeHtml(html, { allowedTags: [...ALLOWED_TAGS], allowedAttributes: ALLOWED_ATTRIBUTES, allowedSchemes: ['http', 'https', 'mailto'], allowProtocolRelative: false }), html, about);
    }
  });

  it('lets nothing through of the corpus after the editor converted it as pasted HTML', () => {
    for (const { about, input } of hostileInputs()) {
      const pasted = parseHtml(input);
      assertOnlyAllowedMarkup(renderMarkdown(htmlToMarkdown(pasted)), `${about} (pasted)`);
      assertOnlyAllowedMarkup(toAllowedHtml(pasted), `${about} (editor markup)`, new Set([...ALLOWED_TAGS].filter((t) => !t.startsWith('t'))));
    }
  });
});

describe('markdownToText', () => {
  it('is plain text for the search index, entities decoded once', () => {
    assert.equal(markdownToText('## Kop\n\n**vet** &amp;lt;b&amp;gt; `<i>`\n\n- een'), 'Kop\nvet &lt;b&gt; <i>\neen');
  });
});

describe('the browser editor and the server agree', () => {
  it('render Markdown with the same options', () => {
    assert.deepEqual(EDITOR_MARKDOWN_OPTIONS, MARKDOWN_OPTIONS);
  });

  it('the editor never keeps a link the server refuses', () => {
    const urls = [
      'https://voorbeeld.nl', 'http://voorbeeld.nl/a b', 'mailto:a@b.nl', '/vragen/1', '#kop', 'vragen/1', 'javascript:alert(1)', 'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', '\u0001javascript:alert(1)', 'java script:alert(1)', 'vbscript:x', 'data:text/html,x',
      '//evil.example', '/\\evil.example', '\\\\evil.example', ' //evil.example', 'file:///etc/passwd', 'tel:112', 'java%0ascript:x', 'https:evil.example',
    ];
    for (const url of urls) {
      if (safeHref(url) !== null) assert.ok(isSafeLinkTarget(url), url);
    }
    assert.ok(isSafeLinkTarget('https://voorbeeld.nl') && safeHref('https://voorbeeld.nl'));
    assert.equal(safeHref('java\tscript:alert(1)'), null);
    assert.equal(isSafeLinkTarget('java\tscript:alert(1)'), false);
  });
});
