import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { lineText } from '../../src/model/spans.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { cli, tempDir } from '../helpers/cli.js';
import { start, type FakeDeepL } from '../helpers/deepl-server.js';
import { approve } from '../helpers/xliff-approve.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = 'round-trip-key:fx';

describe('the review round trip: localize, review in XLIFF, import, change the source, localize again', () => {
  let deepl: FakeDeepL;
  let dir: string;
  let env: Record<string, string>;
  const srt = () => join(dir, 'hotline-beijing.zh-Hans.srt');
  const xlf = () => join(dir, 'out/hotline-beijing/fr-FR/hotline-beijing.fr-FR.xlf');
  const localize = async () => {
    const r = await cli(['localize', '--input', srt(), '--target', 'fr-FR', '--formats', 'srt', '--out', join(dir, 'out'), '--memory', join(dir, 'memory.sqlite'), '--glossary', join(root, 'glossary.json'), '--json'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as RunReport;
  };

  beforeAll(async () => {
    deepl = await start({ authKey: KEY });
    dir = tempDir();
    env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
    copyFileSync(join(root, 'subtitles/hotline-beijing.zh-Hans.srt'), srt());
  });
  afterAll(() => deepl.stop());

  it('keeps approved edits, bills only the changed unit, and marks it for review', async () => {
    const first = await localize();
    expect(first.languages[0]).toMatchObject({ machine: 112, untranslated: 0 });

    // A translator edits and approves three single-cue units (1, 4 and 9).
    let xliff = readFileSync(xlf(), 'utf8');
    const edits: Record<string, string> = { '1': 'Pékin, sept heures du matin.', '4': 'Allô, ici le 12345, que puis-je pour vous ?', '9': 'Au plus étroit, la ruelle fait trois mètres.' };
    for (const [id, text] of Object.entries(edits)) xliff = approve(xliff, id, text);
    const returned = join(dir, 'returned.fr-FR.xlf');
    writeFileSync(returned, xliff);

    const imported = await cli(['review', 'import', returned, '--input', srt(), '--reviewer', 'Camille', '--memory', join(dir, 'memory.sqlite')], dir, env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('3 units imported (3 approved');
    // Importing the same file again changes nothing.
    const again = await cli(['review', 'import', returned, '--input', srt(), '--reviewer', 'Camille', '--memory', join(dir, 'memory.sqlite')], dir, env);
    expect(again.stdout).toContain('0 units imported');

    // The director changes the wording of two source cues: cue 10 (a machine draft) and cue 9 (just approved).
    const original = readFileSync(srt(), 'utf8');
    const changed = original.replace('两边停满了车，', '两边全是车，').replace('胡同最窄的地方', '这条胡同最窄处');
    expect(changed).not.toBe(original);
    writeFileSync(srt(), changed);

    deepl.reset();
    const second = await localize();
    // Only the two changed units were sent and billed.
    expect(deepl.state.texts).toBe(2);
    expect(second.languages[0]!.billedCharacters).toBe(deepl.state.billedCharacters);
    expect(second.languages[0]!.billedCharacters).toBeGreaterThan(0);

    const track = parse(readFileSync(join(dir, 'out/hotline-beijing/fr-FR/hotline-beijing.fr-FR.srt'))).track;
    const text = (id: string) => track.cues.find((c) => c.id === id)!.lines.map(lineText).join(' ');
    expect(text('1')).toBe(edits['1']);
    expect(text('4')).toBe(edits['4']);
    expect(text('9')).not.toBe(edits['9']);

    const review = readXliff(readFileSync(xlf(), 'utf8'), 'fr-FR.xlf');
    const state = (id: string) => review.cues.find((c) => c.id === id)!.state;
    expect([state('1'), state('4')]).toEqual(['approved', 'approved']);
    // The approved cue whose source changed is drafted again, its old translation offered beside it.
    expect(state('9')).toBe('needs-review');
    expect(readFileSync(xlf(), 'utf8')).toContain(edits['9']);
    // The machine draft whose source changed is a new machine draft, marked for review like every draft.
    expect(state('10')).toBe('machine');
    expect(second.languages[0]!.needsReview).toBe(1);
  });

  it('refuses a file for another title, importing nothing', async () => {
    const foreign = readFileSync(xlf(), 'utf8').replace(/product-name="hotline-beijing"/, 'product-name="another-film"').replace(/original="hotline-beijing/, 'original="another-film');
    writeFileSync(join(dir, 'foreign.fr-FR.xlf'), approve(foreign, '2', 'Une autre ville.'));
    const r = await cli(['review', 'import', join(dir, 'foreign.fr-FR.xlf'), '--input', srt(), '--memory', join(dir, 'memory.sqlite')], dir, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was imported');
  });
});
