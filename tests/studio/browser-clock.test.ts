import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { startStudio, type Studio } from '../../src/studio/server.js';
import { cli, tempDir } from '../helpers/cli.js';
import { start as startDeepL } from '../helpers/deepl-server.js';
import { afterBrowserTests, inPage, launchChromium, recordProblems, rendered, row, savedRow, translation } from './studio-page.js';

const root = resolve(import.meta.dirname, '../..');
const LANG = 'de-DE';
/** A second language, for the address's `#language`. */
const OTHER = 'it-IT';

describe('the review studio without a film, on fresh machine drafts', () => {
  let dir = '';
  let browser: Browser | undefined;
  let studio: Studio | undefined;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = tempDir('subloc-studio-clock-');
    for (const path of ['glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    // No TMX: every cue is a machine draft nobody reviewed, as after a first DeepL run (the loopback DeepL here).
    const config = JSON.parse(readFileSync(join(root, 'subloc.config.json'), 'utf8')) as Record<string, unknown>;
    delete config['tmx'];
    writeFileSync(join(dir, 'subloc.config.json'), JSON.stringify({ ...config, targets: [LANG, OTHER] }));
    const deepl = await startDeepL({ authKey: 'studio:fx' });
    try {
      const drafted = await cli(['localize', '--config', 'subloc.config.json'], dir, { DEEPL_AUTH_KEY: 'studio:fx', DEEPL_SERVER_URL: deepl.url });
      if (drafted.code !== 0) throw new Error(`localize failed: ${drafted.stderr}`);
    } finally {
      await deepl.stop();
    }
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json' }, dir, {});
    studio = await startStudio({ session: await openReviewSession({ localize: options }) });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    // A refused save's 400 is an answer the page shows.
    recordProblems(page, problems, '400');
    await page.goto(studio.url);
    await rendered(page);
  }, 240_000);

  afterBrowserTests(problems, () => ({ browser, studio, dir }));

  it('plays the cues on a clock: play and pause, seek, the current cue under the picture, replay', async () => {
    expect(await page.locator('video').count()).toBe(0);
    const play = page.getByRole('button', { name: 'Play', exact: true });
    await page.getByRole('button', { name: /^Seek to cue 3, / }).click();
    expect(await page.locator('#overlay').textContent()).toBe(await translation(page, '3').inputValue());
    expect(await row(page, '3').getAttribute('aria-current')).toBe('true');
    const at = await page.locator('#time').textContent();
    await play.click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('#time').textContent(), { timeout: 10_000 }).not.toBe(at);
    await page.keyboard.press('Control+Space');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 10_000 });
    // Alt+R plays the current cue again from its start.
    await translation(page, '3').focus();
    await page.keyboard.press('Alt+R');
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+Space');
  }, 120_000);

  it('shows the machine draft beside the edit, with what the reviewer changed', async () => {
    const machine = await row(page, '2').locator('.machine .text').first().textContent();
    expect(machine).toBe(await translation(page, '2').inputValue());
    expect(await row(page, '2').locator('.diff').textContent()).toBe('unchanged');
    await translation(page, '2').fill(`Neu: ${machine!}`);
    expect(await row(page, '2').locator('.diff ins').allTextContents()).toEqual(['Neu: ']);
    await savedRow(page, '2');
  }, 120_000);

  it('keeps what is typed as typed when a save lands in a pause: a trailing space or a new empty line stays', async () => {
    const box = translation(page, '8');
    await box.fill('Hallo ');
    await savedRow(page, '8');
    expect(await box.inputValue()).toBe('Hallo ');
    await box.press('End');
    await box.pressSequentially('Welt');
    await box.press('Enter');
    await savedRow(page, '8');
    expect(await box.inputValue()).toBe('Hallo Welt\n');
    await box.pressSequentially('zweite Zeile');
    await savedRow(page, '8');
    await page.reload();
    await rendered(page);
    expect(await translation(page, '8').inputValue()).toBe('Hallo Welt\nzweite Zeile');
  }, 120_000);

  it('inserts a glossary term’s preferred rendering at the cursor', async () => {
    const term = page.locator('li.cue .terms button.preferred').first();
    const name = (await term.getAttribute('aria-label'))!;
    const [, preferred, id] = /^Insert “(.+)” into cue (\d+)$/.exec(name)!;
    await translation(page, id!).fill('');
    await page.getByRole('button', { name, exact: true }).click();
    expect(await translation(page, id!).inputValue()).toBe(preferred);
    await savedRow(page, id!);
    expect(await row(page, id!).locator('.terms button.preferred').first().getAttribute('class')).toContain('present');
  }, 120_000);

  it('marks a cue reviewed, and only once', async () => {
    expect(await row(page, '4').getAttribute('data-state')).toBe('draft');
    await page.getByRole('button', { name: 'Mark reviewed: cue 4', exact: true }).click();
    await savedRow(page, '4', 'reviewed');
    expect(await page.getByRole('button', { name: 'Mark reviewed: cue 4', exact: true }).isDisabled()).toBe(true);
  }, 120_000);

  it('shows the server’s reason when it refuses a change, and saves once it is fixed', async () => {
    // The studio never empties a cue: a text box cleared is refused, with the reason.
    await translation(page, '5').fill('');
    await page.waitForSelector('li.cue[data-cue-id="5"][data-status="error"]', { timeout: 10_000 });
    const reason = await row(page, '5').locator('.save-error').textContent();
    expect(reason).toMatch(/empty/);
    expect(await page.locator('#save-status').textContent()).toBe(`Not saved: cue 5: ${reason!}`);
    await translation(page, '5').fill('eins\nzwei');
    await savedRow(page, '5');
    expect(await page.locator('#save-status').textContent()).toBe('All changes saved');
  }, 120_000);

  it('works beyond loopback once opened with the token it printed, and not without it', async () => {
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json' }, dir, {});
    const wide = await startStudio({ session: await openReviewSession({ localize: options }), host: '0.0.0.0' });
    try {
      expect(wide.token).toMatch(/^[\w-]{20,}$/);
      expect((await fetch(`http://127.0.0.1:${wide.port}/`)).status).toBe(403);
      // In the first page's context: a single-process Chromium sends a second context's cookies with its navigations only.
      const other = await page.context().newPage();
      await other.goto(`http://127.0.0.1:${wide.port}/?token=${wide.token!}`);
      await rendered(other);
      // The token leaves the address bar (the server keeps it in a cookie), and every request of the page carries it.
      expect(new URL(other.url()).search).toBe('');
      await translation(other, '7').fill('Über das Netz gespeichert');
      await savedRow(other, '7');
    } finally {
      await wide.close();
    }
  }, 120_000);

  it('shows only the cues that need attention, or those with one finding, when asked', async () => {
    await page.getByRole('combobox', { name: 'Show cues' }).selectOption('attention');
    const shown = await inPage<string[]>(page, `[...document.querySelectorAll('li.cue:not([hidden])')].map((r) => r.dataset.attention)`);
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set(['true']));
    expect(await page.locator('#summary').textContent()).toContain(`${shown.length} need attention`);
    expect(await row(page, '4').isHidden()).toBe(await inPage<boolean>(page, `document.querySelector('li.cue[data-cue-id="4"]').dataset.attention === 'false'`));
    await page.getByRole('combobox', { name: 'Show cues' }).selectOption('all');
    // By finding: the codes QC reported on this track, each showing exactly the cues it was found on.
    const codes = await page.getByRole('combobox', { name: 'Finding' }).locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')).filter((v) => v !== ''));
    expect(codes).toContain('qc/reading-speed');
    await page.getByRole('combobox', { name: 'Finding' }).selectOption('qc/reading-speed');
    const found = await inPage<string[]>(page, `[...document.querySelectorAll('li.cue:not([hidden])')].map((r) => r.dataset.findings)`);
    expect(found.length).toBeGreaterThan(0);
    for (const list of found) expect(list.split(' ')).toContain('qc/reading-speed');
    expect(await page.locator('#shown').textContent()).toBe(`Showing ${found.length} of ${await page.locator('li.cue').count()} cues`);
    await page.getByRole('combobox', { name: 'Finding' }).selectOption('');
  }, 120_000);

  it('opens the language the address names when its #language changes, as the language list does', async () => {
    // A same-document navigation: only the hash changes, as when a link or a typed address names the language.
    const show = (hash: string) => page.goto(`${page.url().split('#')[0]!}#${hash}`);
    const shown = () => page.locator('#cues').getAttribute('lang');
    await show(OTHER);
    await expect.poll(shown).toBe(OTHER);
    expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe(OTHER);
    const italian = await translation(page, '7').inputValue();
    expect(italian).toMatch(/^\[IT\] /);
    // A language the studio does not serve leaves the page as it is.
    await show('xx-XX');
    expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe(OTHER);
    await show(LANG);
    await expect.poll(shown).toBe(LANG);
    expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe(LANG);
    expect(await translation(page, '7').inputValue()).not.toBe(italian);
  }, 120_000);

  it('stays on its language, saying why, while a cue has a conflict to settle: the other list would drop the typing', async () => {
    const other = await page.context().newPage();
    recordProblems(other, problems, '409 (Conflict)');
    await other.goto(page.url());
    await rendered(other);
    await translation(other, '9').fill('Die Fassung der Kollegin');
    await savedRow(other, '9');
    await other.close();
    await translation(page, '9').fill('Meine Fassung');
    await page.getByRole('group', { name: 'Conflict on cue 9' }).waitFor({ timeout: 10_000 });
    await page.getByRole('combobox', { name: 'Language' }).selectOption(OTHER);
    await expect.poll(() => page.locator('#bulk-status').textContent()).toContain('cue 9 is not saved (a conflict to settle)');
    expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe(LANG);
    expect(new URL(page.url()).hash).toBe(`#${LANG}`);
    expect(await translation(page, '9').inputValue()).toBe('Meine Fassung');
    await page.getByRole('button', { name: 'Keep mine: my version of cue 9', exact: true }).click();
    await savedRow(page, '9');
    // The stale save's 409 is the answer this test asked for.
    problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('409 (Conflict)')));
  }, 120_000);

  it('keeps the list read-only while another language loads: typing there would go to cues about to be replaced', async () => {
    // A long film's track (or a slow disk): the next language's list takes a while to come.
    let release = () => {};
    const held = new Promise<void>((settle) => (release = settle));
    await page.route(`**/api/tracks/${OTHER}`, async (route) => {
      await held;
      await route.continue();
    });
    const before = await translation(page, '11').inputValue();
    await page.getByRole('combobox', { name: 'Language' }).selectOption(OTHER);
    await page.waitForSelector('#cues[aria-busy="true"]', { timeout: 10_000 });
    expect(await inPage<boolean>(page, `document.querySelector('#cues').inert`)).toBe(true);
    // Neither typing nor a key for the cue reaches the list being replaced.
    await translation(page, '11').pressSequentially('x', { timeout: 1_000 }).catch(() => {});
    await page.keyboard.press('Alt+Z');
    expect(await translation(page, '11').inputValue()).toBe(before);
    release();
    await expect.poll(() => page.locator('#cues').getAttribute('lang')).toBe(OTHER);
    expect(await inPage<boolean>(page, `document.querySelector('#cues').inert`)).toBe(false);
    expect(await page.locator('#cues').getAttribute('aria-busy')).toBeNull();
    await page.unroute(`**/api/tracks/${OTHER}`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption(LANG);
    await expect.poll(() => page.locator('#cues').getAttribute('lang')).toBe(LANG);
  }, 120_000);

  it('checks the text as typed before approving with Ctrl+Enter at once, and asks about its error', async () => {
    await translation(page, '10').fill('Eine Übersetzung, die für diesen Untertitel viel zu lang ist und die niemand in so kurzer Zeit auf dem Bildschirm lesen könnte, selbst sehr schnell.');
    await page.keyboard.press('Control+Enter');
    const dialog = page.getByRole('dialog', { name: 'Approve a cue with errors?' });
    await dialog.waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await savedRow(page, '10');
    expect(await row(page, '10').getAttribute('data-state')).not.toBe('approved');
  }, 120_000);
});
