/**
 * Small screens and keyboards: at 320 CSS pixels (WCAG 1.4.10 reflow) nothing scrolls sideways,
 * and keyboard-only use works: the skip link comes first and moves the focus to the content, and
 * every element the Tab key reaches shows where the focus is (WCAG 2.4.7). Also takes the start
 * page screenshot the README shows (UPDATE_SCREENSHOT=1 writes docs/screenshot.png).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startSession } from '../../src/accounts/accounts.usecases.ts';
import { cookieNames } from '../../src/platform/http/context.ts';
import { createTestCommunity, createTestOrganisation, createTestUser } from '../harness.ts';
import { startBrowserSuite, expectNoAxeViolations, watchConsole, type Browser, type Page, type BrowserSuite } from './support.ts';

const root = path.resolve(import.meta.dirname, '../..');
const screenshotDir = path.join(root, 'data/screenshots');

describe('small screens, keyboard and the README screenshot in Chromium', () => {
  let suite: BrowserSuite;
  let browser: Browser;
  let server: BrowserSuite['server'];
  let people: Awaited<ReturnType<typeof demoLikeData>>;
  before(async () => {
    suite = await startBrowserSuite();
    ({ browser, server } = suite);
    people = await demoLikeData();
    mkdirSync(screenshotDir, { recursive: true });
  });
  after(() => suite?.close());

  /** A member of three communities with Dutch names, invited to a fourth, as in the demo. */
  async function demoLikeData() {
    const deps = server.deps;
    const org = await createTestOrganisation(deps, { name: 'Gemeente Voorbeeldstad' });
    const partner = await createTestOrganisation(deps, { name: 'Woningcorporatie Thuis', kind: 'partner' });
    const facilitator = await createTestUser(deps, org.id, { role: 'manager', name: 'Fatima de Vries', jobTitle: 'Teamleider Wmo' });
    const member = await createTestUser(deps, org.id, { name: 'Sanne Bakker', jobTitle: 'Wmo-consulent' });
    const colleagues = await Promise.all(
      [
        ['Daan Jansen', 'Schuldhulpverlener', org.id],
        ['Noor El Amrani', 'Jeugdconsulent', org.id],
        ['Pieter de Boer', 'Woonconsulent', partner.id],
      ].map(([name, jobTitle, organisationId]) => createTestUser(deps, organisationId as string, { name, jobTitle })),
    );
    const everyone = colleagues.map((c) => ({ userId: c.id }));
    const community = await createTestCommunity(deps, org.id, {
      name: 'Wmo-consulenten Voorbeeldstad',
      visibility: 'open',
      purpose: 'Wmo-consulenten leren van elkaars keukentafelgesprekken: wat werkt bij maatwerk, en hoe leg je een besluit uit in gewone taal?\n\nWe delen praktijkverhalen, stellen hoe-vragen en kijken af bij collega’s in andere teams.',
      tags: ['wmo', 'keukentafelgesprek', 'maatwerk'],
      members: [{ userId: facilitator.id, role: 'facilitator' }, { userId: member.id }, ...everyone],
    });
    await createTestCommunity(deps, org.id, {
      name: 'Schuldhulp in de keten',
      visibility: 'closed',
      partners: [partner.id],
      purpose: 'Gemeente, zorgaanbieders en woningcorporaties zoeken samen hoe we schulden eerder zien en sneller helpen.',
      tags: ['schuldhulp', 'vroegsignalering'],
      members: [{ userId: facilitator.id, role: 'facilitator' }, { userId: member.id }, ...everyone],
    });
    await createTestCommunity(deps, org.id, {
      name: 'Jeugd en onderwijs',
      visibility: 'closed',
      purpose: 'Jeugdconsulenten en scholen leren samen over passend onderwijs en thuiszitters.',
      tags: ['jeugd', 'onderwijs', 'thuiszitters'],
      members: [{ userId: colleagues[1]!.id, role: 'facilitator' }, { userId: member.id }],
    });
    const intervision = await createTestCommunity(deps, org.id, {
      name: 'Intervisie wijkteams',
      visibility: 'secret',
      purpose: 'Een veilige plek voor intervisie met de incidentmethode.',
      members: [{ userId: facilitator.id, role: 'facilitator' }, { userId: member.id, status: 'invited' }],
    });
    // The invitation says who sent it, as one made on the community page does.
    await deps.db.updateTable('community_members').set({ decided_by: facilitator.id }).where('community_id', '=', intervision.id).where('user_id', '=', member.id).execute();
    return { member, community };
  }

  async function signedInPage(width: number, height: number): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width, height } });
    context.setDefaultTimeout(10_000);
    const token = await startSession(server.deps, people.member.id, { ip: '127.0.0.1', userAgent: 'Chromium e2e' });
    await context.addCookies([{ name: cookieNames(false).session, value: token, url: server.baseUrl }]);
    const page = await context.newPage();
    return { page, problems: watchConsole(page) };
  }

  const pages = () => [
    { name: 'start page', path: '/' },
    { name: 'community list', path: '/gemeenschappen' },
    { name: 'community page', path: `/gemeenschappen/${people.community.slug}` },
    { name: 'member list', path: `/gemeenschappen/${people.community.slug}/leden` },
  ];

  it('reflows at 320 px: no horizontal scrolling', async () => {
    const { page, problems } = await signedInPage(320, 640);
    for (const { name, path: url } of pages()) {
      await page.goto(`${server.baseUrl}${url}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      await page.screenshot({ path: path.join(screenshotDir, `320-${name.replace(/ /g, '-')}.png`), fullPage: true });
      assert.ok(scrollWidth <= 320, `${name} is ${scrollWidth} px wide at 320 px`);
      await expectNoAxeViolations(page);
    }
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('works by keyboard: skip link first, then a visible focus on everything Tab reaches', async () => {
    const { page, problems } = await signedInPage(320, 640);
    for (const { name, path: url } of pages()) {
      await page.goto(`${server.baseUrl}${url}`);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => ({ className: document.activeElement?.className ?? '', text: document.activeElement?.textContent ?? '' }));
      assert.match(first.className, /lk-skip-link/, `on the ${name}, Tab reaches the skip link first`);
      assert.equal(first.text, 'Direct naar de inhoud');
      const box = await page.locator('.lk-skip-link').boundingBox();
      assert.ok(box && box.y >= 0 && box.x >= 0, `on the ${name}, the focused skip link is on screen`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main');

      // From the top again: every element Tab reaches must show its focus.
      await page.goto(`${server.baseUrl}${url}`);
      const reached: string[] = [];
      for (let i = 0; i < 100; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
          const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
          return { label, visible: outline || style.boxShadow !== 'none' };
        });
        if (!focus || (reached.length > 0 && focus.label === reached[0])) break;
        reached.push(focus.label);
        assert.ok(focus.visible, `on the ${name}, ${focus.label} has no visible focus style`);
      }
      assert.ok(reached.length > 5, `on the ${name}, Tab reaches the page's links and buttons (${reached.length})`);
    }
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('takes the start page screenshot at 1280×800', async () => {
    const { page, problems } = await signedInPage(1280, 800);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Welkom, Sanne Bakker' }).waitFor();
    await page.getByRole('region', { name: 'Mijn leergemeenschappen' }).getByRole('link', { name: 'Jeugd en onderwijs' }).waitFor();
    await page.getByText('Uitgenodigd door Fatima de Vries').waitFor();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(screenshotDir, '1280-start-page.png') });
    await page.screenshot({ path: path.join(screenshotDir, '1280-start-page-full.png'), fullPage: true });
    if (process.env.UPDATE_SCREENSHOT === '1') await page.screenshot({ path: path.join(root, 'docs/screenshot.png') });
    await page.goto(`${server.baseUrl}/gemeenschappen/${people.community.slug}`);
    await page.screenshot({ path: path.join(screenshotDir, '1280-community-page.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
