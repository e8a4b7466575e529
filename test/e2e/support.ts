/**
 * Browser test support: Debian's Chromium (/usr/bin/chromium) driven by playwright-core — no
 * browser is ever downloaded — against the real server on a loopback port, with a real SMTP
 * server in-process to receive the mail a user would click.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { createTestApp, TEST_PASSWORD } from '../harness.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // This machine has no network beyond loopback: keep Chromium from calling home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port that keeps what it receives. */
export async function startSmtpServer(): Promise<{ url: string; mails: ReceivedMail[]; waitFor(to: string, timeoutMs?: number): Promise<ReceivedMail>; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(to, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const mail = mails.find((m) => m.to.includes(to.toLowerCase()));
        if (mail) return mail;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no mail for ${to} within ${timeoutMs} ms`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Decodes quoted-printable soft breaks so links can be read from a raw mail. */
export function linksIn(raw: string): string[] {
  const decoded = raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  return [...decoded.matchAll(/https?:\/\/[^\s"<>]+/g)].map((m) => m[0]);
}

/**
 * Starts the real server on a loopback port with mail going to the given SMTP server. The browser
 * always comes from 127.0.0.1, as does every inject() test sharing the test database, so the
 * per-address log-in limit is raised: browser journeys must not depend on how often others logged in.
 */
export async function startServer(smtpUrl: string) {
  const t = await createTestApp({ config: { smtpUrl, loginRateLimit: 1000 } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  t.deps.config.baseUrl = baseUrl;
  return { ...t, baseUrl };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core with the WCAG 2.0/2.1/2.2 A and AA rules on the current page and fails the
 * test on any violation. axe is evaluated through the DevTools protocol, so the page's strict
 * CSP stays on.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  });
  assert.deepEqual(violations, [], `axe violations on ${page.url()}`);
}

/** Collects CSP violations and page errors, so a test can assert that none happened. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Chromium reports every non-2xx response this way, including a 422 form re-render that
    // is meant; failing sub-resources are caught below instead.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

export interface BrowserSuite {
  smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  server: Awaited<ReturnType<typeof startServer>>;
  browser: Browser;
  close(): Promise<void>;
}

/** What every browser test needs: an SMTP server, the app sending mail to it, and Chromium. */
export async function startBrowserSuite(): Promise<BrowserSuite> {
  const smtp = await startSmtpServer();
  const server = await startServer(smtp.url);
  const browser = await launchBrowser();
  return {
    smtp,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await smtp.close();
    },
  };
}

/** Logs in through the form as a person would, and waits for the personal start page. */
export async function logInAs(page: Page, baseUrl: string, user: { email: string; name: string }, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel('E-mailadres').fill(user.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: `Welkom, ${user.name}` }).waitFor();
}

/** Waits until every island has enhanced the page (main.ts marks the root element); the editor loads as a separate chunk. */
export async function islandsReady(page: Page): Promise<void> {
  await page.locator('html[data-islands="ready"]').waitFor({ state: 'attached' });
}

export type { Browser, BrowserContext, Page };
