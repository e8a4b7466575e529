/**
 * The signals page and the members' explanation in Chromium: axe finds nothing (charts have a
 * title, a description and a data table; suppressed cells point to their explanation) and the
 * console stays clean (the charts use no inline styles, which the CSP would refuse).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestCommunity, createTestOrganisation, createTestUser } from '../harness.ts';
import { addDays, weekStartOf } from '../../src/platform/local-time.ts';
import { expectNoAxeViolations, logInAs, startBrowserSuite, watchConsole, type BrowserSuite } from './support.ts';

describe('signals in Chromium', () => {
  let suite: BrowserSuite;
  before(async () => {
    suite = await startBrowserSuite();
  });
  after(() => suite?.close());

  it('a facilitator reads the signals, changes the period and reads the explanation, without axe violations', async () => {
    const { server, browser } = suite;
    const run = randomUUID().slice(0, 6);
    const org = await createTestOrganisation(server.deps, { name: `Gemeente Signaalstad ${run}` });
    const fien = await createTestUser(server.deps, org.id, { name: `Fien Facilitator ${run}` });
    const anna = await createTestUser(server.deps, org.id, { name: `Anna de Vries ${run}` });
    const community = await createTestCommunity(server.deps, org.id, { name: `Wijkteams ${run}`, members: [{ userId: fien.id, role: 'facilitator' }, { userId: anna.id }] });
    const lastCompleted = addDays(weekStartOf(new Date()), -7);
    const row = (week: string, metric: string, value: number, people: number) => ({ community_id: community.id, week_start: week, metric, subject: '', value, people });
    await server.deps.db.insertInto('signal_weekly').values([
      ...[0, 7, 14, 21].flatMap((days) => [row(addDays(lastCompleted, -days), 'active_members', 12, 12), row(addDays(lastCompleted, -days), 'questions_asked', 6, 6)]),
      row(lastCompleted, 'contributors', 3, 3),
    ] as never).execute();

    const context = await browser.newContext({ locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    try {
      const page = await context.newPage();
      const problems = watchConsole(page);
      await logInAs(page, server.baseUrl, { email: fien.email, name: fien.name });
      await page.goto(`${server.baseUrl}/gemeenschappen/${community.slug}`);
      await page.getByRole('link', { name: /Signalen/ }).click();
      await page.getByRole('heading', { level: 1, name: /Signalen/ }).waitFor();
      assert.ok(await page.getByRole('img', { name: /^Actieve leden per week Staafdiagram met een staaf per week/ }).isVisible());
      assert.ok((await page.getByRole('cell', { name: 'minder dan 5' }).count()) > 0);
      await expectNoAxeViolations(page);
      await page.locator('#field-periode').selectOption('quarter');
      await page.getByRole('button', { name: 'Toon' }).click();
      await page.waitForURL(/periode=quarter/);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: 'Wat ziet je leidinggevende?' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Wat ziet je leidinggevende?' }).waitFor();
      await expectNoAxeViolations(page);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
  it('a manager reads the organisation and chain views, keyboard only, without axe violations', async () => {
    const { server, browser } = suite;
    const run = randomUUID().slice(0, 6);
    const org = await createTestOrganisation(server.deps, { name: `Gemeente Ketenstad ${run}` });
    const partner = await createTestOrganisation(server.deps, { name: `Zorgpartner Keten ${run}`, kind: 'partner' });
    const mira = await createTestUser(server.deps, org.id, { name: `Mira Manager ${run}`, role: 'manager' });
    const shared = await createTestCommunity(server.deps, org.id, { name: `Schuldhulp keten ${run}`, visibility: 'closed', partners: [partner.id] });
    const own = await createTestCommunity(server.deps, org.id, { name: `Wmo intern ${run}` });
    const lastCompleted = addDays(weekStartOf(new Date()), -7);
    const row = (communityId: string, week: string, metric: string, value: number, people: number) => ({ community_id: communityId, week_start: week, metric, subject: '', value, people });
    await server.deps.db.insertInto('signal_weekly').values([
      ...[0, 7, 14, 21].flatMap((days) => [row(shared.id, addDays(lastCompleted, -days), 'questions_asked', 7, 7), row(own.id, addDays(lastCompleted, -days), 'questions_asked', 2, 2)]),
      row(shared.id, lastCompleted, 'answers', 9, 6),
      row(shared.id, lastCompleted, 'answers_cross_org', 9, 6),
    ] as never).execute();

    const context = await browser.newContext({ locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    try {
      const page = await context.newPage();
      const problems = watchConsole(page);
      await logInAs(page, server.baseUrl, { email: mira.email, name: mira.name });
      await page.getByRole('link', { name: 'Signalen', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `Signalen: Gemeente Ketenstad ${run}` }).waitFor();
      assert.ok(await page.getByRole('img', { name: /^Gestelde vragen Staafdiagram/ }).isVisible());
      assert.ok(await page.getByRole('rowheader', { name: `Wmo intern ${run}` }).isVisible());
      assert.ok((await page.getByText('(zonder 1 gemeenschap)').count()) > 0, 'the sum says it leaves the small community out');
      await expectNoAxeViolations(page);
      // To the chain view with the keyboard.
      await page.getByRole('link', { name: 'Keten', exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: /Keten: Gemeente Ketenstad/ }).waitFor();
      assert.ok(await page.getByRole('heading', { level: 2, name: 'Kennis over de grenzen van organisaties' }).isVisible());
      assert.ok(!(await page.getByRole('rowheader', { name: `Wmo intern ${run}` }).count()), 'not shared with a partner');
      await expectNoAxeViolations(page);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
