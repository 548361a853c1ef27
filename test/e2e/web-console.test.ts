import { readFile } from 'node:fs/promises';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRequest, type BrokerUnderTest, startBrokerUnderTest } from './support/broker-under-test';
import { launchChromium } from '../support/chromium';
import { screenshot, seriousViolations, type SignedIn, signInToConsole } from './support/browser';
import { s3AsTheThirdParty } from './support/session-credentials';

let broker: BrokerUnderTest;
let browser: Browser;
const open: SignedIn[] = [];
beforeAll(async () => {
  [broker, browser] = await Promise.all([startBrokerUnderTest(), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await Promise.all(open.map((session) => session.close().catch(() => undefined)));
  await browser?.close();
  await broker?.close();
});

const PEOPLE = {
  dave: 'Dave Requester',
  approver: 'Ada Approver',
  admin: 'Ari Admin',
} as const;

async function signIn(username: keyof typeof PEOPLE): Promise<SignedIn> {
  const { consoleUrl, oidc } = broker.description;
  const session = await signInToConsole(browser, consoleUrl, {
    username,
    password: oidc!.password,
    displayName: PEOPLE[username],
  });
  open.push(session);
  return session;
}

/** The page's globals, as the functions the tests evaluate in it see them (this file is compiled for Node). */
interface PageGlobals {
  location: { hash: string; href: string };
  localStorage: object;
  sessionStorage: object;
  document: { cookie: string };
  __pwned?: number;
}

/** Moves within the console as a link would: a reload would forget the token, as it should. */
const go = (page: Page, hash: string) =>
  page.evaluate((to) => void ((globalThis as unknown as PageGlobals).location.hash = to), hash);

/** Every page the tests visit is checked by axe-core and photographed. */
async function review(page: Page, name: string) {
  expect(await seriousViolations(page), `axe on ${name}`).toEqual({});
  await screenshot(page, name);
}

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '*bold* <!channel> <https://evil.example|click>',
  '\u202Etxt.exe',
].join(' ');

describe('the web console', () => {
  let id: string;

  it('a requester files through the form built from the profiles; no Approve button, and the API refuses him', async () => {
    const dave = await signIn('dave');
    const { page } = dave;
    expect(await page.getByRole('link', { name: 'Waiting for me' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Ask for access' }).click();
    await page.getByLabel('Profile').selectOption('s3-audit-read');
    await page.getByLabel(/^bucket/).fill('awsproduction345');
    await page.getByLabel("Third party's principal ARN").fill(broker.description.demoThirdParty.principalArn);
    await page.getByLabel(/^Duration/).fill('PT5M');
    await page.getByLabel('Why').fill('Quarterly access review by the auditors');
    await page.getByLabel(/^Ticket/).fill('jira SEC-77');
    await review(page, '1-ask-for-access');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await page.waitForURL(/#\/requests\/.+/);
    id = decodeURIComponent(page.url().split('#/requests/')[1]!);
    await page.getByText('Waiting for approval', { exact: true }).waitFor();
    await page.getByText('Needs 1 approval', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await review(page, '2-request-waiting-as-requester');

    // The console only hides the button: the API refuses the very token it holds.
    const [bearer] = dave.bearers;
    const refused = await fetch(`${broker.description.apiUrl}/v1/requests/${id}/decision`, {
      method: 'POST',
      headers: { authorization: bearer!, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  }, 90_000);

  it('an approver approves from "Waiting for me" and watches the grant become ACTIVE; the token is kept nowhere', async () => {
    const ada = await signIn('approver');
    const { page } = ada;
    const card = page.getByRole('article').filter({ hasText: 'Quarterly access review by the auditors' });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toMatch(/Needs 1 approval from the group local-approvers/);
    expect(await card.textContent()).toMatch(/nobody has approved yet/);
    expect(await card.textContent()).toMatch(/s3:GetObject/);
    expect(await card.textContent()).toMatch(/Dave Requester/);
    await review(page, '3-waiting-for-me');

    await card.getByLabel('Comment (optional)').fill('fine for Q4');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.waitFor({ state: 'detached' });
    await go(page, `#/requests/${id}`);
    await page.getByText('Active', { exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.countdown').first().textContent()).toMatch(/(min|s) left/);
    await expect
      .poll(() => page.locator('.timeline').textContent())
      .toMatch(/Ada Approver\s*approved the request/);

    const [bearer] = ada.bearers;
    const token = bearer!.replace(/^Bearer /, '');
    const kept = await page.evaluate(() => {
      const { localStorage, sessionStorage, document, location } = globalThis as unknown as PageGlobals;
      return JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie, location.href]);
    });
    expect(kept).not.toContain(token);
    expect(page.url()).not.toMatch(/[?&](code|state)=/);
  }, 90_000);

  it("shows the grant's activity as a chart and a filterable table, and downloads the evidence", async () => {
    const ada = open.find((session) => [...session.bearers].length && session !== open[0])!;
    const { page } = ada;
    await callAsTheThirdParty(id);
    await page
      .getByText(/\d+ calls over time by service; 1 denied/)
      .waitFor({ timeout: 30_000 })
      .catch(async (error) => {
        throw new Error(`${error}\n${await page.locator('main').textContent()}`);
      });
    expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
    await page.getByLabel('denied only').check();
    await expect
      .poll(() => page.locator('.activity-table caption').textContent())
      .toMatch(/^1 of \d+ calls$/);
    expect(await page.locator('.activity-table tbody tr').textContent()).toMatch(/denied \(AccessDenied\)/);
    await page.getByLabel('denied only').uncheck();
    await review(page, '4-grant-active-with-activity');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the evidence pack' }).click(),
    ]);
    const evidence = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(download.suggestedFilename()).toBe(`evidence-${id}.json`);
    expect(evidence.request.id).toBe(id);
    expect(evidence.activity.items.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(evidence)).not.toContain((await externalIdOf(id)) ?? 'no External ID');
  }, 90_000);

  it("an admin finds the grant's role among those outsiders may assume, linked to its request", async () => {
    const { page } = await signIn('admin');
    await page.getByRole('link', { name: 'Outside access' }).click();
    const row = page.getByRole('row').filter({ hasText: id });
    await row.waitFor();
    expect(await row.textContent()).toContain(broker.description.demoThirdParty.principalArn);
    expect(await row.textContent()).not.toContain('no External ID required');
    await review(page, '8-outside-access');
    await row.getByRole('link', { name: 'the broker' }).click();
    await page.getByText('Active', { exact: true }).waitFor();
  }, 60_000);

  it('the requester asks for more time, an approver grants it, then revokes the grant', async () => {
    const [dave, ada] = open as [SignedIn, SignedIn];
    await dave.page.getByLabel('How much more (ISO 8601)').fill('PT5M');
    await dave.page.getByLabel('Why').fill('The auditors need one more pass');
    await dave.page.getByRole('button', { name: 'Ask to extend' }).click();
    await dave.page.getByText('An extension of PT5M waits for approval.').waitFor();
    expect(await dave.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    const endsBefore = await ada.page.locator('.countdown').first().getAttribute('datetime');
    await go(ada.page, '#/');
    const card = ada.page.getByRole('article').filter({ hasText: 'The auditors need one more pass' });
    await expect.poll(() => card.textContent()).toMatch(/An extension needs 1 approval/);
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.waitFor({ state: 'detached' });
    await go(ada.page, `#/requests/${id}`);
    await expect
      .poll(() => ada.page.locator('.countdown').first().getAttribute('datetime'), { timeout: 20_000 })
      .not.toBe(endsBefore);
    await expect.poll(() => ada.page.locator('.timeline').textContent()).toMatch(/the grant was extended/);

    await ada.page.getByLabel('Reason').fill('audit done');
    await ada.page.getByRole('button', { name: 'Revoke' }).click();
    await ada.page.getByText('Ended', { exact: true }).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => ada.page.locator('.timeline').textContent())
      .toMatch(/Ada Approver\s*ending the grant/);
  }, 90_000);

  it('renders hostile strings from a ticketing system as inert text', async () => {
    const { body } = await broker.api('POST', '/v1/requests', {
      token: broker.description.tokens.requester,
      body: auditRequest({
        duration: 'PT5M',
        justification: HOSTILE,
        ticket: { system: 'jira', key: HOSTILE.slice(0, 120) },
      }),
    });
    const ada = open[1]!;
    const { page } = ada;
    await go(page, '#/');
    const card = page.getByRole('article').filter({ hasText: 'onerror' });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    // The override is shown, not obeyed: `txt.exe` does not turn into `exe.txt` on screen.
    expect(await card.textContent()).toContain('[U+202E]txt.exe');
    expect(await card.textContent()).not.toContain('\u202E');
    expect(await page.locator('main img, main script, main a[href*="evil"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned)).toBeUndefined();
    await review(page, '5-hostile-strings');
    await go(page, `#/requests/${body.id}`);
    await page.getByText('Waiting for approval', { exact: true }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned)).toBeUndefined();
  }, 60_000);

  it('an admin lists requests with filters and runs the vendors', async () => {
    const { page } = await signIn('admin');
    const listed = (label: string) =>
      page
        .getByRole('link', { name: id })
        .waitFor({ timeout: 10_000 })
        .catch(async (error: Error) => {
          throw new Error(
            `${label}: ${error.message}\n${page.url()}\n${await page.locator('main').textContent()}`,
          );
        });
    await page.getByRole('link', { name: 'Requests' }).click();
    await page.getByLabel('Status').selectOption('REVOKED');
    await listed('step 1');
    await page.getByLabel('Requester').fill('nobody-like-this');
    await page.getByLabel('Requester').press('Enter');
    await expect.poll(() => page.locator('table.requests caption').textContent()).toBe('0 requests shown');
    await page.getByLabel('Requester').fill('dave');
    await page.getByLabel('Requester').press('Enter');
    await listed('step 2');
    // The API applies the filters, and says which field is wrong.
    await page.getByLabel('Account').fill('not-an-account');
    await page.getByLabel('Account').press('Enter');
    await page.getByRole('alert').getByText('account: must be a twelve-digit account id').waitFor();
    await page.getByLabel('Account').fill('000000000000');
    await page.getByLabel('Account').press('Enter');
    await listed('step 3');
    await review(page, '6-requests');

    await page.getByRole('link', { name: 'Vendors' }).click();
    await page.getByRole('heading', { name: 'Vendors' }).waitFor();
    await page.getByLabel('Id').fill('acme-audit');
    await page.getByLabel('Name').fill('Acme <b>Audit</b>');
    await page.getByLabel(/^Principal ARNs/).fill(broker.description.demoThirdParty.principalArn);
    await page.getByRole('button', { name: 'Register' }).click();
    const vendor = page.getByRole('article').filter({ hasText: 'acme-audit' });
    await vendor.waitFor();
    expect(await vendor.getByRole('heading').textContent()).toContain('Acme <b>Audit</b>');
    await vendor.getByRole('button', { name: /Suspend/ }).click();
    await vendor.getByText('Suspended', { exact: true }).first().waitFor();
    await review(page, '7-vendors');
  }, 90_000);

  it('offers nothing but signing in before one has, and that page passes axe too', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(broker.description.consoleUrl);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('link').count()).toBe(0);
    await review(page, '0-sign-in');
    // A code this page did not ask for (login CSRF: someone else's code, pasted into a link) is refused.
    await page.goto(`${broker.description.consoleUrl}?code=someone-elses&state=forged`);
    await page.getByText('This sign-in was not started from this page').waitFor();
    expect(page.url()).toBe(broker.description.consoleUrl);
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await context.close();
  });

  it('serves the page with a strict Content-Security-Policy and its files by content hash', async () => {
    const response = await fetch(broker.description.consoleUrl);
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/<style|style=/);
    const script = /src="(\/console\/app-[0-9a-f]{12}\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${broker.description.apiUrl}${script}`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${broker.description.apiUrl}/console/app-000000000000.js`)).status).toBe(404);
    expect((await fetch(`${broker.description.apiUrl}/console/..%2Fconfig.json`)).status).toBe(400);
  });
});

async function externalIdOf(requestId: string): Promise<string | undefined> {
  const { body } = await broker.api('GET', `/v1/requests/${requestId}`, {
    token: broker.description.tokens.admin,
  });
  return body.grant?.externalId;
}

/** The demo third party assumes the grant's role and reads the bucket: three allowed calls and one denied. */
async function callAsTheThirdParty(requestId: string) {
  const { body } = await broker.api('GET', `/v1/requests/${requestId}`, {
    token: broker.description.tokens.admin,
  });
  const s3 = await s3AsTheThirdParty(broker.description, body.grant, 'auditor');
  const quietly = (call: Promise<unknown>) => call.catch(() => undefined);
  await quietly(s3.send(new ListObjectsV2Command({ Bucket: 'awsproduction345' })));
  await quietly(s3.send(new GetObjectCommand({ Bucket: 'awsproduction345', Key: 'q4/ledger.csv' })));
  await quietly(s3.send(new GetObjectCommand({ Bucket: 'awsproduction345', Key: 'q4/payroll.csv' })));
  await quietly(s3.send(new GetObjectCommand({ Bucket: 'another-teams-bucket', Key: 'secrets.txt' })));
}
