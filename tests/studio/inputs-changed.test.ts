import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StudioCue } from '../../src/studio/api.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import { startStudio } from '../../src/studio/server.js';
import { parse } from '../../src/formats/parse.js';
import { localize } from '../../src/pipeline/localize.js';
import { change, LANG, localizedSample, send, startSample, testPage, type Running } from './studio-fixture.js';

const SOURCE = 'subtitles/hotline-beijing.zh-Hans.srt';

async function track(running: Running): Promise<Map<string, StudioCue>> {
  const answer = await send(running.origin, { path: `/api/tracks/${LANG}` });
  expect(answer.status).toBe(200);
  return new Map((answer.json().cues as StudioCue[]).map((c) => [c.id, c]));
}

/** The terminologist's change: 胡同 is now `ruelle` in French, and `hutong` forbidden. */
function forbidHutong(dir: string): void {
  const path = join(dir, 'glossary.json');
  const glossary = JSON.parse(readFileSync(path, 'utf8'));
  glossary.terms.find((t: { id: string }) => t.id === 'hutong').targets[LANG] = { preferred: 'ruelle', forbidden: ['hutong'] };
  writeFileSync(path, JSON.stringify(glossary, null, 2));
}

/** The editor's new cut, written over the source track: `edit` of its SRT. */
function recut(dir: string, edit: (srt: string) => string): void {
  const path = join(dir, SOURCE);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}

describe('a studio left open while the glossary changes on disk', () => {
  it('shows every cue under the new glossary on the next load, and refuses an approval made on the page of the old one', async () => {
    const running = await startSample();
    try {
      const page = await track(running);
      // Cue 9 says 胡同, translated `hutong`: clean under the glossary the studio started with.
      const hutong = page.get('9')!;
      expect(hutong).toMatchObject({ text: 'Le hutong se rétrécit\nà un peu plus de 3 mètres.', state: 'reviewed', findings: [] });
      const other = [...page.values()].find((c) => c.state === 'reviewed' && c.terms.length === 0 && c.findings.length === 0 && c.id !== '9')!;
      const edited = page.get('20')!;
      expect((await change(running, 'PUT', `/api/tracks/${LANG}/cues/20`, { text: 'Sauvé avant le changement', revision: edited.revision })).status).toBe(200);

      forbidHutong(running.dir);

      // "Approve all cues without findings" from the page still open: cue 9 is not approved; a cue the glossary does not touch is.
      const all = await change(running, 'POST', `/api/tracks/${LANG}/approve`, { cues: [hutong, other].map(({ id, revision }) => ({ id, revision })) });
      expect(all.status).toBe(200);
      expect(all.json().cues.map((c: StudioCue) => c.id)).toEqual([other.id]);
      expect(all.json().refused).toEqual([{ id: '9', reason: expect.stringContaining('cue 9 (fr-FR) changed since revision') }]);
      // "Approve" on the cue: 409 with the cue as the new glossary checks it.
      const one = await change(running, 'PUT', `/api/tracks/${LANG}/cues/9`, { state: 'approved', revision: hutong.revision });
      expect(one.status).toBe(409);
      expect(one.json()).toMatchObject({ error: 'stale', cue: { id: '9', state: 'reviewed', terms: [{ source: '胡同', preferred: 'ruelle', forbidden: ['hutong'] }] } });
      expect(one.json().cue.findings.map((f: { code: string }) => f.code)).toEqual(['glossary/missing-term', 'glossary/forbidden']);

      // Reloaded, the page shows the new glossary's findings and terms; nothing saved before the change is lost.
      const now = await track(running);
      expect(now.get('9')).toEqual(one.json().cue);
      expect(now.get('20')).toMatchObject({ text: 'Sauvé avant le changement', reviewer: 'Camille' });
      expect(now.get(other.id)!.state).toBe('approved');
      // Approved on the revision now shown, after seeing the findings: a decision the reviewer can make.
      const seen = await change(running, 'PUT', `/api/tracks/${LANG}/cues/9`, { state: 'approved', revision: now.get('9')!.revision });
      expect(seen.status).toBe(200);
    } finally {
      await running.studio.close();
    }
  }, 60_000);

  it('refuses every change while the glossary on disk cannot be read, and takes them again once it can', async () => {
    const running = await startSample();
    try {
      const cue = (await track(running)).get('9')!;
      const path = join(running.dir, 'glossary.json');
      const good = readFileSync(path, 'utf8');
      writeFileSync(path, good.slice(0, 200));
      const refused = await change(running, 'PUT', `/api/tracks/${LANG}/cues/9`, { state: 'approved', revision: cue.revision });
      expect(refused.status).toBe(500);
      writeFileSync(path, good);
      expect((await track(running)).get('9')).toEqual(cue);
      expect((await change(running, 'PUT', `/api/tracks/${LANG}/cues/9`, { state: 'approved', revision: cue.revision })).status).toBe(200);
    } finally {
      await running.studio.close();
    }
  }, 60_000);
});

describe('a studio left open while the source track is cut anew on disk', () => {
  it('shows the new cut on the next load, and refuses a change made on the old one', async () => {
    const running = await startSample();
    try {
      const page = await track(running);
      const [reworded, retimed] = [page.get('30')!, page.get('40')!];
      recut(running.dir, (srt) =>
        srt
          .split(/\n\n/)
          .map((block) => (block.startsWith('30\n') ? `${block.split('\n').slice(0, 2).join('\n')}\n猫在屋顶上睡觉。` : block.startsWith('40\n') ? block.replace(/ --> (\d\d:\d\d:\d\d),(\d)/, (_, hms: string, d: string) => ` --> ${hms},${d === '0' ? '1' : '0'}`) : block))
          .join('\n\n'),
      );

      const saved = await change(running, 'PUT', `/api/tracks/${LANG}/cues/30`, { text: 'Texte pour l’ancienne ligne', revision: reworded.revision });
      expect(saved.status).toBe(409);
      expect(saved.json().cue).toMatchObject({ id: '30', source: '猫在屋顶上睡觉。' });
      const approved = await change(running, 'POST', `/api/tracks/${LANG}/approve`, { cues: [{ id: '40', revision: retimed.revision }] });
      expect(approved.json()).toMatchObject({ cues: [], refused: [{ id: '40', reason: expect.stringContaining('changed since revision') }] });

      const now = await track(running);
      expect(now.get('30')).toEqual(saved.json().cue);
      expect(now.get('40')!.end).not.toBe(retimed.end);
      expect(now.get('40')!.state).toBe(retimed.state);
    } finally {
      await running.studio.close();
    }
  }, 60_000);
});

/**
 * The sample's studio as `subloc review serve --config` opens it: told how to read its config again. `targets`
 * as `--target` would give them, fixed; without, the config's (written first), as `review serve` reads them.
 */
async function startWithConfig(targets: { fixed: string[] } | { config: string[] } = { fixed: [LANG] }): Promise<Running> {
  const { dir } = await localizedSample();
  const file = join(dir, 'subloc.config.json');
  if ('config' in targets) editConfig(dir, (config) => {
    config.targets = targets.config;
  });
  const resolve = () => resolveLocalizeOptions({ config: 'subloc.config.json', ...('fixed' in targets ? { targets: targets.fixed } : {}), provider: 'offline' }, dir, {});
  const options = await resolve();
  const session = await openReviewSession({ localize: options, reviewer: 'Camille', config: { file, resolve } });
  const studio = await startStudio({ session, port: 0, pageDir: testPage(dir) });
  return { dir, options, studio, origin: studio.url.replace(/\/$/, '') };
}

function editConfig(dir: string, edit: (config: Record<string, unknown>) => void): void {
  const path = join(dir, 'subloc.config.json');
  const config = JSON.parse(readFileSync(path, 'utf8'));
  edit(config);
  writeFileSync(path, JSON.stringify(config, null, 2));
}

describe('a studio left open while a new cut splits an approved sentence', () => {
  it('shows each cue approved as the next localize would, before any localize, and a save of one keeps the other approved', async () => {
    const running = await startSample();
    try {
      const page = await track(running);
      for (const id of ['2', '3']) {
        const answer = await change(running, 'PUT', `/api/tracks/${LANG}/cues/${id}`, { text: `Approuvé ${id}`, state: 'approved', revision: page.get(id)!.revision });
        expect(answer.status).toBe(200);
      }
      // The editor opens a gap of 2 s before cue 3: cues 2 and 3 are sentence units of their own now.
      recut(running.dir, (srt) => srt.replace('00:00:12,208 --> 00:00:15,708', '00:00:14,208 --> 00:00:17,708'));

      const now = await track(running);
      expect(now.get('2')).toMatchObject({ unitId: '2', text: 'Approuvé 2', state: 'approved' });
      expect(now.get('3')).toMatchObject({ unitId: '3', text: 'Approuvé 3', state: 'approved' });

      // A typo corrected in cue 3 after the cut: cue 2 stays as it was.
      expect((await change(running, 'PUT', `/api/tracks/${LANG}/cues/3`, { text: 'Approuvé trois', revision: now.get('3')!.revision })).status).toBe(200);
      const after = await track(running);
      expect(after.get('2')).toMatchObject({ text: 'Approuvé 2', state: 'approved' });
      expect(after.get('3')).toMatchObject({ text: 'Approuvé trois', state: 'approved' });
    } finally {
      await running.studio.close();
    }
  }, 60_000);
});

describe('a studio left open while the config or its QC profile changes on disk', () => {
  it('checks and approves under the profile the config names now, and takes in an edit of that profile file', async () => {
    const running = await startWithConfig();
    try {
      const page = await track(running);
      const long = page.get('2')!;
      expect(long).toMatchObject({ text: "Plus de 20 millions d'habitants,", findings: [] });

      writeFileSync(join(running.dir, 'channel.json'), JSON.stringify({ extends: 'default', name: 'Channel', maxCharsPerLine: { value: { default: 12 }, source: 'channel spec' } }));
      editConfig(running.dir, (config) => {
        config.profile = 'channel.json';
      });

      const session = await send(running.origin, { path: '/api/session' });
      expect(session.json().profile).toMatchObject({ name: 'Channel', maxCharsPerLine: { [LANG]: 12 } });
      // "Approve all" from the page loaded under the old profile: the page did not show the cue's findings under the new one.
      const all = await change(running, 'POST', `/api/tracks/${LANG}/approve`, { cues: [{ id: long.id, revision: long.revision }] });
      expect(all.json()).toMatchObject({ cues: [], refused: [{ id: long.id, reason: expect.stringContaining('changed since revision') }] });
      const now = (await track(running)).get(long.id)!;
      expect(now.findings.map((f) => f.code)).toContain('qc/line-length');
      // Sent again from the page reloaded, on the findings it shows now: the cue that no longer fits 12 characters a line is held back.
      const again = await change(running, 'POST', `/api/tracks/${LANG}/approve`, { cues: [{ id: long.id, revision: now.revision }] });
      expect(again.json()).toMatchObject({ cues: [], refused: [{ id: long.id, reason: expect.stringMatching(/finding.*qc\//) }] });

      // The profile file itself edited: its figure is read again.
      writeFileSync(join(running.dir, 'channel.json'), JSON.stringify({ extends: 'default', name: 'Channel', maxCharsPerLine: { value: { default: 60 }, source: 'channel spec' } }));
      expect((await send(running.origin, { path: '/api/session' })).json().profile.maxCharsPerLine[LANG]).toBe(60);
      expect((await track(running)).get(long.id)!.findings).toEqual([]);
    } finally {
      await running.studio.close();
    }
  }, 60_000);

  it('refuses "Approve" on one cue made on the findings of the profile the page loaded with, with the cue as the new profile checks it', async () => {
    const running = await startWithConfig();
    try {
      const page = await track(running);
      // Cue 1 lasts 1.458 s: clean under the default profile, an error under the festival's (2 s at least).
      const short = page.get('1')!;
      expect(short.findings).toEqual([]);
      editConfig(running.dir, (config) => {
        config.profile = 'festival';
      });

      const approve = await change(running, 'PUT', `/api/tracks/${LANG}/cues/1`, { state: 'approved', revision: short.revision });
      expect(approve.status).toBe(409);
      expect(approve.json()).toMatchObject({ error: 'stale', message: expect.stringContaining('QC profile'), cue: { id: '1', state: short.state, text: short.text } });
      expect(approve.json().cue.findings).toMatchObject([{ code: 'qc/min-duration', severity: 'error' }]);
      expect((await track(running)).get('1')).toEqual(approve.json().cue);
      // Approved once the error was shown (the page asks first): on the revision that shows it.
      const seen = await change(running, 'PUT', `/api/tracks/${LANG}/cues/1`, { state: 'approved', revision: approve.json().cue.revision });
      expect(seen.status).toBe(200);

      // Back to the profile the page loaded with: its revisions hold again, nothing else having changed.
      editConfig(running.dir, (config) => {
        config.profile = 'default';
      });
      expect((await change(running, 'PUT', `/api/tracks/${LANG}/cues/2`, { state: 'approved', revision: page.get('2')!.revision })).status).toBe(200);
    } finally {
      await running.studio.close();
    }
  }, 60_000);

  it('serves the times localize writes, on the frame grid of the config\'s fps, and takes in another fps', async () => {
    const running = await startWithConfig();
    try {
      const written = async (fps: number) => {
        editConfig(running.dir, (config) => {
          config.fps = fps;
        });
        await localize(await resolveLocalizeOptions({ config: 'subloc.config.json', targets: [LANG], provider: 'offline' }, running.dir, {}));
        const cues = parse(readFileSync(join(running.dir, `out/hotline-beijing/${LANG}/hotline-beijing.${LANG}.srt`))).track.cues;
        return new Map(cues.map((c, i) => [String(i + 1), [c.start, c.end]]));
      };
      const source = (await track(running)).get('1')!;
      for (const fps of [23.976, 25, 29.97]) {
        const srt = await written(fps);
        const served = await track(running);
        expect(served.size).toBe(srt.size);
        for (const [id, cue] of served) expect([id, cue.start, cue.end]).toEqual([id, ...srt.get(id)!]);
        // Which cue it is stays the same: its id and sentence, and its text.
        expect(served.get('1')).toMatchObject({ id: '1', unitId: source.unitId, text: source.text });
      }
      // Cue 1 of the sample starts at 7.500 s, between two frames at 23.976 fps: the file starts it on the nearest one.
      expect((await track(running)).get('1')!.start).not.toBe(7500);
    } finally {
      await running.studio.close();
    }
  }, 90_000);

  it('takes in a change to the config\'s targets: an added language is served, a dropped one refused, saying why', async () => {
    const running = await startWithConfig({ config: [LANG, 'de-DE'] });
    try {
      const session = async () => (await send(running.origin, { path: '/api/session' })).json();
      expect((await session()).languages).toEqual([LANG, 'de-DE']);
      const german = await send(running.origin, { path: '/api/tracks/de-DE' });
      const cue = (german.json().cues as StudioCue[]).find((c) => c.id === '7')!;

      editConfig(running.dir, (config) => {
        config.targets = [LANG, 'it-IT'];
      });
      expect((await session()).languages).toEqual([LANG, 'it-IT']);
      expect((await send(running.origin, { path: '/api/tracks/it-IT' })).status).toBe(200);
      expect((await send(running.origin, { path: '/api/tracks' })).json().tracks.map((t: { language: string }) => t.language)).toEqual([LANG, 'it-IT']);
      const dropped = expect.stringContaining('no longer lists de-DE among its targets');
      const save = await change(running, 'PUT', '/api/tracks/de-DE/cues/7', { text: 'In einer Sprache, die nicht mehr geschrieben wird', revision: cue.revision });
      expect(save.json()).toEqual({ error: 'not-found', message: dropped });
      expect(save.status).toBe(404);
      expect((await send(running.origin, { path: '/api/tracks/de-DE' })).json()).toEqual({ error: 'not-found', message: dropped });
      expect((await change(running, 'POST', '/api/tracks/de-DE/approve', { cues: [{ id: '7', revision: cue.revision }] })).json()).toEqual({ error: 'not-found', message: dropped });
      expect((await change(running, 'POST', '/api/check', { language: 'de-DE', id: '7', text: 'Hallo' })).json()).toEqual({ error: 'not-found', message: dropped });

      // Listed again, it is as it was: nothing of the refused save was stored.
      editConfig(running.dir, (config) => {
        config.targets = [LANG, 'de-DE'];
      });
      expect((await send(running.origin, { path: '/api/tracks/de-DE' })).json().cues.find((c: StudioCue) => c.id === '7')).toEqual(cue);
    } finally {
      await running.studio.close();
    }
  }, 60_000);

  it('refuses every change while the config names another memory, and saves again once it names this one', async () => {
    const running = await startWithConfig();
    try {
      const cue = (await track(running)).get('20')!;
      editConfig(running.dir, (config) => {
        config.memory = 'elsewhere.sqlite';
      });
      const refused = await change(running, 'PUT', `/api/tracks/${LANG}/cues/20`, { text: 'Pas dans cette mémoire', revision: cue.revision });
      expect(refused.status).toBe(500);
      editConfig(running.dir, (config) => {
        delete config.memory;
      });
      expect((await track(running)).get('20')).toEqual(cue);
      expect((await change(running, 'PUT', `/api/tracks/${LANG}/cues/20`, { text: 'Dans cette mémoire', revision: cue.revision })).status).toBe(200);
    } finally {
      await running.studio.close();
    }
  }, 60_000);
});
