import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { lineText } from '../../src/model/spans.js';
import { findChromium } from '../helpers/chromium.js';
import { cli, startCli, tempDir, type RunningProcess } from '../helpers/cli.js';
import { makeWebmClip } from './browser-clip.js';

const root = resolve(import.meta.dirname, '../..');
const LANG = 'fr-FR';
const TRACK = `out/hotline-beijing/${LANG}/hotline-beijing.${LANG}.srt`;
const XSS = '<img src=x onerror=alert(1)>';

/** An HTTP request with the headers a browser would never let a page set (Host) or a foreign page would send (Origin). */
function raw(address: string, options: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const url = new URL(address);
  return new Promise((settle, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (t: string) => (body += t));
      res.on('end', () => settle({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The cue of the film's subtitle track with an id, in the page. */
const SUBTITLE = "document.querySelector('video').textTracks[0].cues.getCueById";
/** The accessible name of what has the keyboard focus. */
const FOCUSED = "document.activeElement.getAttribute('aria-label')";

/** An expression evaluated in the page: source text, so that the test's TypeScript needs no DOM types and its runner's helpers never reach the page. */
function inPage<T = string>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** The first line the server prints: its address. */
async function addressOf(server: RunningProcess): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (!server.stdout.includes('\n')) {
    if (server.child.exitCode !== null || Date.now() > deadline) throw new Error(`review serve printed no address: ${server.stdout}${server.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return server.stdout.split('\n')[0]!.trim();
}

describe('the review studio in headless Chromium, on the sample film', () => {
  let dir = '';
  let browser: Browser | undefined;
  let server: RunningProcess | undefined;
  let address = '';
  const contexts: BrowserContext[] = [];
  /** What the pages reported as going wrong, and every address they asked for. */
  const problems: string[] = [];
  const requests: string[] = [];

  async function open(): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => { problems.push(`a ${d.type()} dialog: ${d.message()}`); void d.dismiss(); });
    await load(page);
    return page;
  }

  async function load(page: Page): Promise<void> {
    await page.goto(address);
    await page.waitForSelector('body[data-rendered="all"]', { timeout: 60_000 });
  }

  const translation = (page: Page, id: string) => page.getByRole('textbox', { name: `Translation of cue ${id}`, exact: true });
  const row = (page: Page, id: string) => page.locator(`li.cue[data-cue-id="${id}"]`);
  const savedRow = (page: Page, id: string) => page.waitForSelector(`li.cue[data-cue-id="${id}"][data-status="saved"]`, { timeout: 10_000 });
  const allSaved = (page: Page) => page.waitForSelector('body[data-save-status="saved"]', { timeout: 10_000 });

  beforeAll(async () => {
    dir = tempDir('subloc-studio-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    // Offline drafts (no DeepL key): the memory holds what the sample's TMX says, as a reviewer meets it.
    const drafted = await cli(['localize', '--config', 'subloc.config.json', '--target', LANG], dir);
    if (drafted.code !== 0) throw new Error(`localize failed: ${drafted.stderr}`);
    const { executablePath, args } = await findChromium();
    browser = await chromium.launch({ executablePath, args, headless: true });
    const maker = await browser.newPage();
    writeFileSync(join(dir, 'film.webm'), await makeWebmClip(maker, 120));
    await maker.close();
    server = startCli(['review', 'serve', '--config', 'subloc.config.json', '--language', LANG, '--video', 'film.webm', '--port', '0', '--reviewer', 'Camille'], dir);
    address = await addressOf(server);
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    if (server !== undefined && server.child.exitCode === null) {
      server.child.kill('SIGINT');
      await server.done;
    }
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('prints its loopback address first, and the page loads every cue of the track from it alone', async () => {
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await open();
    const source = parse(readFileSync(join(dir, 'subtitles/hotline-beijing.zh-Hans.srt'))).track;
    expect(await page.locator('li.cue').count()).toBe(source.cues.length);
    expect(await translation(page, '12').inputValue()).not.toBe('');
    expect(await page.getByRole('button', { name: 'Approve cue 12', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Comment on cue 12', exact: true }).isVisible()).toBe(true);
    expect(await page.locator('#save-status').textContent()).toBe('All changes saved');
    expect(requests.filter((u) => !u.startsWith(address))).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('saves an edit and an approval, and finds them after a reload', async () => {
    const page = await open();
    const edited = 'Le 12345 répond\nà toutes les questions.';
    await translation(page, '12').fill(edited);
    expect(await row(page, '12').getAttribute('data-status')).toBe('unsaved');
    await savedRow(page, '12');
    await page.getByRole('button', { name: 'Approve cue 12', exact: true }).click();
    await page.waitForSelector('li.cue[data-cue-id="12"][data-state="approved"][data-status="saved"]', { timeout: 10_000 });
    await page.getByRole('textbox', { name: 'Comment on cue 12', exact: true }).fill('Vérifier le numéro avec la production');
    await savedRow(page, '12');
    await allSaved(page);

    await load(page);
    expect(await translation(page, '12').inputValue()).toBe(edited);
    expect(await row(page, '12').getAttribute('data-state')).toBe('approved');
    expect(await page.getByRole('textbox', { name: 'Comment on cue 12', exact: true }).inputValue()).toBe('Vérifier le numéro avec la production');
    expect(await page.getByRole('button', { name: 'Approve cue 12', exact: true }).isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows a cue reading like markup as those characters, and runs nothing', async () => {
    const page = await open();
    await translation(page, '3').fill(XSS);
    await savedRow(page, '3');
    await load(page);
    expect(await translation(page, '3').inputValue()).toBe(XSS);
    expect(await row(page, '3').locator('.diff').textContent()).toContain(XSS);
    expect(await page.locator('#cues img').count()).toBe(0);
    // The film's subtitle track holds the characters too, escaped for WebVTT.
    const vtt = await inPage(page, `${SUBTITLE}('3').getCueAsHTML().textContent`);
    expect(vtt).toBe(XSS);
    expect(problems).toEqual([]);
  }, 120_000);

  it('seeks the film to a cue whose time is clicked, and its subtitle track follows the edits', async () => {
    const page = await open();
    const start = await inPage<number>(page, `${SUBTITLE}('7').startTime`);
    await page.getByRole('button', { name: 'Seek to cue 7', exact: true }).click();
    await page.waitForFunction(`Math.abs(document.querySelector('video').currentTime - ${start}) < 0.01 && !document.querySelector('video').seeking`, undefined, { timeout: 10_000 });
    await page.waitForSelector('li.cue.current[data-cue-id="7"]', { timeout: 10_000 });
    expect(start).toBeGreaterThan(0);
    await translation(page, '7').fill('Un sous-titre qui suit la saisie');
    const shown = await inPage(page, `${SUBTITLE}('7').text`);
    expect(shown).toBe('Un sous-titre qui suit la saisie');
    await savedRow(page, '7');
    expect(problems).toEqual([]);
  }, 120_000);

  it('moves between cues and approves from the keyboard', async () => {
    const page = await open();
    await translation(page, '20').focus();
    await page.keyboard.press('Alt+ArrowDown');
    expect(await inPage(page, FOCUSED)).toBe('Translation of cue 21');
    await page.keyboard.press('Alt+ArrowUp');
    expect(await inPage(page, FOCUSED)).toBe('Translation of cue 20');
    const hasError = await row(page, '20').getAttribute('data-severity');
    await page.keyboard.press('Control+Enter');
    if (hasError === 'error') await page.getByRole('button', { name: 'Approve anyway', exact: true }).click();
    await page.waitForSelector('li.cue[data-cue-id="20"][data-state="approved"][data-status="saved"]', { timeout: 10_000 });
    expect(await inPage(page, FOCUSED)).toBe('Translation of cue 21');
    expect(problems).toEqual([]);
  }, 120_000);

  it('asks before approving a cue QC finds an error in, and approves only when told', async () => {
    const page = await open();
    const long = 'Une traduction beaucoup trop longue pour ce sous-titre, que personne ne pourrait lire en si peu de temps à l’écran, même en lisant très vite.';
    await translation(page, '30').fill(long);
    await page.waitForSelector('li.cue[data-cue-id="30"][data-severity="error"]', { timeout: 10_000 });
    expect(await row(page, '30').locator('.findings').textContent()).toMatch(/error/);
    await page.getByRole('button', { name: 'Approve cue 30', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve a cue with errors?' });
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toContain('cue 30');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await savedRow(page, '30');
    expect(await row(page, '30').getAttribute('data-state')).toBe('draft');
    await page.getByRole('button', { name: 'Approve cue 30', exact: true }).click();
    await page.getByRole('button', { name: 'Approve anyway', exact: true }).click();
    await page.waitForSelector('li.cue[data-cue-id="30"][data-state="approved"][data-status="saved"]', { timeout: 10_000 });
    expect(problems).toEqual([]);
  }, 120_000);

  it('undoes and redoes a saved change', async () => {
    const page = await open();
    const before = await translation(page, '40').inputValue();
    await translation(page, '40').fill('Première version');
    await savedRow(page, '40');
    await page.getByRole('button', { name: 'Undo the last saved change to cue 40', exact: true }).click();
    expect(await translation(page, '40').inputValue()).toBe(before);
    await savedRow(page, '40');
    await page.getByRole('button', { name: 'Redo the change undone on cue 40', exact: true }).click();
    await savedRow(page, '40');
    await load(page);
    expect(await translation(page, '40').inputValue()).toBe('Première version');
    expect(problems).toEqual([]);
  }, 120_000);

  it('gives the second of two reviewers saving one cue the other version, and lets them choose', async () => {
    const first = await open();
    const second = await open();
    await translation(first, '50').fill('Version de Camille');
    await savedRow(first, '50');
    // The second page still holds the revision it loaded: its save is stale, and nothing is overwritten.
    await translation(second, '50').fill('Version de Lin');
    const conflict = second.getByRole('group', { name: 'Conflict on cue 50' });
    await conflict.waitFor({ timeout: 10_000 });
    expect(await conflict.textContent()).toContain('Version de Camille');
    expect(await second.locator('#save-status').textContent()).toBe('Conflict on cue 50: choose a version');
    await load(first);
    expect(await translation(first, '50').inputValue()).toBe('Version de Camille');

    await second.getByRole('button', { name: 'Keep my version of cue 50', exact: true }).click();
    await savedRow(second, '50');
    await load(first);
    expect(await translation(first, '50').inputValue()).toBe('Version de Lin');

    // And the other way: taking theirs drops the stale edit.
    await translation(first, '51').fill('Version A');
    await savedRow(first, '51');
    await translation(second, '51').fill('Version B');
    await second.getByRole('group', { name: 'Conflict on cue 51' }).waitFor({ timeout: 10_000 });
    await second.getByRole('button', { name: 'Take their version of cue 51', exact: true }).click();
    expect(await translation(second, '51').inputValue()).toBe('Version A');
    await allSaved(second);
    await load(second);
    expect(await translation(second, '51').inputValue()).toBe('Version A');
    expect(problems).toEqual([]);
  }, 180_000);

  it('filters the cues by state', async () => {
    const page = await open();
    await page.getByRole('combobox', { name: 'Show cues' }).selectOption('approved');
    const shown = await page.locator('li.cue:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cue-id')));
    expect(shown).toEqual(expect.arrayContaining(['12', '20', '30']));
    expect(await page.locator('li.cue:visible[data-state="draft"]').count()).toBe(0);
    await page.getByRole('combobox', { name: 'Show cues' }).selectOption('all');
    expect(problems).toEqual([]);
  }, 120_000);

  it('approves every cue without findings in one step, and leaves the others', async () => {
    const page = await open();
    const clean = await page.locator('li.cue[data-state="draft"][data-findings=""][data-status="saved"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cue-id')));
    const flagged = await page.locator('li.cue[data-state="draft"]:not([data-findings=""])').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cue-id')));
    expect(clean.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Approve all cues without findings', exact: true }).click();
    await page.waitForFunction(`document.getElementById('bulk-status').textContent.startsWith('Approved')`, undefined, { timeout: 30_000 });
    await load(page);
    for (const id of clean) expect(await row(page, id!).getAttribute('data-state')).toBe('approved');
    for (const id of flagged) expect(await row(page, id!).getAttribute('data-state')).toBe('draft');
    expect(problems).toEqual([]);
  }, 120_000);

  it('refuses a foreign Host and a change from a foreign Origin', async () => {
    const { port, host } = new URL(address);
    const rebinding = await raw(address, { method: 'GET', path: '/api/tracks', headers: { Host: `attacker.example:${port}` } });
    expect([403, 421]).toContain(rebinding.status);
    const body = JSON.stringify({ text: 'pwned', revision: 'x' });
    const foreign = await raw(address, { method: 'PUT', path: `/api/tracks/${LANG}/cues/12`, headers: { Host: host, Origin: 'http://attacker.example', 'Content-Type': 'application/json' }, body });
    expect(foreign.status).toBe(403);
    const page = await open();
    expect(await translation(page, '12').inputValue()).toBe('Le 12345 répond\nà toutes les questions.');
  }, 120_000);

  it('stops on Ctrl+C, and the next localize writes what was saved', async () => {
    server!.child.kill('SIGINT');
    const stopped = await server!.done;
    expect(stopped.code).toBe(0);
    const again = await cli(['localize', '--config', 'subloc.config.json', '--target', LANG], dir);
    expect(again.code).toBe(0);
    const track = parse(readFileSync(join(dir, TRACK))).track;
    const text = (id: string) => track.cues.find((c) => c.id === id)?.lines.map(lineText).join('\n');
    expect(text('12')).toBe('Le 12345 répond\nà toutes les questions.');
    expect(text('50')).toBe('Version de Lin');
  }, 120_000);
});
