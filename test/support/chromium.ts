import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

/**
 * A real Chromium: the one the npm package @sparticuz/chromium carries inside itself (unpacked to /tmp on
 * first use), driven by playwright-core. Nothing is downloaded at install or at run time. Its arguments are
 * made for Lambda, where one process is all there is; here `--single-process` makes closing a browser context
 * take the whole browser down, so it goes.
 */
export async function launchChromium(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args.filter((arg) => arg !== '--single-process'),
  });
}
