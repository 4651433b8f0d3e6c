import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { lineText } from '../../src/model/spans.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { startStudio, type Studio } from '../../src/studio/server.js';
import { cli, tempDir } from '../helpers/cli.js';
import { makeWebmClip } from './browser-clip.js';
import { afterBrowserTests, approveButton, inPage, launchChromium, recordProblems, rendered, row, savedRow, translation } from './studio-page.js';

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

describe('the review studio in headless Chromium, on the sample film', () => {
  let dir = '';
  let browser: Browser | undefined;
  let studio: Studio | undefined;
  let address = '';
  /** What the pages reported as going wrong, and every address they asked for. */
  const problems: string[] = [];
  const requests: string[] = [];

  async function open(): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    // A stale save's 409 is an answer the page handles.
    recordProblems(page, problems, '409 (Conflict)');
    page.on('dialog', (d) => { problems.push(`a ${d.type()} dialog: ${d.message()}`); void d.dismiss(); });
    await load(page);
    return page;
  }

  async function load(page: Page): Promise<void> {
    await page.goto(address);
    await rendered(page);
  }

  const allSaved = (page: Page) => page.waitForSelector('body[data-save-status="saved"]', { timeout: 10_000 });

  beforeAll(async () => {
    dir = tempDir('subloc-studio-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    // Offline drafts (no DeepL key): the memory holds what the sample's TMX says, as a reviewer meets it.
    const drafted = await cli(['localize', '--config', 'subloc.config.json', '--target', LANG], dir);
    if (drafted.code !== 0) throw new Error(`localize failed: ${drafted.stderr}`);
    browser = await launchChromium();
    // Kept open to the end: a single-process Chromium (@sparticuz/chromium's) exits when its last page closes.
    const keeper = await browser.newPage();
    writeFileSync(join(dir, 'film.webm'), await makeWebmClip(keeper, 120));
    // The server as `subloc review serve --language fr-FR --video film.webm --reviewer Camille` starts it, in this process.
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: [LANG] }, dir, {});
    const session = await openReviewSession({ localize: options, languages: [LANG], reviewer: 'Camille' });
    studio = await startStudio({ session, video: join(dir, 'film.webm') });
    address = studio.url;
  }, 240_000);

  afterBrowserTests(problems, () => ({ browser, studio, dir }));

  it('serves on loopback, and the page loads every cue of the track from it alone', async () => {
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await open();
    const source = parse(readFileSync(join(dir, 'subtitles/hotline-beijing.zh-Hans.srt'))).track;
    expect(await page.locator('li.cue').count()).toBe(source.cues.length);
    expect(await translation(page, '12').inputValue()).not.toBe('');
    expect(await approveButton(page, '12').isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Comment on cue 12', exact: true }).isVisible()).toBe(true);
    expect(await page.locator('#save-status').textContent()).toBe('All changes saved');
    expect(requests.filter((u) => !u.startsWith(address))).toEqual([]);
    // Label in name (WCAG 2.5.3): a button's accessible name holds the words it shows.
    const mismatched = await page.locator('button').evaluateAll((buttons) =>
      buttons.filter((b) => !(b.getAttribute('aria-label') ?? b.textContent ?? '').toLowerCase().includes((b.textContent ?? '').trim().toLowerCase())).map((b) => `${b.textContent} / ${b.getAttribute('aria-label')}`),
    );
    expect(mismatched).toEqual([]);
  }, 120_000);

  it('saves an edit and an approval, and finds them after a reload', async () => {
    const page = await open();
    const edited = 'Le 12345 répond\nà toutes les questions.';
    await translation(page, '12').fill(edited);
    expect(await row(page, '12').getAttribute('data-status')).toBe('unsaved');
    await savedRow(page, '12');
    await approveButton(page, '12').click();
    await savedRow(page, '12', 'approved');
    await page.getByRole('textbox', { name: 'Comment on cue 12', exact: true }).fill('Vérifier le numéro avec la production');
    await savedRow(page, '12');
    await allSaved(page);
    // The language's count follows the decisions made on the page.
    const approved = await page.locator('li.cue[data-state="approved"]').count();
    expect(approved).toBeGreaterThan(0);
    expect(await page.getByRole('combobox', { name: 'Language' }).locator('option:checked').textContent()).toBe(`${LANG} (${approved} of ${await page.locator('li.cue').count()} approved)`);

    await load(page);
    expect(await translation(page, '12').inputValue()).toBe(edited);
    expect(await row(page, '12').getAttribute('data-state')).toBe('approved');
    expect(await page.getByRole('textbox', { name: 'Comment on cue 12', exact: true }).inputValue()).toBe('Vérifier le numéro avec la production');
    expect(await approveButton(page, '12').isDisabled()).toBe(true);
  }, 120_000);

  it('shows a cue reading like markup as those characters, and runs nothing', async () => {
    const page = await open();
    await translation(page, '3').fill(XSS);
    await savedRow(page, '3');
    await load(page);
    expect(await translation(page, '3').inputValue()).toBe(XSS);
    expect(await page.locator('#cues img').count()).toBe(0);
    // The film's subtitle track holds the characters too, escaped for WebVTT.
    const vtt = await inPage(page, `${SUBTITLE}('3').getCueAsHTML().textContent`);
    expect(vtt).toBe(XSS);
  }, 120_000);

  it('seeks the film to a cue whose time is clicked, and its subtitle track follows the edits', async () => {
    const page = await open();
    const start = await inPage<number>(page, `${SUBTITLE}('7').startTime`);
    await page.getByRole('button', { name: /^Seek to cue 7, / }).click();
    // Polled from here: waitForFunction evaluates its predicate with eval, which the studio's CSP forbids.
    await expect.poll(() => inPage<boolean>(page, `Math.abs(document.querySelector('video').currentTime - ${start}) < 0.01 && !document.querySelector('video').seeking`), { timeout: 10_000 }).toBe(true);
    await page.waitForSelector('li.cue.current[data-cue-id="7"]', { timeout: 10_000 });
    expect(start).toBeGreaterThan(0);
    await translation(page, '7').fill('Un sous-titre qui suit la saisie');
    const shown = await inPage(page, `${SUBTITLE}('7').text`);
    expect(shown).toBe('Un sous-titre qui suit la saisie');
    await savedRow(page, '7');
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
    await savedRow(page, '20', 'approved');
    expect(await inPage(page, FOCUSED)).toBe('Translation of cue 21');
  }, 120_000);

  it('asks before approving a cue QC finds an error in, and approves only when told', async () => {
    const page = await open();
    const long = 'Une traduction beaucoup trop longue pour ce sous-titre, que personne ne pourrait lire en si peu de temps à l’écran, même en lisant très vite.';
    await translation(page, '30').fill(long);
    await page.waitForSelector('li.cue[data-cue-id="30"][data-severity="error"]', { timeout: 10_000 });
    expect(await row(page, '30').locator('.findings').textContent()).toMatch(/error/);
    await approveButton(page, '30').click();
    const dialog = page.getByRole('dialog', { name: 'Approve a cue with errors?' });
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toContain('cue 30');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await savedRow(page, '30');
    expect(await row(page, '30').getAttribute('data-state')).not.toBe('approved');
    await approveButton(page, '30').click();
    await page.getByRole('button', { name: 'Approve anyway', exact: true }).click();
    await savedRow(page, '30', 'approved');
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

    await second.getByRole('button', { name: 'Keep mine: my version of cue 50', exact: true }).click();
    await savedRow(second, '50');
    await load(first);
    expect(await translation(first, '50').inputValue()).toBe('Version de Lin');

    // And the other way: taking theirs drops the stale edit.
    await translation(first, '51').fill('Version A');
    await savedRow(first, '51');
    await translation(second, '51').fill('Version B');
    await second.getByRole('group', { name: 'Conflict on cue 51' }).waitFor({ timeout: 10_000 });
    await second.getByRole('button', { name: 'Take theirs: their version of cue 51', exact: true }).click();
    expect(await translation(second, '51').inputValue()).toBe('Version A');
    await allSaved(second);
    await load(second);
    expect(await translation(second, '51').inputValue()).toBe('Version A');
  }, 180_000);

  it('shows an approval the server refused as stale as not approved, until the conflict is settled', async () => {
    const first = await open();
    const second = await open();
    await translation(first, '60').fill('Version de Camille, 60');
    await savedRow(first, '60');
    const before = await row(second, '60').getAttribute('data-state');
    await approveButton(second, '60').click();
    await second.getByRole('group', { name: 'Conflict on cue 60' }).waitFor({ timeout: 10_000 });
    expect(await row(second, '60').getAttribute('data-state')).toBe(before);
    expect(before).not.toBe('approved');
  }, 120_000);

  it('refuses an approval made on a page shown before the glossary changed on disk, and says why', async () => {
    const page = await open();
    // Cue 9 renders 胡同 as `hutong`, clean under the glossary the studio started with.
    expect(await row(page, '9').getAttribute('data-findings')).toBe('');
    const path = join(dir, 'glossary.json');
    const started = readFileSync(path, 'utf8');
    const glossary = JSON.parse(started);
    glossary.terms.find((t: { id: string }) => t.id === 'hutong').targets[LANG] = { preferred: 'ruelle', forbidden: ['hutong'] };
    writeFileSync(path, JSON.stringify(glossary));
    try {
      await approveButton(page, '9').click();
      const conflict = page.getByRole('group', { name: 'Conflict on cue 9' });
      await conflict.waitFor({ timeout: 10_000 });
      expect(await conflict.textContent()).toContain('The glossary changed since this page loaded: cue 9 is now checked against 胡同 → ruelle (not hutong) (findings now: glossary/missing-term, glossary/forbidden)');
      expect(await row(page, '9').getAttribute('data-state')).toBe('reviewed');
      await page.getByRole('button', { name: 'Take theirs: their version of cue 9', exact: true }).click();
      expect(await row(page, '9').getAttribute('data-findings')).toBe('glossary/missing-term glossary/forbidden');
      await load(page);
      expect(await row(page, '9').getAttribute('data-findings')).toBe('glossary/missing-term glossary/forbidden');
      expect(await row(page, '9').getAttribute('data-state')).toBe('reviewed');
    } finally {
      writeFileSync(path, started);
    }
    await load(page);
    expect(await row(page, '9').getAttribute('data-findings')).toBe('');
  }, 120_000);

  it('saves what an input method composes only once the composition ends (kana before the kanji is chosen is not the text)', async () => {
    const page = await open();
    const box = translation(page, '70');
    const before = await box.inputValue();
    await box.focus();
    await page.keyboard.press('Control+End');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'にっこう', selectionStart: 4, selectionEnd: 4 });
    // Longer than the save delay: a pause while choosing the kanji. Nothing of the kana reaches the server.
    await page.waitForTimeout(1_200);
    const meanwhile = await open();
    expect(await translation(meanwhile, '70').inputValue()).toBe(before);
    await cdp.send('Input.insertText', { text: '日光' });
    await savedRow(page, '70');
    await load(page);
    expect(await translation(page, '70').inputValue()).toBe(`${before}日光`);
  }, 120_000);

  it('filters the cues by state', async () => {
    const page = await open();
    await page.getByRole('combobox', { name: 'Show cues' }).selectOption('approved');
    const shown = await page.locator('li.cue:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cue-id')));
    expect(shown).toEqual(expect.arrayContaining(['12', '20', '30']));
    expect(await page.locator('li.cue:visible[data-state="draft"]').count()).toBe(0);
    await page.getByRole('combobox', { name: 'Show cues' }).selectOption('all');
  }, 120_000);

  it('approves every cue without findings in one step, and leaves the others', async () => {
    const page = await open();
    const translated = (selector: string) => inPage<string[]>(page, `[...document.querySelectorAll(${JSON.stringify(selector)})].filter((r) => r.querySelector('textarea.translation').value !== '').map((r) => r.dataset.cueId)`);
    const clean = await translated('li.cue:not([data-state="approved"])[data-findings=""]');
    const flagged = await translated('li.cue:not([data-state="approved"]):not([data-findings=""])');
    expect(clean.length).toBeGreaterThan(1);
    // Another reviewer changes one of them meanwhile: it is refused as stale, and this page shows their version at once.
    const other = await open();
    const changed = clean[0]!;
    const theirs = `${await translation(other, changed).inputValue()} !`;
    await translation(other, changed).fill(theirs);
    await savedRow(other, changed);
    await page.getByRole('button', { name: 'Approve all cues without findings', exact: true }).click();
    await expect.poll(() => page.locator('#bulk-status').textContent(), { timeout: 30_000 }).toMatch(/^Approved/);
    expect(await page.locator('#bulk-status').textContent()).toContain(`cue ${changed}:`);
    expect(await translation(page, changed).inputValue()).toBe(theirs);
    clean.shift();
    await load(page);
    for (const id of clean) expect(await row(page, id).getAttribute('data-state')).toBe('approved');
    for (const id of flagged) expect(await row(page, id).getAttribute('data-state')).not.toBe('approved');
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

  it('closes with everything saved, and the next localize writes it', async () => {
    await studio!.close();
    const again = await cli(['localize', '--config', 'subloc.config.json', '--target', LANG], dir);
    expect(again.code).toBe(0);
    const track = parse(readFileSync(join(dir, TRACK))).track;
    const text = (id: string) => track.cues.find((c) => c.id === id)?.lines.map(lineText).join('\n');
    expect(text('12')).toBe('Le 12345 répond\nà toutes les questions.');
    expect(text('50')).toBe('Version de Lin');
    expect(readFileSync(join(dir, TRACK.replace(/\.srt$/, '.xlf')), 'utf8')).toContain('Vérifier le numéro avec la production');
  }, 120_000);
});
