import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestOrganisation, createTestUser, TEST_PASSWORD } from '../harness.ts';
import { startBrowserSuite, expectNoAxeViolations, watchConsole, type Browser, type BrowserSuite } from './support.ts';

describe('log-in in Chromium', () => {
  let suite: BrowserSuite;
  let browser: Browser;
  let server: BrowserSuite['server'];
  before(async () => {
    suite = await startBrowserSuite();
    ({ browser, server } = suite);
  });
  after(() => suite?.close());

  // axe runs in the page, so it scans the JavaScript run; the no-JS run proves the same journey works.
  for (const javaScriptEnabled of [true, false]) {
    it(`logs in and switches language ${javaScriptEnabled ? 'with' : 'without'} JavaScript, accessibly`, async () => {
      const org = await createTestOrganisation(server.deps);
      const user = await createTestUser(server.deps, org.id, { name: 'Sanne Jansen' });
      const context = await browser.newContext({ javaScriptEnabled, locale: 'nl-NL' });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const problems = watchConsole(page);
      const scan = (p: typeof page) => (javaScriptEnabled ? expectNoAxeViolations(p) : Promise.resolve());
      await page.goto(`${server.baseUrl}/`);
      await scan(page);
      await page.getByRole('link', { name: 'Inloggen' }).first().click();
      await page.getByLabel('Wachtwoord').fill('fout wachtwoord');
      await page.getByLabel('E-mailadres').fill(user.email);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.getByText('kennen we niet', { exact: false }).first().waitFor();
      await scan(page);
      await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.getByRole('heading', { name: /Sanne Jansen/ }).waitFor();
      await scan(page);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
