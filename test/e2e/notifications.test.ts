/**
 * The live unread count in Chromium: Anna has a page open when Bram answers her question; the
 * "Meldingen" link in her header changes without a reload (Server-Sent Events), and is said
 * aloud through the polite live region. She opens the notification centre and the notification,
 * which takes her to the answer and marks it read, and looks at her settings. Every page is
 * scanned with axe and the console stays clean (no CSP or script errors).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { actorOf, createTestCommunity, createTestOrganisation, createTestUser } from '../harness.ts';
import { askQuestion } from '../../src/questions/questions.usecases.ts';
import { postAnswer } from '../../src/questions/answers/answers.usecases.ts';
import { processEventsSoFar } from '../../src/notifications/notifications.test-support.ts';
import { expectNoAxeViolations, islandsReady, logInAs, startBrowserSuite, watchConsole, type BrowserSuite } from './support.ts';

describe('the live notification count in Chromium', () => {
  let suite: BrowserSuite;
  before(async () => {
    suite = await startBrowserSuite();
  });
  after(() => suite?.close());

  it('updates the count live when someone answers, and opening the notification marks it read', async () => {
    const { server, browser } = suite;
    const run = randomUUID().slice(0, 6);
    const org = await createTestOrganisation(server.deps);
    const anna = await createTestUser(server.deps, org.id, { name: `Anna Jansen ${run}` });
    const bram = await createTestUser(server.deps, org.id, { name: `Bram de Vries ${run}` });
    const community = await createTestCommunity(server.deps, org.id, { name: `Jeugdconsulenten ${run}`, members: [{ userId: anna.id }, { userId: bram.id }] });
    const title = `Hoe regel ik een tolk ${run}?`;
    const question = await askQuestion(server.deps, actorOf(anna), { id: community.id }, { kind: 'how', title, body: 'Voor een gesprek volgende week.' });
    await processEventsSoFar(server.deps);

    const context = await browser.newContext({ locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInAs(page, server.baseUrl, anna);
    await islandsReady(page);
    const link = page.getByRole('link', { name: 'Meldingen, niets ongelezen' });
    await link.waitFor();
    // The island's stream is open once the server has sent the first count.
    await page.waitForFunction(() => document.querySelector('a[data-notification-count]')?.getAttribute('aria-label') !== null);
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Bram answers; the outbox is worked off (in this app the runner is not subscribed).
    await postAnswer(server.deps, actorOf(bram), question.id, { body: 'Bel het tolkencentrum, dat gaat snel.' });
    await processEventsSoFar(server.deps);
    await page.getByRole('link', { name: 'Meldingen, 1 ongelezen' }).waitFor({ timeout: 5000 });
    assert.equal(await page.locator('[data-notification-announce]').textContent(), 'Meldingen, 1 ongelezen');
    assert.equal(await page.locator('[data-notification-badge]').textContent(), '1');

    await page.getByRole('link', { name: 'Meldingen, 1 ongelezen' }).click();
    await page.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: `Nieuw antwoord op je vraag “${title}”` }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    assert.match(page.url(), /#antwoord-/);
    await page.getByRole('link', { name: 'Meldingen, niets ongelezen' }).waitFor();

    await page.goto(`${server.baseUrl}/meldingen/instellingen`);
    await page.getByRole('heading', { name: 'Instellingen voor meldingen', level: 1 }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('combobox', { name: 'Rond wat je schreef of volgt' }).selectOption('in_app');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await page.getByText('Je instellingen zijn opgeslagen.').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
});
