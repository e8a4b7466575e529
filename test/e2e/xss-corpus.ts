/**
 * Hostile post bodies. Each one calls `top.__xss('<id>')` (or alert) if any of it ever runs, so a
 * browser test can expose `__xss` as a sentinel. Every entry is used both as Markdown typed into
 * the source view and as HTML pasted into the rich editor; the unit sweep in
 * src/platform/markdown.test.ts sends them through renderMarkdown.
 */
export interface HostileInput {
  id: string;
  about: string;
  input: string;
}

const call = (id: string) => `top.__xss('${id}')`;

const entries: [about: string, make: (run: string) => string][] = [
  ['script tag', (x) => `<script>${x}</script>`],
  ['script tag with odd case and attributes', (x) => `<ScRiPt type="text/javascript" >${x}</sCrIpT >`],
  ['img onerror', (x) => `<img src=x onerror="${x}">`],
  ['svg onload', (x) => `<svg onload="${x}"><circle r="9"/></svg>`],
  ['svg script', (x) => `<svg><script>${x}</script></svg>`],
  ['svg animate onbegin', (x) => `<svg><animate onbegin="${x}" attributeName="x" dur="1s"/></svg>`],
  ['svg xlink:href javascript', (x) => `<svg><a xlink:href="javascript:${x}"><text x="20" y="20">klik</text></a></svg>`],
  ['MathML namespace confusion (mXSS)', (x) => `<math><mtext><table><mglyph><style><img src=x onerror="${x}">`],
  ['MathML maction href', (x) => `<math><maction actiontype="statusline" xlink:href="javascript:${x}">klik</maction></math>`],
  ['iframe javascript src', (x) => `<iframe src="javascript:${x}"></iframe>`],
  ['iframe srcdoc', (x) => `<iframe srcdoc="&lt;script&gt;${x.replace('top', 'parent')}&lt;/script&gt;"></iframe>`],
  ['object and embed', (x) => `<object data="javascript:${x}"></object><embed src="javascript:${x}">`],
  ['html link javascript', (x) => `<a href="javascript:${x}">klik</a>`],
  ['html link entity-encoded scheme', (x) => `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${x}">klik</a>`],
  ['html link newline entity in scheme', (x) => `<a href="jav&#x0A;ascript:${x}">klik</a>`],
  ['html link leading control character', (x) => `<a href="&#x01; javascript:${x}">klik</a>`],
  ['markdown link javascript', (x) => `[klik](javascript:${x})`],
  ['markdown link mixed case scheme', (x) => `[klik](JaVaScRiPt:${x})`],
  ['markdown link entity-encoded colon', (x) => `[klik](javascript&#58;${x})`],
  ['markdown link fully entity-encoded scheme', (x) => `[klik](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${x})`],
  ['markdown link with tab and spaces in scheme', (x) => `[klik](<  java\tscript:${x}>)`],
  ['markdown link percent-encoded newline', (x) => `[klik](javascript://%0a${x})`],
  ['markdown link with zero-width space in scheme', (x) => `[klik](java\u200bscript:${x})`],
  ['markdown data: link', (x) => `[klik](data:text/html;base64,${Buffer.from(`<script>${x}</script>`).toString('base64')})`],
  ['markdown vbscript: link', () => `[klik](vbscript:msgbox(1))`],
  ['markdown autolink javascript', (x) => `<javascript:${x}>`],
  ['markdown reference link javascript', (x) => `[klik][x]\n\n[x]: javascript:${x}`],
  ['markdown reference link in pointy brackets with title', (x) => `[klik][y]\n\n[y]: <JAVASCRIPT:${x}> "titel"`],
  ['markdown image with javascript and onerror in alt', (x) => `![x" onerror="${x}](javascript:${x})`],
  ['markdown link title breaking out of the attribute', (x) => `[klik](https://voorbeeld.nl "t&quot; onmouseover=&quot;${x}")`],
  ['markdown link destination breaking out of the attribute', (x) => `[klik](https://voorbeeld.nl/"onmouseover="${x})`],
  ['autolink breaking out of the attribute', (x) => `<https://voorbeeld.nl/"><img src=x onerror=${x}>>`],
  ['html inside markdown link text', (x) => `[<img src=x onerror="${x}">](https://voorbeeld.nl)`],
  ['html in inline code and fenced code', (x) => `\`<img src=x onerror="${x}">\`\n\n\`\`\`html\n<script>${x}</script>\n\`\`\``],
  ['event handler with CSS overlay', (x) => `<div onmouseover="${x}" style="position:fixed;inset:0;z-index:9">hover</div>`],
  ['details ontoggle', (x) => `<details open ontoggle="${x}"><summary>x</summary></details>`],
  ['autofocus onfocus', (x) => `<input autofocus onfocus="${x}"><body onload="${x}">`],
  ['form action and formaction', (x) => `<form action="javascript:${x}"><button formaction="javascript:${x}">verstuur</button></form>`],
  ['CSS injection with style and link', (x) => `<style>@import url("javascript:${x}");body{background:url("javascript:${x}")}</style><link rel="stylesheet" href="javascript:${x}">`],
  ['HTML comment tricks', (x) => `<!--<img src=x onerror="${x}">--><!-- --!><img src=x onerror="${x}"> -->`],
  ['noscript mXSS', (x) => `<noscript><p title="</noscript><img src=x onerror=${x}>">`],
  ['raw text elements', (x) => `<textarea><img src=x onerror="${x}"></textarea><title><img src=x onerror="${x}"></title><xmp><img src=x onerror="${x}"></xmp>`],
  ['template inside select', (x) => `<select><template><img src=x onerror="${x}"></template></select>`],
  ['meta refresh and base', (x) => `<meta http-equiv="refresh" content="0;url=javascript:${x}"><base href="javascript:${x}//"><a href="x">klik</a>`],
  ['fullwidth and homoglyph brackets', (x) => `＜script＞${x}＜/script＞ ‹img src=x onerror=${x}›`],
  // Not a NUL: the form answers that with a validation error, so it would never be posted.
  ['control character and right-to-left override', (x) => `<scr\u0001ipt>${x}</scr\u0001ipt>\u202e<img src=x onerror="${x}">`],
  ['alert dialog', () => `<img src=x onerror="alert(1)"><a href="javascript:alert(1)">klik</a>`],
];

export function hostileInputs(): HostileInput[] {
  return entries.map(([about, make], i) => {
    const id = `x${i + 1}`;
    return { id, about, input: make(call(id)) };
  });
}
