import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToMarkdown } from './editor-markdown.ts';
import { toAllowedHtml } from './editor-allowed.ts';
import { linkFromInput } from './editor-dom.ts';
import { parseHtml } from './editor-test-dom.ts';
import { renderMarkdown, markdownToText } from '../../platform/markdown.ts';

const md = (html: string) => htmlToMarkdown(parseHtml(html));

/**
 * What a reader sees, for comparing two renderings: whitespace between tags does not count, and a
 * list item's content is the same with or without a paragraph around it (tight or loose list).
 */
const shape = (html: string) =>
  html
    .replace(/>\s+</g, '><')
    .replace(/<li><p>/g, '<li>')
    .replace(/<\/p><\/li>/g, '</li>')
    .replace(/<\/p><p>/g, '<br />')
    .replace(/<br \/>\n/g, '<br />')
    .trim();

describe('htmlToMarkdown', () => {
  it('converts each element the editor allows', () => {
    assert.equal(md('<p>Een <strong>vet</strong>, <b>ook vet</b>, <em>schuin</em> en <i>ook</i> woord.</p>'), 'Een **vet**, **ook vet**, *schuin* en *ook* woord.');
    assert.equal(md('<h2>Twee</h2><h3>Drie</h3><h4>Vier</h4><h1>Een</h1><h6>Zes</h6>'), '## Twee\n\n### Drie\n\n#### Vier\n\n## Een\n\n#### Zes');
    assert.equal(md('<ul><li>een</li><li>twee</li></ul>'), '- een\n- twee');
    assert.equal(md('<ol><li>een</li><li>twee</li></ol>'), '1. een\n2. twee');
    assert.equal(md('<ol start="9"><li>negen</li><li>tien</li></ol>'), '9. negen\n10. tien');
    assert.equal(md('<blockquote><p>Zo doen wij het.</p><p>Echt.</p></blockquote>'), '> Zo doen wij het.\n>\n> Echt.');
    assert.equal(md('<p><a href="https://voorbeeld.nl/wmo">de regeling</a></p>'), '[de regeling](https://voorbeeld.nl/wmo)');
    assert.equal(md('<p>regel een<br>regel twee</p>'), 'regel een\nregel twee');
    assert.equal(md('<p>Gebruik <code>a*b</code> of <code>x`y</code></p>'), 'Gebruik `a*b` of ``x`y``');
    assert.equal(md('<pre><code>if (a) {\n  b();\n}\n</code></pre>'), '```\nif (a) {\n  b();\n}\n```');
    assert.equal(md('<pre><code>```\n</code></pre>'), '````\n```\n````');
    assert.equal(md('<p><s>weg</s></p><hr><p>na</p>'), '~~weg~~\n\n***\n\nna');
  });

  it('nests lists, also the way browsers indent them', () => {
    assert.equal(md('<ul><li>een<ul><li>half</li></ul></li><li>twee</li></ul>'), '- een\n  - half\n- twee');
    assert.equal(md('<ol><li>een<ol><li>half<ul><li>kwart</li></ul></li></ol></li></ol>'), '1. een\n   1. half\n      - kwart');
    assert.equal(md('<ul><li>een</li><ul><li>half</li></ul><li>twee</li></ul>'), '- een\n  - half\n- twee');
    assert.equal(md('<ul><li><p>los</p><blockquote><p>citaat</p></blockquote></li></ul>'), '- los\n  > citaat');
  });

  it('keeps adjacent lists apart', () => {
    assert.equal(md('<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol>'), '- a\n\n* b\n\n1. c\n\n1) d');
    assert.match(renderMarkdown(md('<ul><li>a</li></ul><ul><li>b</li></ul>')), /<\/ul>\n<ul>/);
  });

  it('reads what browsers make of typed text', () => {
    assert.equal(md('<div>eerste regel</div><div><br></div><div>derde</div>'), 'eerste regel\n\nderde');
    assert.equal(md('<p>tekst<br></p><p><br></p>'), 'tekst');
    assert.equal(md('<p>twee&nbsp; spaties&nbsp;</p>'), 'twee spaties');
    assert.equal(md('<p><b>a</b><b>b</b> en <i>c </i>d</p>'), '**ab** en *c* d');
    assert.equal(md('<p><strong>vet <strong>binnen</strong> vet</strong></p>'), '**vet binnen vet**');
    assert.equal(md('<p><strong><em>beide</em></strong></p>'), '***beide***');
    assert.equal(md('<p>voor<strong> </strong>na</p>'), 'voor na');
  });

  it('reads bold and italic from pasted Word and Google Docs markup, and unwraps the Docs wrapper', () => {
    assert.equal(
      md('<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">Vet</span> <span style="font-style:italic">schuin</span></p><ul><li><span>punt</span></li></ul></b>'),
      '**Vet** *schuin*\n\n- punt',
    );
  });

  it('turns anything else into its text and drops what no reader saw', () => {
    assert.equal(md('<p><span class="x">span</span> <u>onder</u> <mark>mark</mark></p>'), 'span onder mark');
    assert.equal(md('<table><tr><th>Naam</th><th>Rol</th></tr><tr><td>An</td><td>Lid</td></tr></table>'), 'Naam Rol\n\nAn Lid');
    assert.equal(md('<p>a<script>alert(1)</script><style>p{}</style><img src="x" alt="plaatje">b</p>'), 'ab');
    assert.equal(md('<p><a href="javascript:alert(1)">klik</a> <a href="//evil.example">ver</a> <a>leeg</a></p>'), 'klik ver leeg');
    assert.equal(md('<section><h5>Kop</h5><div><p>tekst</p></div></section>'), '#### Kop\n\ntekst');
  });

  it('escapes text that would otherwise become Markdown', () => {
    const texts = [
      '*niet schuin* en **niet vet** en _ook niet_',
      '# geen kop',
      '- geen lijst',
      '+ ook geen lijst',
      '1. geen nummer',
      '2) ook geen nummer',
      '> geen citaat',
      '[geen link](pad)',
      '<pad> en <b>tag</b>',
      '`geen code`',
      '~~niet doorgehaald~~',
      'a | b',
      'back\\slash \\*',
      '&amp; en &#42; blijven zo',
      '===',
      '---',
      '***',
      '    vier spaties',
      '![geen plaatje](x.png)',
    ];
    for (const text of texts) {
      const source = md(`<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
      assert.equal(markdownToText(source), text.trim(), `${text} → ${source}`);
      assert.match(renderMarkdown(source), /^<p>[^<]*<\/p>\n$/, `${text} → ${source} → ${renderMarkdown(source)}`);
    }
  });

  it('writes links whose address has spaces or parentheses, and short links as autolinks', () => {
    assert.equal(md('<a href="https://voorbeeld.nl/a b_(c)">x</a>'), '[x](<https://voorbeeld.nl/a b_(c)>)');
    assert.equal(md('<a href="https://voorbeeld.nl/">https://voorbeeld.nl/</a>'), '<https://voorbeeld.nl/>');
    assert.equal(md('<a href="mailto:an@voorbeeld.nl">an@voorbeeld.nl</a>'), '<an@voorbeeld.nl>');
    assert.equal(md('<a href="/vragen/1"> <b>vraag</b> </a>'), '[**vraag**](/vragen/1)');
  });

  it('round-trips Markdown through the rendering and back without changing its meaning', () => {
    const sources = [
      '## Kop\n\nEen alinea met **vet**, *schuin*, ***beide***, `code` en een [link](https://voorbeeld.nl/pad?a=1&b=2).',
      'Regel een\nregel twee\n\nNieuwe alinea.',
      '- een\n- twee\n  - twee a\n  - twee b\n- drie',
      '1. een\n2. twee\n   1. nested\n3. drie',
      '5. vijf\n6. zes',
      '> Citaat met **nadruk**\n>\n> - en een lijst',
      '```\nconst a = `x`;\n  ingesprongen\n```',
      'Tekst met *sterretjes* \\* en \\_underscores\\_ en \\# en 1\\. en \\[haken\\]',
      '#### Kleine kop\n\n***\n\n~~oud~~ nieuw',
      '<https://voorbeeld.nl/a_b> en <an@voorbeeld.nl>',
      '[link met **vet**](/vragen/1) en [ander](<https://voorbeeld.nl/a b>)',
      '- a\n\n- b',
      '- lijst\n\n* tweede lijst',
      'Kosten & baten: 5 < 6 > 4 "quote" \'apostrof\'',
      '* ster-lijst\n+ plus-lijst',
      '1) haakje',
      '- > citaat in lijst\n- ```\n  code in lijst\n  ```',
      'a | b\n--|--\n1 | 2',
    ];
    for (const source of sources) {
      const first = renderMarkdown(source);
      const converted = htmlToMarkdown(parseHtml(first));
      const second = renderMarkdown(converted);
      if (!source.includes('--|--')) assert.equal(shape(second), shape(first), `${JSON.stringify(source)} → ${JSON.stringify(converted)}`);
      else assert.equal(markdownToText(converted).replace(/\s+/g, ' '), 'a b 1 2');
      assert.equal(htmlToMarkdown(parseHtml(second)), converted, `a second round trip of ${JSON.stringify(source)} changes nothing`);
    }
  });
});

describe('toAllowedHtml', () => {
  it('rebuilds only allowed elements, with a checked href and escaped text', () => {
    assert.equal(
      toAllowedHtml(parseHtml('<h1 class="x">Kop</h1><p style="color:red" onclick="x()">a &lt;b&gt; <b>c</b> <a href="javascript:x()" title="t">d</a> <a href="https://voorbeeld.nl" target="_blank">e</a></p><ol start="3" type="a"><li>f</li></ol><ol start="x"><li>g</li></ol><img src=x onerror=alert(1)><pre>&lt;i&gt;</pre>')),
      '<h3>Kop</h3><p>a &lt;b&gt; <strong>c</strong> d <a href="https://voorbeeld.nl">e</a></p><ol start="3"><li>f</li></ol><ol><li>g</li></ol><pre>&lt;i&gt;</pre>',
    );
  });
});

describe('linkFromInput', () => {
  it('accepts web and e-mail addresses, completing them, and refuses other schemes', () => {
    assert.equal(linkFromInput(' https://voorbeeld.nl/wmo '), 'https://voorbeeld.nl/wmo');
    assert.equal(linkFromInput('voorbeeld.nl/wmo'), 'https://voorbeeld.nl/wmo');
    assert.equal(linkFromInput('voorbeeld.nl:8080/x'), 'https://voorbeeld.nl:8080/x');
    assert.equal(linkFromInput('an@voorbeeld.nl'), 'mailto:an@voorbeeld.nl');
    assert.equal(linkFromInput('mailto:an@voorbeeld.nl'), 'mailto:an@voorbeeld.nl');
    for (const refused of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', 'ftp://voorbeeld.nl', 'een zin met spaties', 'intranet', '', 'mailto:geen-adres', 'java\tscript:x']) {
      assert.equal(linkFromInput(refused), null, refused);
    }
  });
});
