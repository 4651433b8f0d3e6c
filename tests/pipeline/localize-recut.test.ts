import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { readXliff, type XliffCue } from '../../src/review/xliff-read.js';
import { cli, tempDir } from '../helpers/cli.js';
import { deeplPerTest } from '../helpers/deepl-fixture.js';
import { approve } from '../helpers/xliff-approve.js';

const root = resolve(import.meta.dirname, '../..');
const SRT = 'subtitles/hotline-beijing.zh-Hans.srt';
const CUE2 = '这座城市有两千多万人口，';
const PUT_IN = '都住在这里';
const APPROVED = ['A city of over twenty million people (approved),', 'and over 60,000 calls a day (approved).'];

/** The editor's new cuts of cues 2 and 3, one sentence unit in the sample: none changes the words of either. */
const CUTS = {
  // Cue 3 starts 2 s later: the gap splits the unit in two.
  split: (srt: string) => srt.replace('00:00:12,208 --> 00:00:15,708', '00:00:14,208 --> 00:00:17,708'),
  // Cue 3 is cut: cue 2 is a unit of its own.
  cut: (srt: string) => srt.replace('3\n00:00:12,208 --> 00:00:15,708\n每天超过60,000个来电\n打进12345市民服务热线。\n\n', ''),
  // A cue goes between them: the unit is 2, 2b, 3.
  insert: (srt: string) =>
    srt.replace('00:00:09,708 --> 00:00:12,125\n', '00:00:09,708 --> 00:00:11,000\n').replace('3\n00:00:12,208 --> 00:00:15,708\n', `2b\n00:00:11,083 --> 00:00:12,125\n${PUT_IN}\n\n3\n00:00:12,208 --> 00:00:15,708\n`),
};

/** The sample localized once, then cues 2 and 3 approved by a reviewer (one unit), then the editor's new cut. */
async function approvedThenRecut(dir: string, cut: keyof typeof CUTS): Promise<void> {
  for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
  expect((await cli(['localize', '--config', 'subloc.config.json', '--target', 'en-US'], dir)).code).toBe(0);
  const memory = openMemory(join(dir, '.subloc/memory.sqlite'));
  const unit = (await memory.entries({ target: 'en-US' })).find((e) => e.source[0] === CUE2 && e.source.length === 2)!;
  await memory.put([{ ...unit, target: APPROVED, status: 'approved', provider: 'studio', reviewer: 'Camille', byReviewer: true, comments: ['', 'checked with the hotline'], updatedAt: new Date().toISOString() }]);
  await memory.close();
  writeFileSync(join(dir, SRT), CUTS[cut](readFileSync(join(dir, SRT), 'utf8')));
}

async function localize(dir: string, env: Record<string, string> = {}): Promise<{ report: RunReport; states: Map<string, XliffCue> }> {
  const r = await cli(['localize', '--config', 'subloc.config.json', '--target', 'en-US'], dir, env);
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, 'out/hotline-beijing/run.json'), 'utf8')) as RunReport;
  const xliff = readXliff(readFileSync(join(dir, 'out/hotline-beijing/en-US/hotline-beijing.en-US.xlf'), 'utf8'), 'en-US.xlf');
  const states = new Map(xliff.cues.map((c) => [c.id, c]));
  return { report, states };
}

/** The id the reader gave the cue of `source`. */
function idOf(cues: ReadonlyMap<string, XliffCue>, source: string): string {
  return [...cues.values()].find((c) => c.source === source)!.id;
}

describe('cues a reviewer approved in one sentence unit that a new cut changes, their own words unchanged', () => {
  describe.each(['split', 'cut', 'insert'] as const)('%s', (cut) => {
    const fixture = deeplPerTest('test-key:fx');

    it('keep their approved translation offline (a lone cue left of its sentence: as a draft to review, its sentence beside it), counted as from the memory', async () => {
      await approvedThenRecut(fixture.dir, cut);
      const { report, states } = await localize(fixture.dir);
      expect(states.get('2')).toMatchObject({ target: APPROVED[0], state: cut === 'cut' ? 'needs-review' : 'approved' });
      if (cut !== 'cut') expect(states.get('3')).toMatchObject({ target: APPROVED[1], state: 'approved', comment: 'checked with the hotline' });
      const en = report.languages[0]!;
      expect(en.origins['2']).toBe('memory-exact');
      expect(en.billedCharacters).toBe(0);
      expect(en.diagnostics).toContainEqual(expect.objectContaining({ code: 'memory/regrouped', message: expect.stringContaining('cue 2') }));
      if (cut === 'insert') expect(en.origins[idOf(states, PUT_IN)]).toBe('untranslated');
    });

    it('keep them with DeepL too, nothing billed for them: only a cue put in is drafted and billed', async () => {
      await approvedThenRecut(fixture.dir, cut);
      const { report, states } = await localize(fixture.dir, fixture.env);
      expect(states.get('2')).toMatchObject({ target: APPROVED[0], state: cut === 'cut' ? 'needs-review' : 'approved' });
      if (cut !== 'cut') expect(states.get('3')).toMatchObject({ target: APPROVED[1], state: 'approved', comment: 'checked with the hotline' });
      const en = report.languages[0]!;
      expect(en.origins['2']).toBe('memory-exact');
      if (cut === 'insert') {
        expect(states.get(idOf(states, PUT_IN))?.target).toContain(PUT_IN);
        expect(en.origins[idOf(states, PUT_IN)]).toBe('machine');
        expect(en.billedCharacters).toBe([...PUT_IN].length);
      } else expect(en.billedCharacters).toBe(0);
      expect(fixture.deepl.state.billedCharacters).toBe(en.billedCharacters);
    });
  });
});

/** The cues renumbered from 1, as an editing tool writes the file after a cue was put in. */
function renumbered(srt: string): string {
  return srt
    .trim()
    .split(/\n\n+/)
    .map((block, i) => block.replace(/^[^\n]*/, String(i + 1)))
    .join('\n\n')
    .concat('\n');
}

/** A caller's 喂？ put between cues 2 and 3, cue 3 moved later to make room: 喂？ ends the sentence, so the units are [2, 喂？] and [3]. */
const interjected = (srt: string) =>
  renumbered(srt.replace('3\n00:00:12,208 --> 00:00:15,708\n', `2b\n00:00:12,200 --> 00:00:13,400\n${INTERJECTION}\n\n3\n00:00:13,508 --> 00:00:17,008\n`));
const INTERJECTION = '喂？';
const CUE3 = '每天超过60,000个来电打进12345市民服务热线。';
const TRANSLATOR = ['T2 A city of twenty million,', 'T3 sixty thousand calls a day to 12345.'];

describe('a sentence a translator approved in the review XLIFF, split by a cue the editor put between its cues', () => {
  it('in place: the next localize keeps each cue’s approved translation, and the run after it is not refused', async () => {
    const dir = tempDir();
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    expect((await cli(['localize', '--config', 'subloc.config.json', '--target', 'en-US'], dir)).code).toBe(0);
    const xlf = join(dir, 'out/hotline-beijing/en-US/hotline-beijing.en-US.xlf');
    writeFileSync(xlf, approve(approve(readFileSync(xlf, 'utf8'), '2', TRANSLATOR[0]!), '3', TRANSLATOR[1]!));
    writeFileSync(join(dir, SRT), interjected(readFileSync(join(dir, SRT), 'utf8')));
    const { states } = await localize(dir);
    expect(states.get('2')).toMatchObject({ source: CUE2, target: TRANSLATOR[0], state: 'approved' });
    expect(states.get('3')).toMatchObject({ source: INTERJECTION, target: null });
    expect(states.get('4')).toMatchObject({ source: CUE3, target: TRANSLATOR[1], state: 'approved' });
    await localize(dir);
  });

  it('through review import: counts the unit holding cue 2 and the new cue as partly imported, not as reviewed', async () => {
    const dir = tempDir();
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    expect((await cli(['localize', '--config', 'subloc.config.json', '--target', 'en-US'], dir)).code).toBe(0);
    const xlf = join(dir, 'out/hotline-beijing/en-US/hotline-beijing.en-US.xlf');
    writeFileSync(join(dir, 'old.xlf'), approve(approve(readFileSync(xlf, 'utf8'), '2', TRANSLATOR[0]!), '3', TRANSLATOR[1]!));
    writeFileSync(join(dir, SRT), interjected(readFileSync(join(dir, SRT), 'utf8')));
    const imported = await cli(['review', 'import', 'old.xlf', '--config', 'subloc.config.json', '--reviewer', 'tina'], dir);
    expect(imported.stdout).toContain('old.xlf: 2 units imported (1 approved, 0 reviewed, 1 partly: their confirmed cues imported, the cues the new cut put in drafted by the next localize)');
  });
});

describe('a cue cut from a sentence the translator approved in the review XLIFF', () => {
  const cut = (srt: string) => renumbered(CUTS.cut(srt));

  it.each(['localize first', 'import first'] as const)('offers the approved sentence beside what is left of it, whichever runs first (%s), and counts it as kept, not imported', async (order) => {
    const dir = tempDir();
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    expect((await cli(['localize', '--config', 'subloc.config.json', '--target', 'en-US'], dir)).code).toBe(0);
    const xlf = join(dir, 'out/hotline-beijing/en-US/hotline-beijing.en-US.xlf');
    writeFileSync(join(dir, 'old.xlf'), approve(approve(readFileSync(xlf, 'utf8'), '2', TRANSLATOR[0]!), '3', TRANSLATOR[1]!));
    writeFileSync(join(dir, SRT), cut(readFileSync(join(dir, SRT), 'utf8')));
    if (order === 'localize first') await localize(dir);
    const imported = await cli(['review', 'import', 'old.xlf', '--config', 'subloc.config.json', '--reviewer', 'tina'], dir);
    expect(imported.stderr).toContain('[review/sentence-changed]');
    expect(imported.stdout).toContain('old.xlf: 0 units imported (0 approved, 0 reviewed), 1 kept in the memory for their old text only');
    const { states } = await localize(dir);
    expect(states.get('2')).toMatchObject({ source: CUE2, target: TRANSLATOR[0], state: 'needs-review' });
    const offered = `<alt-trans alttranstype="previous-version" origin="subloc-reviewed"><target xml:lang="en-US">${TRANSLATOR.join(' ')}</target></alt-trans>`;
    expect(readFileSync(xlf, 'utf8')).toContain(offered);
    expect(readFileSync(xlf.replace(/\.xlf$/, '.review.html'), 'utf8')).toContain(TRANSLATOR.join(' '));
  });
});

describe('a cue cut from a sentence the translator approved in the review XLIFF in place', () => {
  it('is no edit the run must refuse: the sentence is kept for its old text and offered beside cue 2 in the rewritten file, and said', async () => {
    const dir = tempDir();
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    expect((await cli(['localize', '--config', 'subloc.config.json', '--target', 'en-US'], dir)).code).toBe(0);
    const xlf = join(dir, 'out/hotline-beijing/en-US/hotline-beijing.en-US.xlf');
    writeFileSync(xlf, approve(approve(readFileSync(xlf, 'utf8'), '2', TRANSLATOR[0]!), '3', TRANSLATOR[1]!));
    writeFileSync(join(dir, SRT), renumbered(CUTS.cut(readFileSync(join(dir, SRT), 'utf8'))));
    const r = await cli(['localize', '--config', 'subloc.config.json', '--target', 'en-US'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('[review/sentence-changed]');
    expect(r.stderr).not.toMatch(/\d+ units? imported/);
    const written = readFileSync(xlf, 'utf8');
    expect(written).toContain(`<target xml:lang="en-US">${TRANSLATOR.join(' ')}</target></alt-trans>`);
    expect(readXliff(written, 'en-US.xlf').cues.find((c) => c.id === '2')).toMatchObject({ target: TRANSLATOR[0], state: 'needs-review' });
  });
});
