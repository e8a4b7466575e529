/**
 * A prompt in Chromium, with and without JavaScript: Fien, a facilitator, composes a mini-poll
 * from her community's page, asks how many people it reaches, and sends it; Anna finds it on her
 * start page and answers; Fien sees the result as a chart with its data table. With JavaScript
 * every page is scanned with axe and the console stays clean (no CSP violations either).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestCommunity, createTestOrganisation, createTestUser } from '../harness.ts';
import { runPromptScheduler } from '../../src/prompts/delivery.ts';
import { logInAs, startBrowserSuite, expectNoAxeViolations, watchConsole, type Browser, type BrowserContext, type BrowserSuite, type Page } from './support.ts';

describe('a prompt from composing to the chart in Chromium', () => {
  let suite: BrowserSuite;
  let browser: Browser;
  let server: BrowserSuite['server'];
  before(async () => {
    suite = await startBrowserSuite();
    ({ browser, server } = suite);
  });
  after(() => suite?.close());

  for (const javaScriptEnabled of [true, false]) {
    it(`a facilitator sends a mini-poll, a member answers, the facilitator sees the chart ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const run = randomUUID().slice(0, 6);
      const org = await createTestOrganisation(server.deps, { name: `Gemeente Voorbeeldstad ${run}` });
      const fienUser = await createTestUser(server.deps, org.id, { name: `Fien Facilitator ${run}` });
      const annaUser = await createTestUser(server.deps, org.id, { name: `Anna de Vries ${run}` });
      const bramUser = await createTestUser(server.deps, org.id, { name: `Bram Bos ${run}` });
      const communityName = `Wijkteams ${run}`;
      const community = await createTestCommunity(server.deps, org.id, { name: communityName, members: [{ userId: fienUser.id, role: 'facilitator' }, { userId: annaUser.id }, { userId: bramUser.id }] });

      const contexts: BrowserContext[] = [];
      const open = async () => {
        const context = await browser.newContext({ javaScriptEnabled, locale: 'nl-NL' });
        context.setDefaultTimeout(10_000);
        contexts.push(context);
        const page = await context.newPage();
        return { page, problems: watchConsole(page) };
      };
      const scan = (page: Page) => (javaScriptEnabled ? expectNoAxeViolations(page) : Promise.resolve());

      const fien = await open();
      await logInAs(fien.page, server.baseUrl, fienUser);
      await fien.page.goto(`${server.baseUrl}/gemeenschappen/${community.slug}`);
      await fien.page.getByRole('link', { name: /^Prikkels:/ }).click();
      await fien.page.getByRole('heading', { name: `Prikkels van ${communityName}`, level: 1 }).waitFor();
      await scan(fien.page);
      await fien.page.getByRole('link', { name: 'Nieuwe prikkel' }).first().click();
      await fien.page.getByRole('heading', { name: 'Nieuwe prikkel', level: 1 }).waitFor();
      await scan(fien.page);
      await fien.page.getByRole('radio', { name: 'Mini-peiling' }).check();
      const question = `Hoe vaak bel je een cliënt terug? ${run}`;
      await fien.page.getByRole('textbox', { name: 'Tekst' }).fill(question);
      await fien.page.getByRole('radio', { name: 'Een keuze uit antwoorden' }).check();
      await fien.page.getByRole('textbox', { name: 'Antwoorden voor de peiling' }).fill('Dezelfde dag\nBinnen een week\nZelden');
      // Anonymous needs at least five people (prompts.anonymity.test.ts); here the answers are for the facilitators.
      await fien.page.getByRole('radio', { name: 'Alleen de facilitatoren' }).check();
      await fien.page.getByRole('radio', { name: 'Nu meteen' }).check();
      await fien.page.getByRole('spinbutton', { name: 'Reageren kan gedurende' }).fill('2');
      await fien.page.getByRole('button', { name: 'Hoeveel mensen bereik ik?' }).click();
      await fien.page.getByText(/Deze prikkel bereikt nu minder dan 5 mensen/).waitFor();
      assert.equal(await fien.page.getByRole('textbox', { name: 'Tekst' }).inputValue(), question, 'the form keeps what was typed');
      await scan(fien.page);
      await fien.page.getByRole('button', { name: 'Prikkel versturen' }).click();
      await fien.page.getByText('De prikkel is gepland.').waitFor();

      await runPromptScheduler(server.deps, new Date());

      const anna = await open();
      await logInAs(anna.page, server.baseUrl, annaUser);
      await anna.page.getByRole('heading', { name: 'Prikkels voor jou' }).waitFor();
      await scan(anna.page);
      await anna.page.getByRole('link', { name: new RegExp(`Mini-peiling: Hoe vaak bel je een cliënt terug\\? ${run}`) }).click();
      await anna.page.getByText('Je antwoord zien alleen de facilitatoren').waitFor();
      await scan(anna.page);
      await anna.page.getByRole('radio', { name: 'Binnen een week' }).check();
      await anna.page.getByRole('button', { name: 'Versturen' }).click();
      await anna.page.getByText('Dank je wel voor je reactie.').waitFor();
      assert.ok(await anna.page.getByRole('radio', { name: 'Binnen een week' }).isChecked(), 'the answer can be changed until the prompt closes');
      await scan(anna.page);

      await fien.page.reload();
      await fien.page.getByText('50% reageerde (1 van 2).').waitFor();
      await fien.page.getByRole('img', { name: /Staafdiagram/ }).waitFor();
      const table = fien.page.getByRole('table', { name: 'Uitslag per antwoord' });
      assert.deepEqual(await table.getByRole('row').allInnerTexts(), ['Antwoord\tAantal\tPercentage', 'Dezelfde dag\t0\t0%', 'Binnen een week\t1\t100%', 'Zelden\t0\t0%']);
      assert.ok((await fien.page.content()).includes(annaUser.name), 'for the facilitators: with the name, as announced');
      await scan(fien.page);

      for (const { problems } of [fien, anna]) assert.deepEqual(problems, []);
      await Promise.all(contexts.map((c) => c.close()));
    });
  }
});
