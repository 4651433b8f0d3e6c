import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { exportTmx } from '../../src/memory/tmx.js';
import { lineText } from '../../src/model/spans.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { segment } from '../../src/translate/segment.js';
import { cli, tempDir } from '../helpers/cli.js';
import { start, type FakeDeepL } from '../helpers/deepl-server.js';
import { emptyMemory } from '../helpers/film-folder.js';
import { storedEntries } from '../helpers/stored-entries.js';
import { approve } from '../helpers/xliff-approve.js';

/** Renumbered by hand, as real files are: 1, 2, 2, 3, 3, 7. The second `2` and the first `3` form one sentence. */
const SOURCE = `1
00:00:01,000 --> 00:00:02,000
Good morning.

2
00:00:03,000 --> 00:00:04,000
Hello.

2
00:00:04,100 --> 00:00:05,000
The hotline opens

3
00:00:05,100 --> 00:00:06,000
at seven every day.

3
00:00:08,000 --> 00:00:09,000
Everyone calls.

7
00:00:10,000 --> 00:00:11,000
Even the mayor.
`;

const FRENCH = ['Bonjour.', 'Allô.', 'La ligne ouvre', 'à sept heures chaque jour.', 'Tout le monde appelle.', 'Même le maire.'];
const KEY = 'repeated-numbers-key:fx';
const source = parse(SOURCE, { language: 'en-US' }).track;

/** The text of each cue of a written track, in order, lines joined. */
function texts(path: string): string[] {
  return parse(readFileSync(path)).track.cues.map((c) => c.lines.map(lineText).join(' '));
}

/** Undoes the pseudo provider: its brackets, accents and padding. */
function unpseudo(text: string): string {
  const plain = text.replace(/^\[fr-FR /, '').replace(/·*\]$/, '');
  return plain.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ð/g, 'd');
}

describe('localize and review a source whose cue numbers repeat (1, 2, 2, 3, 3, 7)', () => {
  let deepl: FakeDeepL;
  let dir: string;
  let env: Record<string, string>;
  const input = () => join(dir, 'hotline.en-US.srt');
  const outFile = (ext: string) => join(dir, 'out/hotline/fr-FR', `hotline.fr-FR.${ext}`);
  const localize = async (provider: string, ...extra: string[]) => {
    const r = await cli(['localize', '--input', input(), '--source', 'en-US', '--title', 'hotline', '--target', 'fr-FR', '--provider', provider, '--formats', 'srt', '--out', join(dir, 'out'), '--memory', join(dir, 'memory.sqlite'), '--json', ...extra], dir, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as RunReport;
  };
  const reviewImport = (file: string) => cli(['review', 'import', file, '--input', input(), '--source', 'en-US', '--title', 'hotline', '--reviewer', 'Camille', '--memory', join(dir, 'memory.sqlite')], dir, env);
  const memory = () => storedEntries(join(dir, 'memory.sqlite'));

  beforeAll(async () => {
    deepl = await start({ authKey: KEY });
  });
  afterAll(() => deepl.stop());
  beforeEach(() => {
    dir = tempDir();
    env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
    writeFileSync(input(), SOURCE);
  });

  it('reads every cue with an id of its own, and warns about each repeated number', async () => {
    expect(source.cues.map((c) => c.id)).toEqual(['1', '2', '2~2', '3', '3~2', '7']);
    const repeats = parse(SOURCE).diagnostics.filter((d) => d.code === 'srt/repeated-number');
    expect(repeats.map((d) => [d.line, d.cueId])).toEqual([[9, '2~2'], [17, '3~2']]);
  });

  it('offline, from a TMX holding every cue: each cue gets its own translation, none lost, none on two cues', async () => {
    let k = 0;
    const entries = segment(source).map((u) => ({
      sourceLang: 'en-US',
      targetLang: 'fr-FR',
      source: u.source,
      target: u.source.map(() => FRENCH[k++]!),
      glossaryVersion: '',
      provider: 'tmx',
      status: 'approved' as const,
      updatedAt: '2026-11-28T12:00:00.000Z',
    }));
    writeFileSync(join(dir, 'fr.tmx'), exportTmx(entries, { srcLang: 'en-US' }));
    const report = await localize('offline', '--tmx', join(dir, 'fr.tmx'));
    expect(report.languages[0]).toMatchObject({ cues: 6, drafted: 6, fromMemory: 6, untranslated: 0 });
    expect(texts(outFile('srt'))).toEqual(FRENCH);
  });

  it('pseudo: each cue carries the pseudo form of its own text', async () => {
    const report = await localize('pseudo');
    expect(report.languages[0]).toMatchObject({ cues: 6, drafted: 6, untranslated: 0 });
    expect(texts(outFile('srt')).map(unpseudo)).toEqual(source.cues.map((c) => c.lines.map(lineText).join(' ')));
  });

  it('DeepL: stores every draft, each cue gets its own, and the XLIFF has one unit per cue, ids unique', async () => {
    // Each cue's own text, whole: drafts aimed at the budget would be cut.
    const report = await localize('deepl', '--no-condense');
    expect(report.languages[0]).toMatchObject({ cues: 6, drafted: 6, machine: 6, untranslated: 0 });
    // The loopback server translates by upper-casing, after a `[FR] ` at the start of each text (unit).
    expect(texts(outFile('srt')).map((t) => t.replace(/^\[FR\] /, ''))).toEqual(source.cues.map((c) => c.lines.map(lineText).join(' ').toUpperCase()));
    expect((await memory())).toHaveLength(segment(source).length);
    const ids = readXliff(readFileSync(outFile('xlf'), 'utf8'), 'fr.xlf').cues.map((c) => c.id);
    expect(ids).toEqual(['1', '2', '2~2', '3', '3~2', '7']);
  });

  it('imports a reviewed XLIFF back onto the right cues: edits of both cues numbered 2 stay apart', async () => {
    await localize('pseudo');
    let xliff = readFileSync(outFile('xlf'), 'utf8');
    // Cue `2` is a unit of its own; cue `2~2` shares its unit with cue `3`, which is approved too.
    xliff = approve(xliff, '2', 'Allô.');
    xliff = approve(xliff, '2~2', 'La ligne ouvre');
    xliff = approve(xliff, '3', 'à sept heures chaque jour.');
    writeFileSync(join(dir, 'returned.fr-FR.xlf'), xliff);
    const imported = await reviewImport(join(dir, 'returned.fr-FR.xlf'));
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('2 units imported (2 approved');

    await localize('pseudo');
    const written = texts(outFile('srt'));
    expect(written.slice(1, 4)).toEqual(['Allô.', 'La ligne ouvre', 'à sept heures chaque jour.']);
    expect(unpseudo(written[0]!)).toBe('Good morning.');
    expect(unpseudo(written[4]!)).toBe('Everyone calls.');
  });

  it('delivers the approved translations, each on its own cue', async () => {
    await localize('pseudo');
    const ids = ['1', '2', '2~2', '3', '3~2', '7'];
    const xliff = ids.reduce((x, id, k) => approve(x, id, FRENCH[k]!), readFileSync(outFile('xlf'), 'utf8'));
    writeFileSync(join(dir, 'returned.fr-FR.xlf'), xliff);
    expect((await reviewImport(join(dir, 'returned.fr-FR.xlf'))).code).toBe(0);
    const delivered = await cli(['deliver', '--input', input(), '--source', 'en-US', '--title', 'hotline', '--language', 'fr-FR', '--formats', 'srt', '--fps', '25', '--out', join(dir, 'festival'), '--memory', join(dir, 'memory.sqlite'), '--allow-qc-errors'], dir, env);
    expect(delivered.code, delivered.stderr).toBe(0);
    expect(texts(join(dir, 'festival/hotline/fr-FR/hotline.fr-FR.srt'))).toEqual(FRENCH);
  });

  it('imports an edited SRT that keeps the repeated numbers, aligned by timing, each edit on its own cue', async () => {
    const edited = SOURCE.replace('Hello.', 'Allô.').replace('Everyone calls.', 'Tout le monde appelle.');
    writeFileSync(join(dir, 'hotline.fr-FR.srt'), edited);
    await emptyMemory(join(dir, 'memory.sqlite'));
    const imported = await reviewImport(join(dir, 'hotline.fr-FR.srt'));
    expect(imported.code).toBe(0);
    const byTarget = new Map((await memory()).map((e) => [e.source.join('|'), e.target.join('|')]));
    expect(byTarget.get('Hello.')).toBe('Allô.');
    expect(byTarget.get('Everyone calls.')).toBe('Tout le monde appelle.');
    expect(byTarget.get('The hotline opens|at seven every day.')).toBe('The hotline opens|at seven every day.');
  });
});
