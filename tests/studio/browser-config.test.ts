import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { startStudio, type Studio } from '../../src/studio/server.js';
import type { StudioCue } from '../../src/studio/api.js';
import { cli, tempDir } from '../helpers/cli.js';
import { makeWebmClip } from './browser-clip.js';
import { afterBrowserTests, approveButton, inPage, launchChromium, recordProblems, rendered, row, savedRow, translation } from './studio-page.js';

const root = resolve(import.meta.dirname, '../..');
const LANG = 'fr-FR';
const SUBTITLE = "document.querySelector('video').textTracks[0].cues.getCueById";

/** A time as the page prints it (`00:00:07.508`). */
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

function editConfig(dir: string, edit: (config: Record<string, unknown>) => void): void {
  const path = join(dir, 'subloc.config.json');
  const config = JSON.parse(readFileSync(path, 'utf8'));
  edit(config);
  writeFileSync(path, JSON.stringify(config, null, 2));
}

describe('the review studio in headless Chromium, on a film at 23.976 fps whose config changes while the page is open', () => {
  let dir = '';
  let browser: Browser | undefined;
  let studio: Studio | undefined;
  const problems: string[] = [];

  async function open(): Promise<Page> {
    const page = await (await browser!.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    // A refused approval's 409 is an answer the page handles.
    recordProblems(page, problems, '409 (Conflict)');
    await page.goto(studio!.url);
    await rendered(page);
    return page;
  }

  const cue = async (id: string): Promise<StudioCue> => ((await (await fetch(`${studio!.url}api/tracks/${LANG}`)).json()) as { cues: StudioCue[] }).cues.find((c) => c.id === id)!;

  beforeAll(async () => {
    dir = tempDir('subloc-studio-config-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    editConfig(dir, (config) => {
      config.fps = 23.976;
    });
    const drafted = await cli(['localize', '--config', 'subloc.config.json', '--target', LANG], dir);
    if (drafted.code !== 0) throw new Error(`localize failed: ${drafted.stderr}`);
    browser = await launchChromium();
    const keeper = await browser.newPage();
    writeFileSync(join(dir, 'film.webm'), await makeWebmClip(keeper, 30));
    // As `subloc review serve --config subloc.config.json --language fr-FR --video film.webm` starts it: reading its config again.
    const input = { config: 'subloc.config.json', targets: [LANG], provider: 'offline' as const };
    const options = await resolveLocalizeOptions(input, dir, {});
    const session = await openReviewSession({ localize: options, reviewer: 'Camille', config: { file: join(dir, 'subloc.config.json'), resolve: () => resolveLocalizeOptions(input, dir, {}) } });
    studio = await startStudio({ session, video: join(dir, 'film.webm') });
  }, 240_000);

  afterBrowserTests(problems, () => ({ browser, studio, dir }));

  it("shows, seeks to and subtitles the film at the times localize wrote, on the frame grid", async () => {
    const srt = parse(readFileSync(join(dir, `out/hotline-beijing/${LANG}/hotline-beijing.${LANG}.srt`))).track.cues[0]!;
    // The source starts cue 1 at 7.500 s, between two frames: the file starts it on the nearest.
    expect(srt.start).not.toBe(7500);
    const page = await open();
    const times = `${clock(srt.start)} → ${clock(srt.end)}`;
    const seek = page.getByRole('button', { name: `Seek to cue 1, ${times}`, exact: true });
    expect(await seek.textContent()).toBe(times);
    const subtitle = await inPage<number[]>(page, `[${SUBTITLE}('1').startTime, ${SUBTITLE}('1').endTime]`);
    expect(subtitle.map((s) => Math.round(s * 1000))).toEqual([srt.start, srt.end]);
    await seek.click();
    await expect.poll(() => inPage<boolean>(page, `Math.abs(document.querySelector('video').currentTime * 1000 - ${srt.start}) < 0.5 && !document.querySelector('video').seeking`), { timeout: 10_000 }).toBe(true);
  }, 120_000);

  it('asks before approving a cue the profile the config names now finds an error in, though the page loaded under another', async () => {
    const page = await open();
    expect(await row(page, '1').getAttribute('data-severity')).toBe('');
    // Cue 1 lasts under 2 s: an error under the festival's profile.
    editConfig(dir, (config) => {
      config.profile = 'festival';
    });
    // An edit made on the page goes on being saved, and shows the findings it is saved under.
    await translation(page, '5').fill('Une modification après le changement');
    await savedRow(page, '5');

    await approveButton(page, '1').click();
    const dialog = page.getByRole('dialog', { name: 'Approve a cue with errors?' });
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toContain('qc/min-duration');
    expect(await row(page, '1').getAttribute('data-findings')).toContain('qc/min-duration');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect((await cue('1')).state).not.toBe('approved');

    await approveButton(page, '1').click();
    await dialog.waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Approve anyway', exact: true }).click();
    await savedRow(page, '1', 'approved');
    expect(await cue('1')).toMatchObject({ state: 'approved', findings: [{ code: 'qc/min-duration' }] });
  }, 120_000);
});
