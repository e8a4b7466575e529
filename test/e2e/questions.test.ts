/**
 * Asking and answering in Chromium, with and without JavaScript: a member opens the ask form,
 * types a title like one already asked and is shown that question (as she types with
 * JavaScript; with the "look for similar questions first" button without), posts her question
 * anyway, a colleague answers it in another browser, and she marks the answer "this helped" and
 * as the solution. With JavaScript every page is scanned with axe and the console stays clean.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { actorOf, createTestCommunity, createTestOrganisation, createTestUser } from '../harness.ts';
import { askQuestion } from '../../src/questions/questions.usecases.ts';
import { islandsReady, logInAs, startBrowserSuite, expectNoAxeViolations, watchConsole, type Browser, type BrowserContext, type BrowserSuite, type Page } from './support.ts';

describe('asking a question and accepting an answer in Chromium', () => {
  let suite: BrowserSuite;
  let browser: Browser;
  let server: BrowserSuite['server'];
  before(async () => {
    suite = await startBrowserSuite();
    ({ browser, server } = suite);
  });
  after(() => suite?.close());

  for (const javaScriptEnabled of [true, false]) {
    it(`asks, sees the similar question, gets an answer, thanks and accepts ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const run = randomUUID().slice(0, 6);
      const org = await createTestOrganisation(server.deps, { name: `Gemeente Voorbeeldstad ${run}` });
      const asker = await createTestUser(server.deps, org.id, { name: `Sanne Bakker ${run}` });
      const answerer = await createTestUser(server.deps, org.id, { name: `Bram de Wit ${run}` });
      const communityName = `Wmo-consulenten ${run}`;
      const community = await createTestCommunity(server.deps, org.id, { name: communityName, members: [{ userId: asker.id }, { userId: answerer.id }] });
      // Asked before, in words she will nearly repeat.
      const earlier = `Hoe bespreek je schulden aan de keukentafel ${run}?`;
      await askQuestion(server.deps, actorOf(answerer), { id: community.id }, { kind: 'how', title: earlier, body: 'Ik zoek een aanpak.', tags: ['schulden'] });

      const contexts: BrowserContext[] = [];
      const open = async () => {
        const context = await browser.newContext({ javaScriptEnabled, locale: 'nl-NL' });
        context.setDefaultTimeout(10_000);
        contexts.push(context);
        const page = await context.newPage();
        return { page, problems: watchConsole(page) };
      };
      const scan = (page: Page) => (javaScriptEnabled ? expectNoAxeViolations(page) : Promise.resolve());
      const logIn = (page: Page, email: string, name: string) => logInAs(page, server.baseUrl, { email, name });

      // From the community to its questions, and the ask form.
      const sanne = await open();
      await logIn(sanne.page, asker.email, asker.name);
      await sanne.page.goto(`${server.baseUrl}/gemeenschappen/${community.slug}`);
      await sanne.page.getByRole('link', { name: 'Vragen en antwoorden in deze gemeenschap' }).click();
      await sanne.page.getByRole('heading', { name: `Vragen in ${communityName}`, level: 1 }).waitFor();
      await sanne.page.getByRole('link', { name: earlier }).waitFor();
      await scan(sanne.page);
      await sanne.page.getByRole('link', { name: 'Stel een vraag' }).click();
      await sanne.page.getByRole('heading', { name: `Stel een vraag in ${communityName}`, level: 1 }).waitFor();
      await scan(sanne.page);

      // She types a title like the earlier question: it is shown to her before she posts.
      const title = `Hoe bespreek ik schulden aan de keukentafel ${run}?`;
      const titleField = sanne.page.getByRole('textbox', { name: 'Je vraag in één zin' });
      if (javaScriptEnabled) {
        await titleField.pressSequentially(title, { delay: 5 });
        await sanne.page.locator('[data-similar-questions]').getByRole('link', { name: earlier }).waitFor();
        await scan(sanne.page);
      } else {
        await titleField.fill(title);
        await sanne.page.getByRole('button', { name: 'Zoek eerst vergelijkbare vragen' }).click();
        const similar = sanne.page.getByRole('region', { name: 'Misschien is je vraag al gesteld' });
        await similar.getByRole('link', { name: earlier }).waitFor();
        assert.equal(await sanne.page.getByRole('textbox', { name: 'Je vraag in één zin' }).inputValue(), title, 'what she typed stays');
      }

      // Her situation is different: she asks anyway.
      await sanne.page.getByRole('radio', { name: 'Hoe-vraag' }).check();
      if (javaScriptEnabled) await islandsReady(sanne.page);
      await sanne.page.getByRole('textbox', { name: 'Toelichting' }).fill('De inwoner schaamt zich en wil er niet over praten.');
      await sanne.page.getByRole('textbox', { name: 'Onderwerpen' }).fill('schulden, keukentafelgesprek');
      await sanne.page.getByRole('button', { name: 'Vraag plaatsen' }).click();
      await sanne.page.getByText('Je vraag staat erin. Je hoort het als iemand antwoordt.').waitFor();
      await sanne.page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await sanne.page.getByText('De inwoner schaamt zich en wil er niet over praten.').waitFor();
      await scan(sanne.page);
      const questionUrl = sanne.page.url();
      assert.match(new URL(questionUrl).pathname, /^\/vragen\/[0-9a-f-]{36}$/);

      // A colleague answers, in a browser of his own.
      const bram = await open();
      await logIn(bram.page, answerer.email, answerer.name);
      await bram.page.goto(questionUrl);
      await bram.page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await scan(bram.page);
      if (javaScriptEnabled) await islandsReady(bram.page);
      await bram.page.getByRole('textbox', { name: 'Je antwoord' }).fill('Begin bij wat wel goed gaat, en vraag dan naar de post die blijft liggen.');
      await bram.page.getByRole('button', { name: 'Antwoord plaatsen' }).click();
      await bram.page.getByText('Je antwoord staat erbij. Dank je wel!').waitFor();
      await scan(bram.page);

      // She reads it, says it helped, and marks it as the solution.
      await sanne.page.reload();
      const answer = sanne.page.locator('article.lk-answer').filter({ hasText: 'Begin bij wat wel goed gaat' });
      await answer.waitFor();
      await scan(sanne.page);
      await answer.getByRole('button', { name: 'Dit hielp' }).click();
      await sanne.page.getByText('Fijn dat het hielp. De schrijver hoort het.').waitFor();
      await sanne.page.locator('article.lk-answer').filter({ hasText: '1 keer geholpen' }).waitFor();
      await sanne.page.locator('article.lk-answer').getByRole('button', { name: 'Dit loste mijn vraag op' }).click();
      await sanne.page.getByText('Gemarkeerd als oplossing.').waitFor();
      await sanne.page.getByText('Dit antwoord loste de vraag op').waitFor();
      await scan(sanne.page);

      // The list says so, and so does her own list.
      await sanne.page.goto(`${server.baseUrl}/gemeenschappen/${community.slug}/vragen`);
      await sanne.page.getByRole('listitem').filter({ hasText: title }).getByText('Opgelost').waitFor();
      await scan(sanne.page);
      await sanne.page.goto(`${server.baseUrl}/vragen?lijst=mijn`);
      await sanne.page.getByRole('link', { name: title }).waitFor();
      await scan(sanne.page);

      assert.deepEqual(sanne.problems, [], 'no console errors or CSP violations for the asker');
      assert.deepEqual(bram.problems, [], 'no console errors or CSP violations for the colleague');
      await Promise.all(contexts.map((c) => c.close()));
    });
  }
});
