/**
 * The post editor in Chromium, on the real ask form: with JavaScript a civil servant formats a
 * question with the toolbar using only the keyboard, checks the Markdown, and the question page
 * shows the formatting; a form re-rendered with an error keeps what was typed. Without JavaScript
 * the same form is a Markdown textarea that simply works.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCommunity, createTestOrganisation, createTestUser, TEST_PASSWORD } from '../harness.ts';
import { islandsReady, startBrowserSuite, expectNoAxeViolations, watchConsole, type Browser, type BrowserSuite, type Page } from './support.ts';

/**
 * Chromium's editing engine copies text it moves between blocks (making a list, joining two
 * paragraphs) with inline styles and parses it back; the CSP blocks those styles, as it should,
 * and reports each one. Those reports, from inside the editor's text, are expected; nothing else is.
 */
interface Violation {
  directive: string;
  isInEditor: boolean;
}

async function recordCspViolations(page: Page): Promise<Violation[]> {
  const seen: Violation[] = [];
  await page.exposeFunction('__cspViolation', (violation: Violation) => seen.push(violation));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const target = event.target;
      const report = (window as unknown as { __cspViolation(v: Violation): void }).__cspViolation;
      report({ directive: event.effectiveDirective, isInEditor: target instanceof Element && target.closest('.lk-editor__area') !== null });
    });
  });
  return seen;
}

function unexpectedProblems(violations: Violation[], problems: string[]): string[] {
  const isExpected = (v: Violation) => v.directive === 'style-src-attr' && v.isInEditor;
  const styleReports = problems.filter((p) => p.startsWith('console: Applying inline style violates'));
  assert.ok(styleReports.length <= violations.filter(isExpected).length, `CSP style reports from outside the editor: ${styleReports.length} reports, ${violations.filter(isExpected).length} from the editor`);
  assert.deepEqual(violations.filter((v) => !isExpected(v)), []);
  return problems.filter((p) => !p.startsWith('console: Applying inline style violates'));
}

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

describe('post editor in Chromium', () => {
  let suite: BrowserSuite;
  let browser: Browser;
  let server: BrowserSuite['server'];
  before(async () => {
    suite = await startBrowserSuite();
    ({ browser, server } = suite);
  });
  after(() => suite?.close());

  const setUp = async (javaScriptEnabled: boolean) => {
    const org = await createTestOrganisation(server.deps);
    const user = await createTestUser(server.deps, org.id, { name: 'Noor de Boer' });
    const community = await createTestCommunity(server.deps, org.id, { members: [{ userId: user.id }] });
    const context = await browser.newContext({ javaScriptEnabled, locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = watchConsole(page);
    const violations = javaScriptEnabled ? await recordCspViolations(page) : [];
    await page.goto(`${server.baseUrl}/inloggen`);
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: /Noor de Boer/ }).waitFor();
    const askUrl = `${server.baseUrl}/gemeenschappen/${community.slug}/vragen/nieuw`;
    return { context, page, problems, violations, askUrl };
  };

  it('formats with the toolbar by keyboard, and the question page shows it', async () => {
    const { context, page, problems, violations, askUrl } = await setUp(true);
    await page.goto(askUrl);
    await islandsReady(page);
    const text = page.getByRole('textbox', { name: 'Toelichting' });
    const toolbar = page.getByRole('toolbar', { name: 'Opmaak van Toelichting' });
    const source = page.locator('textarea[name="body"]');
    await text.waitFor();
    assert.equal(await text.getAttribute('aria-multiline'), 'true');
    assert.equal(await source.isHidden(), true, 'the textarea is replaced');
    await expectNoAxeViolations(page);

    // The toolbar is one tab stop; arrows, Home and End move inside it.
    await page.getByLabel('Je vraag in één zin').fill('Hoe bespreek je schulden aan de keukentafel?');
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Vet');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedName(page), 'Schuin');
    await page.keyboard.press('End');
    assert.equal(await focusedName(page), 'Markdown');
    await page.keyboard.press('Home');
    assert.equal(await focusedName(page), 'Vet');
    assert.deepEqual(await toolbar.getByRole('button').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).tabIndex)), [0, -1, -1, -1, -1, -1, -1, -1]);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'textbox');

    await page.keyboard.type('Wij zoeken een aanpak.');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+B');
    assert.equal(await toolbar.getByRole('button', { name: 'Vet' }).getAttribute('aria-pressed'), 'true');
    await page.keyboard.type('Belangrijk:');
    await page.keyboard.press('Control+B');
    await page.keyboard.type(' bel eerst.');
    assert.equal(await toolbar.getByRole('button', { name: 'Vet' }).getAttribute('aria-pressed'), 'false');
    await page.keyboard.press('Enter');

    // A bulleted list, from the toolbar: Shift+Tab back to it, arrows to the button, Enter.
    await page.keyboard.press('Shift+Tab');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await focusedName(page), 'Opsomming');
    await page.keyboard.press('Enter');
    await page.keyboard.type('eerste punt');
    assert.equal(await toolbar.getByRole('button', { name: 'Opsomming' }).getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Enter');
    await page.keyboard.type('tweede punt');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');

    // A heading, reaching the toolbar with Alt+F10.
    await page.keyboard.press('Alt+F10');
    assert.equal(await focusedName(page), 'Opsomming', 'the toolbar remembers its last button');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Wat ik al weet');
    assert.equal(await toolbar.getByRole('button', { name: 'Kop' }).getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Enter');

    // A link with Ctrl+K: a javascript: address is refused with a message, a web address is completed.
    await page.keyboard.type('Zie ');
    await page.keyboard.press('Control+K');
    const address = page.getByRole('textbox', { name: 'Webadres of e-mailadres voor de link' });
    await address.waitFor();
    assert.equal(await toolbar.getByRole('button', { name: 'Link' }).getAttribute('aria-expanded'), 'true');
    await page.keyboard.type('javascript:alert(1)');
    await page.keyboard.press('Enter');
    await page.getByText('Vul een webadres in, zoals www.voorbeeld.nl').waitFor();
    assert.equal(await address.getAttribute('aria-invalid'), 'true');
    await expectNoAxeViolations(page);
    await address.fill('voorbeeld.nl/wmo');
    await page.keyboard.press('Enter');
    await address.waitFor({ state: 'hidden' });
    await page.keyboard.type(' voor de regels.');
    await page.keyboard.press('Enter');

    // A quote, then italic in the Markdown source, and back to the rich text.
    await page.keyboard.press('Alt+F10');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await focusedName(page), 'Citaat');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Een gesprek begint met luisteren.');
    await page.keyboard.press('Alt+F10');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const markdownSource = page.getByRole('textbox', { name: 'Toelichting' });
    assert.equal(await markdownSource.evaluate((el) => el.tagName), 'TEXTAREA');
    assert.equal(await toolbar.getByRole('button', { name: 'Markdown' }).getAttribute('aria-pressed'), 'true');
    assert.equal(
      await source.inputValue(),
      'Wij zoeken een aanpak.\n\n**Belangrijk:** bel eerst.\n\n- eerste punt\n- tweede punt\n\n### Wat ik al weet\n\nZie <https://voorbeeld.nl/wmo> voor de regels.\n\n> Een gesprek begint met luisteren.',
    );
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nNog *een* regel.');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedName(page), 'Markdown');
    await page.keyboard.press('Enter');
    await text.locator('em', { hasText: 'een' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel('Onderwerpen').fill('schulden, wmo');
    await page.getByRole('button', { name: 'Vraag plaatsen' }).click();
    await page.waitForURL(/\/vragen\/[0-9a-f-]+/);
    const body = page.locator('.lk-post-body');
    await body.locator('strong', { hasText: 'Belangrijk:' }).waitFor();
    assert.deepEqual(await body.locator('ul > li').allTextContents(), ['eerste punt', 'tweede punt']);
    assert.equal(await body.locator('h3').textContent(), 'Wat ik al weet');
    assert.equal(await body.locator('a').getAttribute('href'), 'https://voorbeeld.nl/wmo');
    assert.equal(await body.locator('blockquote').textContent(), '\nEen gesprek begint met luisteren.\n');
    assert.equal(await body.locator('em').textContent(), 'een');

    assert.deepEqual(unexpectedProblems(violations, problems), []);
    await context.close();
  });

  it('keeps the formatted text when the form comes back with an error', async () => {
    const { context, page, problems, violations, askUrl } = await setUp(true);
    await page.goto(askUrl);
    await islandsReady(page);
    const text = page.getByRole('textbox', { name: 'Toelichting' });
    await text.click();
    await page.keyboard.press('Control+I');
    await page.keyboard.type('Schuin');
    await page.keyboard.press('Control+I');
    await page.keyboard.type(' en gewoon.');
    await page.getByLabel('Je vraag in één zin').fill('Kort');
    await page.getByRole('button', { name: 'Vraag plaatsen' }).click();
    await page.getByRole('alert').getByRole('link').first().waitFor();
    await text.locator('em', { hasText: 'Schuin' }).waitFor();
    assert.equal(await page.locator('textarea[name="body"]').inputValue(), '*Schuin* en gewoon.');
    await expectNoAxeViolations(page);
    assert.deepEqual(unexpectedProblems(violations, problems), []);
    await context.close();
  });

  it('is a Markdown textarea without JavaScript', async () => {
    const { context, page, problems, askUrl } = await setUp(false);
    await page.goto(askUrl);
    const text = page.getByRole('textbox', { name: 'Toelichting' });
    assert.equal(await text.evaluate((el) => el.tagName), 'TEXTAREA');
    assert.equal(await page.getByRole('toolbar').count(), 0);
    await page.getByLabel('Je vraag in één zin').fill('Wie kent de regels voor bijzondere bijstand?');
    await text.fill('Wij willen **snel** weten:\n\n- hoeveel\n- voor wie');
    await page.getByRole('button', { name: 'Vraag plaatsen' }).click();
    await page.waitForURL(/\/vragen\/[0-9a-f-]+/);
    const body = page.locator('.lk-post-body');
    assert.equal(await body.locator('strong').textContent(), 'snel');
    assert.deepEqual(await body.locator('li').allTextContents(), ['hoeveel', 'voor wie']);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
