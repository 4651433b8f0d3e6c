import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localize } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { tempDir } from '../helpers/cli.js';
import { start, type FakeDeepL } from '../helpers/deepl-server.js';
import { assertValid } from '../helpers/schemas.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = 'machine-memory:fx';
let deepl: FakeDeepL | undefined;

afterEach(async () => {
  await deepl?.stop();
  deepl = undefined;
});

/** The sample, to be localized into French by DeepL on loopback, in a folder of its own. */
async function sample() {
  deepl = await start({ authKey: KEY });
  const dir = tempDir('subloc-machine-memory-');
  const input = join(dir, 'film.zh-Hans.srt');
  writeFileSync(input, readFileSync(join(root, 'subtitles/hotline-beijing.zh-Hans.srt')));
  const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
  const options = () => resolveLocalizeOptions({ input, targets: ['fr-FR'], provider: 'deepl', formats: ['srt'], out: join(dir, 'out'), memory: join(dir, 'memory.sqlite') }, dir, env);
  const folder = join(dir, 'out/film/fr-FR');
  const written = () => {
    const xliff = readFileSync(join(folder, 'film.fr-FR.xlf'), 'utf8');
    const sheet = readFileSync(join(folder, 'film.fr-FR.review.html'), 'utf8');
    return {
      xliff,
      transUnit: (id: string) => new RegExp(`<trans-unit id="${id}"[^]*?</trans-unit>`).exec(xliff)?.[0] ?? '',
      row: (id: string) => new RegExp(`<tr [^>]*data-cue-id="${id}"[^]*?</tr>`).exec(sheet)?.[0] ?? '',
      json: JSON.parse(readFileSync(join(dir, 'out/film/run.json'), 'utf8')) as RunReport,
    };
  };
  return { dir, env, options, written, server: deepl };
}

describe('a machine draft an earlier run stored in the memory', () => {
  it('comes back on the next run as the machine’s draft from the memory, billed nothing, never as an exact match a CAT tool would pass over', async () => {
    const { env, options, written, server } = await sample();
    const first = await localize(await options(), { env });
    const cues = first.languages[0]!.cues;
    expect(first.languages[0]!.machine).toBe(cues);
    server.reset();

    const second = await localize(await options(), { env });
    expect(server.state.billedCharacters).toBe(0);
    const language = second.languages[0]!;
    // Where the text came from this run: the memory, nothing billed; of that, how much is a machine's unchecked draft.
    expect(language).toMatchObject({ fromMemory: cues, machineFromMemory: cues, machine: 0, billedCharacters: 0 });
    expect(new Set(Object.values(language.origins))).toEqual(new Set(['memory-exact']));
    expect(second.totals).toMatchObject({ fromMemory: cues, machineFromMemory: cues, machine: 0, billedCharacters: 0 });

    const { xliff, transUnit, row, json } = written();
    assertValid(xliff, 'xliff-1.2', 'film.fr-FR.xlf');
    expect(json.languages[0]).toMatchObject({ fromMemory: cues, machineFromMemory: cues, origins: language.origins });
    expect(xliff).not.toContain('exact-match');
    expect(xliff).not.toContain('exact match from the translation memory');
    expect(transUnit('1')).toMatch(/<target state="needs-review-translation" state-qualifier="mt-suggestion">[^<]+<\/target>/);
    expect(transUnit('1')).toContain('<note from="subloc" priority="3">machine draft (deepl), from the memory, not checked yet</note>');
    // Read back, each is an unchecked machine draft, and subloc's note none of the translator's comments, also from a tool that drops `from`.
    expect(readXliff(xliff, 'film.fr-FR.xlf').cues.filter((c) => c.state !== 'machine' || c.comment !== undefined)).toEqual([]);
    expect(readXliff(xliff.replaceAll(' from="subloc"', ''), 'film.fr-FR.xlf').cues.filter((c) => c.comment !== undefined)).toEqual([]);
    expect(row('1')).toContain('data-state="machine"');
    expect(row('1')).toContain('<span class="provider">from deepl (memory)</span>');
  }, 60_000);

  it('stays the machine’s, cue by cue, when a reviewer confirms another cue of its sentence in the studio; the confirmed cue is the reviewer’s', async () => {
    const { env, options, written } = await sample();
    await localize(await options(), { env });
    const studio = await openReviewSession({ localize: await options(), languages: ['fr-FR'], reviewer: 'Camille' });
    let pair: [string, string];
    try {
      const shown = (await studio.track('fr-FR'))!;
      const [a, b] = shown.filter((c, i) => shown[i + 1]?.unitId === c.unitId || shown[i - 1]?.unitId === c.unitId);
      pair = [a!.id, b!.id];
      expect([a!.origin, b!.origin]).toEqual(['machine', 'machine']);
      expect((await studio.save('fr-FR', a!.id, { state: 'reviewed', revision: a!.revision })).outcome).toBe('saved');
      const after = (await studio.track('fr-FR'))!;
      expect(after.filter((c) => pair.includes(c.id)).map((c) => [c.state, c.origin])).toEqual([
        ['reviewed', 'reviewed'],
        ['draft', 'machine'],
      ]);
    } finally {
      await studio.close();
    }

    const report = await localize(await options(), { env });
    const [reviewed, machine] = pair;
    expect(report.languages[0]).toMatchObject({ billedCharacters: 0, machineFromMemory: report.languages[0]!.cues - 1 });
    const { transUnit, row } = written();
    expect(transUnit(reviewed)).toContain('<target state="signed-off"');
    expect(transUnit(reviewed)).toContain('reviewed by Camille');
    expect(transUnit(machine)).toContain('state-qualifier="mt-suggestion"');
    expect(transUnit(machine)).toContain('machine draft (deepl), from the memory, not checked yet');
    expect(row(reviewed)).toContain('<span class="provider">by Camille</span>');
    expect(row(machine)).toContain('<span class="provider">from deepl (memory)</span>');
  }, 60_000);
});
