/**
 * XSS through the editor path, in Chromium with a sentinel. Every hostile input of the corpus
 * (test/e2e/xss-corpus.ts) is typed into the editor's Markdown source and, separately, pasted as
 * HTML into the rich text; it is posted as a question and the question page is opened.
 *
 * The editor and the first look at each question run with the CSP switched off (bypassCSP), so
 * that only the sanitising layers stand between a payload and the page: if one of them fails,
 * the payload runs and calls the sentinel. The question page is then opened again with the CSP
 * on, where no violation may be reported at all. A control test proves the sentinel and the
 * checks do fire on markup that was not sanitised.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCommunity, createTestOrganisation, createTestUser, TEST_PASSWORD } from '../harness.ts';
import { islandsReady, startBrowserSuite, watchConsole, type Browser, type BrowserContext, type BrowserSuite, type Page } from './support.ts';
import { hostileInputs, type HostileInput } from './xss-corpus.ts';

const POST_ELEMENTS = ['p', 'br', 'strong', 'em', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];

/**
 * What a page must not have anywhere, and, inside `scope`, any element a post may not have.
 * `isEditing`: Chromium's editing engine wraps text it moves in spans with the computed style
 * (the CSP blocks those in real use; the editor tests here run with the CSP off). Such spans and
 * styles are allowed in the editor, as long as no style could load or run anything.
 */
function findUnsafeMarkup({ scope, allowed, isEditing }: { scope: string; allowed: string[]; isEditing: boolean }): string[] {
  const problems: string[] = [];
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'ping', 'codebase', 'cite', 'longdesc', 'manifest', 'usemap', 'classid', 'lowsrc', 'dynsrc'];
  for (const element of Array.from(document.querySelectorAll('*'))) {
    for (const { name, value } of Array.from(element.attributes)) {
      const attribute = name.toLowerCase();
      const isEditingStyle = isEditing && attribute === 'style' && element.closest(scope) !== null && !/url\(|expression|javascript|@import|\\/i.test(value);
      if (attribute.startsWith('on') || attribute === 'srcdoc' || (attribute === 'style' && !isEditingStyle)) problems.push(`${element.tagName} has ${attribute}="${value}"`);
      if (!urlAttributes.includes(attribute)) continue;
      let protocol = 'unparseable:';
      try {
        protocol = new URL(value, document.baseURI).protocol;
      } catch {
        // counted as a problem below
      }
      if (!['http:', 'https:', 'mailto:'].includes(protocol)) problems.push(`${element.tagName} ${attribute}="${value}"`);
    }
  }
  for (const script of Array.from(document.scripts)) {
    if (!script.src || new URL(script.src).origin !== location.origin) problems.push(`script ${script.outerHTML.slice(0, 80)}`);
  }
  if (document.baseURI !== location.href) problems.push(`base URI changed to ${document.baseURI}`);
  for (const element of Array.from(document.querySelectorAll('iframe, frame, object, embed, svg, math, base, meta[http-equiv], style, img'))) {
    problems.push(`<${element.tagName.toLowerCase()}> on the page`);
  }
  const container = document.querySelector(scope);
  if (!container) problems.push(`no ${scope}`);
  for (const element of Array.from(container?.querySelectorAll('*') ?? [])) {
    if (!allowed.includes(element.tagName.toLowerCase()) && !(isEditing && ['span', 'b', 'i', 'div'].includes(element.tagName.toLowerCase()))) problems.push(`<${element.tagName.toLowerCase()}> in ${scope}`);
  }
  return problems;
}

interface Watched {
  page: Page;
  fired: string[];
  violations: string[];
  problems: string[];
}

describe('hostile posts through the editor, rendered in Chromium with a sentinel', () => {
  let suite: BrowserSuite;
  let browser: Browser;
  let server: BrowserSuite['server'];
  let askUrl: string;
  let storageState: Awaited<ReturnType<BrowserContext['storageState']>>;
  const corpus = hostileInputs();

  before(async () => {
    suite = await startBrowserSuite();
    ({ browser, server } = suite);
    const org = await createTestOrganisation(server.deps);
    const user = await createTestUser(server.deps, org.id, { name: 'Mila Kok' });
    const community = await createTestCommunity(server.deps, org.id, { members: [{ userId: user.id }] });
    askUrl = `${server.baseUrl}/gemeenschappen/${community.slug}/vragen/nieuw`;
    // About a hundred questions from one person: more than the default limit on writes allows.
    server.deps.config.writeRateLimit = 10_000;
    const context = await browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/inloggen`);
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: /Mila Kok/ }).waitFor();
    storageState = await context.storageState();
    await context.close();
  });
  after(() => suite?.close());

  /** A page whose `__xss`, alert dialogs and CSP violations are recorded here. */
  const openWatched = async (isCspOn: boolean): Promise<Watched & { context: BrowserContext }> => {
    const context = await browser.newContext({ locale: 'nl-NL', storageState, bypassCSP: !isCspOn });
    context.setDefaultTimeout(10_000);
    const fired: string[] = [];
    const violations: string[] = [];
    await context.exposeFunction('__xss', (id: string) => fired.push(String(id)));
    await context.exposeFunction('__cspViolation', (text: string) => violations.push(text));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __cspViolation(text: string): void }).__cspViolation;
        report(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
      });
    });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      fired.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    return { context, page, fired, violations, problems: watchConsole(page) };
  };

  /** Lets handlers that run after load (onerror, onfocus, ontoggle, meta refresh) have their chance. */
  const settle = async (page: Page) => {
    await page.mouse.move(300, 300);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20))));
  };

  const markdownButton = (page: Page) => page.getByRole('button', { name: 'Markdown' });

  /** Into the Markdown source, then back to the rich text: the browser renders the hostile Markdown. */
  const typeMarkdown = async (page: Page, input: string) => {
    await markdownButton(page).click();
    await page.getByRole('textbox', { name: 'Toelichting' }).fill(input);
    await markdownButton(page).click();
    await page.locator('.lk-editor__area').waitFor();
  };

  /** A paste at the end of the rich text, as a browser delivers it: HTML with a plain-text twin. */
  const pasteHtml = async (page: Page, input: string) => {
    await page.locator('.lk-editor__area').evaluate((area, html) => {
      area.focus();
      const range = document.createRange();
      range.selectNodeContents(area);
      range.collapse(false);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', html);
      area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, input);
  };

  const submit = (page: Page) => page.getByRole('button', { name: 'Vraag plaatsen' }).click();

  const inspect = async (watched: Watched, scope: string, about: string) => {
    await settle(watched.page);
    const unsafe = await watched.page.evaluate(findUnsafeMarkup, { scope, allowed: POST_ELEMENTS, isEditing: scope === '.lk-editor__area' });
    assert.deepEqual(unsafe, [], `${about}: unsafe markup`);
    assert.deepEqual(watched.fired, [], `${about}: a payload ran`);
  };

  /**
   * Each input goes into the editor on its own and is checked there. Posting them one question
   * each would not fit the runner's time limit, so a question holds a batch: typed inputs are
   * separated by thematic breaks (the question page must show every one of them, so no input
   * swallowed the next), pasted ones are pasted one after the other. A payload names its input
   * when it calls the sentinel.
   */
  const BATCH = 6;
  const tryWay = async (way: 'typed' | 'pasted', entries: HostileInput[]) => {
    const editor = await openWatched(false);
    const strict = await openWatched(true);
    for (let from = 0; from < entries.length; from += BATCH) {
      const batch = entries.slice(from, from + BATCH);
      const about = `${way} ${batch.map((e) => e.id).join(', ')}`;
      const title = `XSS-proef ${way} ${batch[0]?.id}–${batch.at(-1)?.id}`;
      await editor.page.goto(askUrl, { waitUntil: 'domcontentloaded' });
      await islandsReady(editor.page);
      await editor.page.getByLabel('Je vraag in één zin').fill(way === 'typed' ? 'Kort' : title);
      for (const entry of batch) {
        if (way === 'typed') await typeMarkdown(editor.page, entry.input);
        else await pasteHtml(editor.page, entry.input);
        await inspect(editor, '.lk-editor__area', `${entry.id} ${entry.about} (${way}), in the editor`);
      }
      if (way === 'typed') {
        await typeMarkdown(editor.page, batch.map((e) => e.input).join('\n\n***\n\n'));
        // A title that is too short first: the form comes back and the server renders the text for the editor.
        await submit(editor.page);
        await editor.page.getByRole('alert').waitFor();
        await inspect(editor, '.lk-editor__area', `${about}, back with an error`);
        await editor.page.getByLabel('Je vraag in één zin').fill(title);
      }
      await submit(editor.page);
      await editor.page.waitForURL(/\/vragen\/[0-9a-f-]{36}/);
      await inspect(editor, '.lk-post-body', `${about}, read without CSP`);
      if (way === 'typed') assert.equal(await editor.page.locator('.lk-post-body > hr').count(), batch.length - 1, `${about}: every input stands on its own`);
      await strict.page.goto(editor.page.url());
      await inspect(strict, '.lk-post-body', `${about}, read with CSP`);
      assert.deepEqual(strict.violations, [], `${about}: CSP violations on the question page`);
    }
    for (const watched of [editor, strict]) {
      assert.deepEqual(watched.problems, [], `${way}: console problems`);
      await watched.context.close();
    }
    // With the CSP off nothing is blocked, so nothing may have been reported either.
    assert.deepEqual(editor.violations, []);
  };

  for (const way of ['typed', 'pasted'] as const) {
    it(`every input ${way === 'typed' ? 'typed as Markdown source' : 'pasted as HTML'} is posted and never runs`, async () => {
      const half = Math.ceil(corpus.length / 2);
      await Promise.all([tryWay(way, corpus.slice(0, half)), tryWay(way, corpus.slice(half))]);
    });
  }

  it('the sentinel and the checks do fire on markup that was not sanitised (control)', async () => {
    const unsafe = await openWatched(false);
    const strict = await openWatched(true);
    await unsafe.page.goto(askUrl);
    await unsafe.page.getByLabel('Je vraag in één zin').fill('Controle van de proef');
    await submit(unsafe.page);
    await unsafe.page.waitForURL(/\/vragen\/[0-9a-f-]{36}/);
    const url = unsafe.page.url();
    const inject = (page: Page) =>
      page.locator('.lk-post-body').evaluate((body) => {
        body.innerHTML = `<img src="/nergens.png" onerror="top.__xss('control')"><a href="javascript:top.__xss('link')">klik</a>`;
      });
    await inject(unsafe.page);
    await settle(unsafe.page);
    assert.deepEqual(unsafe.fired, ['control']);
    const found = await unsafe.page.evaluate(findUnsafeMarkup, { scope: '.lk-post-body', allowed: POST_ELEMENTS, isEditing: false });
    assert.ok(found.some((p) => p.includes('onerror')) && found.some((p) => p.includes('javascript:')) && found.some((p) => p.includes('<img>')), found.join('\n'));

    await strict.page.goto(url);
    await inject(strict.page);
    await settle(strict.page);
    assert.deepEqual(strict.fired, [], 'the CSP blocks the handler');
    assert.ok(strict.violations.some((v) => v.startsWith('script-src-attr')), strict.violations.join('\n'));
    await unsafe.context.close();
    await strict.context.close();
  });
});
