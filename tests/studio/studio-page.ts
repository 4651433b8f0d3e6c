import { rmSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
import type { Studio } from '../../src/studio/server.js';
import { findChromium } from '../helpers/chromium.js';

const WEB_SECURITY_OFF = '--disable-web-security';

/**
 * Chromium with web security on, as in a user's browser. @sparticuz/chromium's flags turn it off, and with it
 * the `Origin` a page sends with its own changes: the studio refuses those, as it should.
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await findChromium();
  return chromium.launch({ executablePath, args: args.filter((a) => a !== WEB_SECURITY_OFF), headless: true });
}

/** An expression evaluated in the page: source text, so that the test's TypeScript needs no DOM types and its runner's helpers never reach the page. */
export function inPage<T = string>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** Cue `id`'s translation box, found as a reviewer finds it: by its accessible name. */
export const translation = (page: Page, id: string) => page.getByRole('textbox', { name: `Translation of cue ${id}`, exact: true });
export const approveButton = (page: Page, id: string) => page.getByRole('button', { name: `Approve cue ${id}`, exact: true });
export const row = (page: Page, id: string) => page.locator(`li.cue[data-cue-id="${id}"]`);

/** Waits until cue `id` is saved, and in `state` when one is given. */
export function savedRow(page: Page, id: string, state?: string): Promise<unknown> {
  const inState = state === undefined ? '' : `[data-state="${state}"]`;
  return page.waitForSelector(`li.cue[data-cue-id="${id}"]${inState}[data-status="saved"]`, { timeout: 10_000 });
}

/** Waits until the studio page has rendered every cue. */
export function rendered(page: Page): Promise<unknown> {
  return page.waitForSelector('body[data-rendered="all"]', { timeout: 60_000 });
}

/**
 * Collects what goes wrong in the page into `problems`: its uncaught errors and the errors it logs. Chromium logs every
 * 4xx response as an error, so `handled` names the status the page answers on its own (a refusal it shows the reviewer).
 */
export function recordProblems(page: Page, problems: string[], handled: string): void {
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes(`status of ${handled}`)) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
}

/**
 * Checks after each test of the block that its pages reported no problem, and after the last closes what `opened`
 * gives: the browser, then the studio, then the test's folder.
 */
export function afterBrowserTests(problems: string[], opened: () => { browser: Browser | undefined; studio: Studio | undefined; dir: string }): void {
  afterEach(() => {
    expect(problems).toEqual([]);
  });
  afterAll(async () => {
    const { browser, studio, dir } = opened();
    // The browser as a whole, not its contexts one by one: a single-process Chromium exits with the first one closed.
    await browser?.close();
    await studio?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });
}
