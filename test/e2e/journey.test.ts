/**
 * The whole first week of a new colleague, in Chromium, with and without JavaScript: an
 * organisation admin invites her by e-mail (real SMTP), she makes her account, logs out and in,
 * joins an open learning community and asks to join a closed one, and the facilitator lets her in.
 * With JavaScript every page is scanned with axe and the console must stay clean (no CSP
 * violations, no errors); without JavaScript the same journey must simply get to the end.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestCommunity, createTestOrganisation, createTestUser, TEST_PASSWORD } from '../harness.ts';
import { startBrowserSuite, expectNoAxeViolations, linksIn, watchConsole, type Browser, type BrowserContext, type Page, type BrowserSuite } from './support.ts';
import type { Locator } from 'playwright-core';

const NEW_PASSWORD = 'fietsen langs de Vecht in de herfst';

describe('invitation to community journey in Chromium', () => {
  let suite: BrowserSuite;
  let browser: Browser;
  let smtp: BrowserSuite['smtp'];
  let server: BrowserSuite['server'];
  before(async () => {
    suite = await startBrowserSuite();
    ({ browser, smtp, server } = suite);
  });
  after(() => suite?.close());

  for (const javaScriptEnabled of [true, false]) {
    it(`invites, signs up, joins and is let in ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const run = randomUUID().slice(0, 6);
      const org = await createTestOrganisation(server.deps, { name: `Gemeente Voorbeeldstad ${run}` });
      const admin = await createTestUser(server.deps, org.id, { role: 'admin', name: 'Anouk Visser' });
      const facilitator = await createTestUser(server.deps, org.id, { role: 'manager', name: 'Fatima de Vries', jobTitle: 'Teamleider Wmo' });
      const closedName = `Schuldhulp in de keten ${run}`;
      const closed = await createTestCommunity(server.deps, org.id, {
        name: closedName,
        visibility: 'closed',
        purpose: 'Gemeente en ketenpartners zoeken samen hoe we schulden eerder zien.',
        members: [{ userId: facilitator.id, role: 'facilitator' }],
      });
      const openName = `Wmo-consulenten ${run}`;
      const inviteeEmail = `sanne.bakker.${run}@voorbeeldstad.test`;

      const contexts: BrowserContext[] = [];
      const open = async () => {
        const context = await browser.newContext({ javaScriptEnabled, locale: 'nl-NL' });
        context.setDefaultTimeout(10_000);
        contexts.push(context);
        const page = await context.newPage();
        return { page, problems: watchConsole(page) };
      };
      const scan = (page: Page) => (javaScriptEnabled ? expectNoAxeViolations(page) : Promise.resolve());
      /**
       * A destructive action: the browser's confirm dialog with JavaScript, the server's confirmation
       * page without. The JavaScript run also visits that page (form.submit() skips the dialog), to scan it.
       */
      const confirmed = async (page: Page, button: Locator) => {
        if (javaScriptEnabled) {
          await button.evaluate((b) => (b as HTMLButtonElement).form?.submit());
          await page.getByRole('heading', { name: 'Weet je het zeker?' }).waitFor();
          await scan(page);
          await page.getByRole('link', { name: 'Nee, terug' }).click();
          await button.waitFor();
          page.once('dialog', (dialog) => void dialog.accept());
          await button.click();
        } else {
          await button.click();
          await page.getByRole('heading', { name: 'Weet je het zeker?' }).waitFor();
          await page.getByRole('button', { name: 'Ja, doorgaan' }).click();
        }
      };
      const logIn = async (page: Page, email: string, password: string, name: string) => {
        await page.goto(`${server.baseUrl}/inloggen`);
        await scan(page);
        await page.getByLabel('E-mailadres').fill(email);
        await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
        await page.getByRole('button', { name: 'Inloggen' }).click();
        await page.getByRole('heading', { name: `Welkom, ${name}` }).waitFor();
        await scan(page);
      };

      // The facilitator starts an open community through the form.
      const fac = await open();
      await logIn(fac.page, facilitator.email, TEST_PASSWORD, facilitator.name);
      await fac.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Leergemeenschappen' }).click();
      await fac.page.getByRole('heading', { name: 'Leergemeenschappen', level: 1 }).waitFor();
      await scan(fac.page);
      await fac.page.getByRole('link', { name: 'Nieuwe leergemeenschap' }).click();
      await fac.page.getByRole('heading', { name: 'Nieuwe leergemeenschap', level: 1 }).waitFor();
      await scan(fac.page);
      await fac.page.getByLabel('Naam', { exact: true }).fill(openName);
      await fac.page.getByLabel('Waar leer je samen over?').fill('Wmo-consulenten leren van elkaars keukentafelgesprekken: wat werkt bij maatwerk?');
      await fac.page.getByLabel('Onderwerpen').fill('wmo, keukentafelgesprek');
      await fac.page.getByRole('radio', { name: 'Open' }).check();
      await fac.page.getByRole('button', { name: 'Leergemeenschap maken' }).click();
      await fac.page.getByRole('heading', { name: openName, level: 1 }).waitFor();
      await fac.page.getByText('De leergemeenschap is gemaakt.').waitFor();
      await scan(fac.page);

      // The organisation admin invites a new colleague: first a slip, then a wrong address (revoked), then the right one.
      const adm = await open();
      await logIn(adm.page, admin.email, TEST_PASSWORD, admin.name);
      await adm.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
      await adm.page.getByRole('heading', { name: 'Leden', level: 1 }).waitFor();
      await scan(adm.page);
      await adm.page.getByRole('link', { name: 'Iemand uitnodigen' }).click();
      await adm.page.getByRole('heading', { name: 'Mensen uitnodigen', level: 1 }).waitFor();
      assert.equal(new URL(adm.page.url()).pathname, '/beheer/organisatie/uitnodigen');
      await scan(adm.page);
      await adm.page.getByLabel('E-mailadres').fill('sanne.bakker');
      await adm.page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
      await adm.page.getByRole('alert').getByRole('link', { name: /geldig e-mailadres/ }).waitFor();
      await scan(adm.page);
      const typo = `sanne.baker.${run}@voorbeeldstad.test`;
      await adm.page.getByLabel('E-mailadres').fill(typo);
      await adm.page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
      await adm.page.getByText('De uitnodiging is verstuurd.').waitFor();
      await scan(adm.page);
      const typoRow = adm.page.getByRole('row').filter({ hasText: typo });
      await confirmed(adm.page, typoRow.getByRole('button', { name: 'Intrekken' }));
      await adm.page.getByText('De uitnodiging is ingetrokken.').waitFor();
      assert.equal(await adm.page.getByRole('row').filter({ hasText: typo }).count(), 0);
      await scan(adm.page);
      await adm.page.getByLabel('E-mailadres').fill(inviteeEmail);
      await adm.page.getByRole('radio', { name: 'Medewerker' }).check();
      await adm.page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
      await adm.page.getByText('De uitnodiging is verstuurd.').waitFor();
      await adm.page.getByRole('row').filter({ hasText: inviteeEmail }).waitFor();
      await scan(adm.page);

      // The invitation arrives by real SMTP; its link opens the account form.
      const mail = await smtp.waitFor(inviteeEmail);
      const link = linksIn(mail.raw).find((l) => l.startsWith(`${server.baseUrl}/uitnodiging/`));
      assert.ok(link, 'the invitation mail links to /uitnodiging/…');
      const inv = await open();
      await inv.page.goto(link);
      await inv.page.getByRole('heading', { name: 'Welkom bij Leerkring', level: 1 }).waitFor();
      await inv.page.getByText(org.name, { exact: false }).first().waitFor();
      await scan(inv.page);

      // One mistake: the passwords differ. The summary says so, the name stays, the passwords do not.
      await inv.page.getByLabel('Naam').fill('Sanne Bakker');
      await inv.page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
      await inv.page.getByLabel('Nieuw wachtwoord nog een keer').fill(`${NEW_PASSWORD}!`);
      await inv.page.getByRole('button', { name: 'Account maken' }).click();
      const summary = inv.page.getByRole('alert');
      await summary.getByRole('link', { name: 'De twee wachtwoorden zijn niet gelijk.' }).waitFor();
      await summary.getByRole('heading', { name: 'Er is 1 ding om te verbeteren' }).waitFor();
      await inv.page.locator('#error-summary:focus').waitFor(); // it has the focus, so a screen reader reads it out first
      assert.equal(await inv.page.getByLabel('Naam').inputValue(), 'Sanne Bakker');
      assert.equal(await inv.page.getByLabel('Nieuw wachtwoord', { exact: true }).inputValue(), '');
      assert.equal(await inv.page.getByLabel('Nieuw wachtwoord nog een keer').getAttribute('aria-invalid'), 'true');
      await scan(inv.page);
      await inv.page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
      await inv.page.getByLabel('Nieuw wachtwoord nog een keer').fill(NEW_PASSWORD);
      await inv.page.getByRole('button', { name: 'Account maken' }).click();
      await inv.page.getByRole('heading', { name: 'Welkom, Sanne Bakker' }).waitFor();
      await inv.page.getByText('Je account is klaar.').waitFor();
      await scan(inv.page);

      // Out and in again, with the new password.
      await inv.page.getByRole('button', { name: 'Uitloggen' }).click();
      await inv.page.getByText('Je bent uitgelogd.').waitFor();
      await scan(inv.page);
      await logIn(inv.page, inviteeEmail, NEW_PASSWORD, 'Sanne Bakker');

      // She finds the open community and joins it.
      const findCommunity = async (name: string) => {
        await inv.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Leergemeenschappen' }).click();
        await inv.page.getByRole('heading', { name: 'Leergemeenschappen', level: 1 }).waitFor();
        await scan(inv.page);
        await inv.page.getByRole('searchbox', { name: 'Zoek op naam of onderwerp' }).fill(name);
        await inv.page.getByRole('button', { name: 'Zoeken' }).click();
        await inv.page.getByRole('status').filter({ hasText: /^1 leergemeenschap$/ }).waitFor();
        await scan(inv.page);
        await inv.page.getByRole('link', { name }).click();
        await inv.page.getByRole('heading', { name, level: 1 }).waitFor();
        await scan(inv.page);
      };
      await findCommunity(openName);
      await inv.page.getByRole('button', { name: 'Lid worden' }).click();
      await inv.page.getByText('Welkom! Je bent nu lid.').waitFor();
      await inv.page.getByText('Je bent lid van deze gemeenschap.').waitFor();
      await scan(inv.page);

      // The closed one takes a request, with a message for the facilitator.
      await findCommunity(closedName);
      await inv.page.getByLabel('Bericht aan de facilitator (mag leeg blijven)').fill('Ik zie in mijn werk veel mensen met betalingsachterstanden.');
      await inv.page.getByRole('button', { name: 'Vraag om lid te worden' }).click();
      await inv.page.getByText('Je aanvraag is verstuurd.').waitFor();
      await inv.page.getByRole('button', { name: 'Aanvraag intrekken' }).waitFor();
      await scan(inv.page);
      const closedUrl = inv.page.url();

      // The facilitator sees the request on the start page and lets her in.
      await fac.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Start' }).click();
      const requests = fac.page.getByRole('region', { name: 'Aanvragen die op jou wachten' });
      await requests.getByText(`Sanne Bakker (${org.name}) wil lid worden van ${closedName}`).waitFor();
      await scan(fac.page);
      await requests.getByRole('link', { name: 'Bekijken en beslissen' }).click();
      await fac.page.getByRole('heading', { name: `Aanvragen en uitnodigingen: ${closedName}`, level: 1 }).waitFor();
      const request = fac.page.getByRole('listitem').filter({ has: fac.page.getByRole('heading', { name: 'Sanne Bakker' }) });
      await request.getByText('betalingsachterstanden').waitFor();
      await scan(fac.page);
      await request.getByRole('button', { name: 'Toelaten' }).click();
      await fac.page.getByText('De aanvraag is goedgekeurd.').waitFor();
      await fac.page.getByText('Er wacht niets.').waitFor();
      await scan(fac.page);

      // She reloads: now a member, and on the member list.
      assert.equal(new URL(closedUrl).pathname, `/gemeenschappen/${closed.slug}`);
      await inv.page.reload();
      await inv.page.getByText('Je bent lid van deze gemeenschap.').waitFor();
      await scan(inv.page);
      await inv.page.getByRole('link', { name: 'Alle leden bekijken' }).click();
      await inv.page.getByRole('heading', { name: `Leden van ${closedName}` }).waitFor();
      const row = inv.page.getByRole('row').filter({ has: inv.page.getByRole('rowheader', { name: 'Sanne Bakker' }) });
      await row.getByRole('cell', { name: 'Lid', exact: true }).waitFor();
      await scan(inv.page);

      // And her start page lists both communities.
      await inv.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Start' }).click();
      const mine = inv.page.getByRole('region', { name: 'Mijn leergemeenschappen' });
      await mine.getByRole('link', { name: openName }).waitFor();
      await mine.getByRole('link', { name: closedName }).waitFor();
      await scan(inv.page);

      assert.deepEqual([...fac.problems, ...adm.problems, ...inv.problems], []);
      for (const context of contexts) await context.close();
    });
  }
});
