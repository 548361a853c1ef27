import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';

/** Where the console tests leave a screenshot of each page (kept out of git). */
const SCREENSHOTS = resolve(import.meta.dirname, '../../../test-results/console');

export interface SignedIn {
  page: Page;
  /** Every bearer token the console sent to the API (to replay it outside the browser). */
  bearers: Set<string>;
  close(): Promise<void>;
}

/**
 * A person at their own browser (own cookies): opens the console, clicks "Sign in", and signs in with the
 * identity provider's real login form, then waits for the console to greet them.
 */
export async function signInToConsole(
  browser: Browser,
  consoleUrl: string,
  person: { username: string; password: string; displayName: string },
): Promise<SignedIn> {
  // A fixed locale: this machine's C locale gives `en-US@posix`, which Intl (and so uPlot) refuses.
  const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: VIEWPORT });
  const page = await context.newPage();
  const bearers = new Set<string>();
  const apiOrigin = new URL(consoleUrl).origin;
  page.on('request', (request) => {
    const authorization = request.headers().authorization;
    if (request.url().startsWith(apiOrigin) && authorization) bearers.add(authorization);
  });
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  await page.goto(consoleUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('input[name=username]').fill(person.username);
  await page.locator('input[name=password]').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByText(person.displayName, { exact: true })
    .waitFor({ timeout: 15_000 })
    .catch(async () => {
      const text = (await page.textContent('body').catch(() => '')) ?? '';
      throw new Error(
        `${person.username} is not signed in at ${page.url()}: ${text.trim()} ${failures.join('; ')}`,
      );
    });
  if (failures.length) throw new Error(`the console failed: ${failures.join('; ')}`);
  return { page, bearers, close: () => context.close() };
}

const VIEWPORT = { width: 1280, height: 900 };

/** axe-core's serious and critical violations on the page as it is now (rule id → the elements). */
export async function seriousViolations(page: Page): Promise<Record<string, string[]>> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => {
    const { axe: inPage, document } = globalThis as unknown as {
      axe: typeof axe;
      document: axe.ElementContext;
    };
    return inPage.run(document, { resultTypes: ['violations'] });
  });
  return Object.fromEntries(
    results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => [violation.id, violation.nodes.map((node) => node.target.join(' '))]),
  );
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
