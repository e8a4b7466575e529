/**
 * Sharing and trying a practice story in Chromium, with and without JavaScript: Sanne shares a
 * story with a photo through the guided form, Bram opens it, says he will try it, and later
 * reports how it went in his team; Fatima, at another organisation, tries it from Bram's report.
 * Sanne then sees the trail as a tree with its summary, and the photo shows. With JavaScript
 * every page is scanned with axe and the console stays clean (no CSP violations either).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { createTestCommunity, createTestOrganisation, createTestUser } from '../harness.ts';
import { islandsReady, logInAs, startBrowserSuite, expectNoAxeViolations, watchConsole, type Browser, type BrowserContext, type BrowserSuite, type Page } from './support.ts';

describe('sharing a practice story and trying it in Chromium', () => {
  let suite: BrowserSuite;
  let browser: Browser;
  let server: BrowserSuite['server'];
  let photo: Buffer;
  before(async () => {
    suite = await startBrowserSuite();
    ({ browser, server } = suite);
    photo = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 30, g: 110, b: 160 } } }).jpeg().toBuffer();
  });
  after(() => suite?.close());

  for (const javaScriptEnabled of [true, false]) {
    it(`shares a story with a photo, says "ga ik proberen", reports trying it twice as a tree ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const run = randomUUID().slice(0, 6);
      const org = await createTestOrganisation(server.deps, { name: `Gemeente Voorbeeldstad ${run}` });
      const otherOrg = await createTestOrganisation(server.deps, { name: `Gemeente Buurdorp ${run}` });
      const sanneUser = await createTestUser(server.deps, org.id, { name: `Sanne Bakker ${run}` });
      const bramUser = await createTestUser(server.deps, org.id, { name: `Bram de Wit ${run}` });
      const fatimaUser = await createTestUser(server.deps, otherOrg.id, { name: `Fatima Yilmaz ${run}` });
      const communityName = `Wmo-consulenten ${run}`;
      const community = await createTestCommunity(server.deps, org.id, { name: communityName, members: [{ userId: sanneUser.id }, { userId: bramUser.id }, { userId: fatimaUser.id }] });

      const contexts: BrowserContext[] = [];
      const open = async () => {
        const context = await browser.newContext({ javaScriptEnabled, locale: 'nl-NL' });
        context.setDefaultTimeout(10_000);
        contexts.push(context);
        const page = await context.newPage();
        return { page, problems: watchConsole(page) };
      };
      const scan = (page: Page) => (javaScriptEnabled ? expectNoAxeViolations(page) : Promise.resolve());
      const ready = (page: Page) => (javaScriptEnabled ? islandsReady(page) : Promise.resolve());

      // Sanne: from the gallery to the guided form, with a photo.
      const sanne = await open();
      await logInAs(sanne.page, server.baseUrl, sanneUser);
      await sanne.page.goto(`${server.baseUrl}/gemeenschappen/${community.slug}/praktijk`);
      await sanne.page.getByRole('heading', { name: `Praktijkverhalen in ${communityName}`, level: 1 }).waitFor();
      await scan(sanne.page);
      await sanne.page.getByRole('link', { name: 'Deel een praktijkverhaal' }).first().click();
      await sanne.page.getByRole('heading', { name: `Deel een praktijkverhaal in ${communityName}`, level: 1 }).waitFor();
      await ready(sanne.page);
      await scan(sanne.page);
      const title = `Keukentafelgesprek met een tolk via beeldbellen ${run}`;
      await sanne.page.getByRole('textbox', { name: 'Titel', exact: true }).fill(title);
      await sanne.page.getByRole('textbox', { name: 'De situatie', exact: true }).fill('Een oudere inwoner sprak alleen Turks; haar dochter vertaalde altijd.');
      await sanne.page.getByRole('textbox', { name: 'Wat ik deed', exact: true }).fill('Ik plande het gesprek met een professionele tolk via beeldbellen.');
      await sanne.page.getByRole('textbox', { name: 'Wat er gebeurde (mag leeg)', exact: true }).fill('Mevrouw vertelde veel meer over haar eigen wensen.');
      await sanne.page.getByRole('textbox', { name: 'Tags', exact: true }).fill('tolk, keukentafelgesprek');
      await sanne.page.getByLabel('Bijlagen (mag leeg)').setInputFiles({ name: 'tablet-op-tafel.jpg', mimeType: 'image/jpeg', buffer: photo });
      await sanne.page.getByRole('button', { name: 'Verhaal delen' }).click();
      await sanne.page.getByText('Je verhaal staat erin. Dank je wel voor het delen.').waitFor();
      await sanne.page.getByRole('heading', { name: title, level: 1 }).waitFor();
      const storyUrl = sanne.page.url();
      assert.match(new URL(storyUrl).pathname, /^\/praktijk\/[0-9a-f-]{36}$/);
      const image = sanne.page.getByRole('img', { name: 'Afbeelding bij het verhaal: tablet-op-tafel.jpg' });
      await image.scrollIntoViewIfNeeded();
      await sanne.page.waitForFunction((alt) => {
        const img = [...document.images].find((i) => i.alt === alt);
        return Boolean(img?.complete && img.naturalWidth > 0);
      }, 'Afbeelding bij het verhaal: tablet-op-tafel.jpg');
      await scan(sanne.page);

      // Bram: opens it, and will try it (the button says so, pressed).
      const bram = await open();
      await logInAs(bram.page, server.baseUrl, bramUser);
      await bram.page.goto(storyUrl);
      await bram.page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await scan(bram.page);
      const willTry = bram.page.getByRole('group', { name: 'Reacties op het verhaal' }).getByRole('button', { name: /^Ga ik proberen/ });
      assert.equal(await willTry.getAttribute('aria-pressed'), 'false');
      await willTry.click();
      await bram.page.getByText('Je gaat dit proberen.', { exact: false }).waitFor();
      await bram.page.getByRole('group', { name: 'Reacties op het verhaal' }).getByRole('button', { name: 'Ga ik proberen (1)', pressed: true }).waitFor();

      // Later: he tried it.
      await bram.page.getByRole('link', { name: 'Ik heb dit geprobeerd' }).first().click();
      await bram.page.getByRole('heading', { name: `Geprobeerd: ${title}`, level: 1 }).waitFor();
      await ready(bram.page);
      await scan(bram.page);
      await bram.page.getByRole('textbox', { name: 'In welk team probeerde je het?' }).fill(`Wijkteam Noord ${run}`);
      await bram.page.getByRole('radio', { name: 'Werkte deels' }).check();
      await bram.page.getByRole('textbox', { name: 'Wat ik aanpaste', exact: true }).fill('Tolk via de telefoon, de inwoner had geen wifi.');
      await bram.page.getByRole('textbox', { name: 'Hoe het ging', exact: true }).fill('Het eerste deel ging goed; bij de cijfers was beeld beter geweest.');
      await bram.page.getByRole('button', { name: 'Verslag delen' }).click();
      await bram.page.getByText('Dank je! Je verslag staat in het spoor en de schrijver hoort ervan.').waitFor();
      await bram.page.getByText(`Wijkteam Noord ${run}`, { exact: false }).first().waitFor();

      // Fatima, at another organisation, builds on Bram's report.
      const fatima = await open();
      await logInAs(fatima.page, server.baseUrl, fatimaUser);
      await fatima.page.goto(storyUrl);
      await fatima.page.getByRole('link', { name: 'Ik probeerde deze aanpak ook' }).first().click();
      await fatima.page.getByRole('heading', { name: `Geprobeerd: ${title}`, level: 1 }).waitFor();
      await fatima.page.getByText(`Wijkteam Noord ${run}`, { exact: false }).first().waitFor();
      await ready(fatima.page);
      await fatima.page.getByRole('textbox', { name: 'In welk team probeerde je het?' }).fill(`Schuldhulp Buurdorp ${run}`);
      await fatima.page.getByRole('radio', { name: 'Werkte', exact: true }).check();
      await fatima.page.getByRole('textbox', { name: 'Wat ik aanpaste', exact: true }).fill('Ik gebruikte de tolk bij een gesprek met beide ouders.');
      await fatima.page.getByRole('textbox', { name: 'Hoe het ging', exact: true }).fill('De ouders durfden eindelijk te vertellen wat er speelde.');
      await fatima.page.getByRole('button', { name: 'Verslag delen' }).click();
      await fatima.page.getByText('Dank je! Je verslag staat in het spoor en de schrijver hoort ervan.').waitFor();

      // Sanne sees the trail: two teams at two organisations, Fatima's report under Bram's.
      await sanne.page.reload();
      await sanne.page.getByText('Geprobeerd in 2 teams bij 2 organisaties.').waitFor();
      const bramReport = sanne.page.locator('li.lk-trail__item').filter({ hasText: `Wijkteam Noord ${run}` }).first();
      await bramReport.waitFor();
      await bramReport.locator('li.lk-trail__item').filter({ hasText: `Schuldhulp Buurdorp ${run}` }).waitFor();
      await sanne.page.waitForFunction(() => [...document.images].some((i) => i.alt.startsWith('Afbeelding bij het verhaal') && i.complete && i.naturalWidth > 0));
      await scan(sanne.page);

      assert.deepEqual(sanne.problems, [], 'no console errors or CSP violations for Sanne');
      assert.deepEqual(bram.problems, [], 'no console errors or CSP violations for Bram');
      assert.deepEqual(fatima.problems, [], 'no console errors or CSP violations for Fatima');
      await Promise.all(contexts.map((c) => c.close()));
    });
  }
});
