/**
 * Sharpening a framework in Chromium: a manager edits the draft and publishes version 2 with a
 * note on what changed; a member's next visit says what changed and leads to the difference;
 * she flags a learning question as unclear, and the manager sees the count but not who.
 * Every page is scanned with axe and the console stays clean; the same flow works without
 * JavaScript.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { actorOf, createTestCommunity, createTestOrganisation, createTestUser } from '../harness.ts';
import { publishFramework, saveDraft } from '../../src/frameworks/frameworks.usecases.ts';
import { logInAs, startBrowserSuite, expectNoAxeViolations, watchConsole, type Browser, type BrowserContext, type BrowserSuite, type Page } from './support.ts';

describe('sharpening a framework in Chromium', () => {
  let suite: BrowserSuite;
  let browser: Browser;
  let server: BrowserSuite['server'];
  before(async () => {
    suite = await startBrowserSuite();
    ({ browser, server } = suite);
  });
  after(() => suite?.close());

  for (const javaScriptEnabled of [true, false]) {
    it(`publishes version 2 with a note, and a member sees what changed ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const run = randomUUID().slice(0, 6);
      const org = await createTestOrganisation(server.deps, { name: `Gemeente Kaderstad ${run}` });
      const manager = await createTestUser(server.deps, org.id, { role: 'manager', name: `Marieke de Graaf ${run}` });
      const member = await createTestUser(server.deps, org.id, { name: `Sanne Bakker ${run}` });
      const community = await createTestCommunity(server.deps, org.id, { name: `Schuldhulp ${run}`, members: [{ userId: member.id }] });
      const ref = { id: community.id };
      await saveDraft(server.deps, actorOf(manager), ref, { purpose: 'Schulden eerder zien.', room: '', constraints: '', indicators: '', reviewDate: null, learningQuestions: [{ kind: 'how', text: 'Hoe herken je schulden vroeg?' }] });
      await publishFramework(server.deps, actorOf(manager), ref, { changeNote: '' });

      const contexts: BrowserContext[] = [];
      const problems: string[][] = [];
      const open = async () => {
        const context = await browser.newContext({ javaScriptEnabled, locale: 'nl-NL' });
        context.setDefaultTimeout(10_000);
        contexts.push(context);
        const page = await context.newPage();
        problems.push(watchConsole(page));
        return page;
      };
      const scan = (page: Page) => (javaScriptEnabled ? expectNoAxeViolations(page) : Promise.resolve());
      const logIn = (page: Page, email: string, name: string) => logInAs(page, server.baseUrl, { email, name });
      const frameworkUrl = `${server.baseUrl}/gemeenschappen/${community.slug}/kader`;

      // The member reads version 1 (so her next visit has something to compare with).
      const sanne = await open();
      await logIn(sanne, member.email, member.name);
      await sanne.goto(`${server.baseUrl}/gemeenschappen/${community.slug}`);
      await sanne.getByText('Versie 1 · 1 leervraag').waitFor();
      await sanne.getByRole('link', { name: 'Kader' }).first().click();
      await sanne.getByText('Hoe herken je schulden vroeg?').waitFor();
      await scan(sanne);

      // The manager sharpens the room for manoeuvre and publishes version 2 with a note.
      const marieke = await open();
      await logIn(marieke, manager.email, manager.name);
      await marieke.goto(frameworkUrl);
      await marieke.getByRole('link', { name: 'Kader schrijven' }).click();
      await marieke.getByLabel('Ruimte: wat je zelf mag beslissen en afspreken').fill('Teams kiezen zelf hoe ze huisbezoeken doen.');
      await scan(marieke);
      await marieke.getByRole('button', { name: 'Concept opslaan' }).click();
      await marieke.getByLabel('Wat is er veranderd en waarom?').fill('Meer ruimte voor de teams bij huisbezoeken.');
      await marieke.getByRole('button', { name: 'Versie 2 publiceren' }).click();
      await marieke.getByText('Teams kiezen zelf hoe ze huisbezoeken doen.').waitFor();

      // Her next visit says what changed, once, and leads to the difference.
      await sanne.goto(frameworkUrl);
      await sanne.getByRole('heading', { name: 'Aangescherpt sinds je vorige bezoek (versie 1)' }).waitFor();
      await sanne.getByText('Versie 2: Meer ruimte voor de teams bij huisbezoeken.').waitFor();
      await scan(sanne);
      await sanne.getByRole('link', { name: 'Bekijk precies wat er veranderde' }).click();
      await sanne.getByText('Teams kiezen zelf hoe ze huisbezoeken doen.').first().waitFor();
      await scan(sanne);
      await sanne.goto(frameworkUrl);
      assert.equal(await sanne.getByRole('heading', { name: /Aangescherpt sinds je vorige bezoek/ }).count(), 0);

      // She flags the learning question as unclear in practice, without her name.
      const learningQuestion = sanne.locator('li', { hasText: 'Hoe herken je schulden vroeg?' });
      await learningQuestion.getByText('Reageren op deze leervraag').click();
      await learningQuestion.getByLabel('Dit is mij in de praktijk onduidelijk').check();
      await learningQuestion.getByLabel('Je tekst').fill('Wat telt als vroeg: voor of na de eerste aanmaning?');
      await scan(sanne);
      await learningQuestion.getByRole('button', { name: 'Versturen' }).click();
      await sanne.getByText('Dank je wel. De managers zien je reactie.').waitFor();

      // The manager sees the count and the text, not who flagged it.
      await marieke.goto(frameworkUrl);
      await marieke.getByRole('link', { name: 'Reacties van leden' }).click();
      await marieke.getByText('1 open "onduidelijk", 0 open voorstellen, 0 opmerkingen').waitFor();
      await marieke.getByText('Wat telt als vroeg: voor of na de eerste aanmaning?').waitFor();
      assert.ok(!(await marieke.content()).includes(member.name), 'an unsigned flag names nobody');
      await scan(marieke);
      // And the framework page counts it under the learning question, for everyone.
      await sanne.goto(frameworkUrl);
      await sanne.getByText('1 lid vindt dit in de praktijk onduidelijk').waitFor();

      assert.deepEqual(problems.flat(), []);
      for (const context of contexts) await context.close();
    });
  }
});
