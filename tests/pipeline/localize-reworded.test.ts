import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/pipeline/report.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { cli } from '../helpers/cli.js';
import { deeplPerTest } from '../helpers/deepl-fixture.js';
import { approve } from '../helpers/xliff-approve.js';

const root = resolve(import.meta.dirname, '../..');
const APPROVED = 'Au plus étroit, la ruelle fait trois mètres.';
const OLD = '胡同最窄的地方';
const NEW = '这条胡同最窄处';

describe('a cue reworded after its translation was approved, localized again and again with DeepL', () => {
  const fixture = deeplPerTest('reworded-key:fx');
  const srt = () => join(fixture.dir, 'hotline-beijing.zh-Hans.srt');
  const folder = () => join(fixture.dir, 'out/hotline-beijing/fr-FR');
  const xlf = () => join(folder(), 'hotline-beijing.fr-FR.xlf');
  const memory = () => join(fixture.dir, 'memory.sqlite');
  const localize = async () => {
    const r = await cli(['localize', '--input', srt(), '--target', 'fr-FR', '--formats', 'srt', '--out', join(fixture.dir, 'out'), '--memory', memory(), '--glossary', join(root, 'glossary.json'), '--json'], fixture.dir, fixture.env);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as RunReport).languages[0]!;
  };
  const importReview = async (xliff: string) => {
    writeFileSync(join(fixture.dir, 'returned.fr-FR.xlf'), xliff);
    const r = await cli(['review', 'import', join(fixture.dir, 'returned.fr-FR.xlf'), '--input', srt(), '--reviewer', 'Camille', '--memory', memory()], fixture.dir, fixture.env);
    expect(r.code, r.stderr).toBe(0);
  };
  /** What the review package shows of cue 9: its XLIFF trans-unit, and in the HTML sheet its state and the translation offered beside it. */
  const cue9 = () => {
    const xliff = readFileSync(xlf(), 'utf8');
    const html = readFileSync(join(folder(), 'hotline-beijing.fr-FR.review.html'), 'utf8');
    const row = /<tr [^>]*data-cue-id="9"[\s\S]*?<\/tr>/.exec(html)![0];
    return {
      state: readXliff(xliff, 'fr-FR.xlf').cues.find((c) => c.id === '9')!.state,
      unit: /<trans-unit id="9"[\s\S]*?<\/trans-unit>/.exec(xliff)![0],
      sheetState: /data-state="([^"]+)"/.exec(row)![1],
      offered: /<div class="suggestion">[\s\S]*?<\/div>/.exec(row)?.[0],
    };
  };

  it('offers the approved translation beside the machine draft on every run until the draft is reviewed, billing the draft once', async () => {
    copyFileSync(join(root, 'subtitles/hotline-beijing.zh-Hans.srt'), srt());
    await localize();
    await importReview(approve(readFileSync(xlf(), 'utf8'), '9', APPROVED));
    writeFileSync(srt(), readFileSync(srt(), 'utf8').replace(OLD, NEW));

    fixture.deepl.reset();
    const first = await localize();
    expect(fixture.deepl.state.texts).toBe(1);
    const reworded = cue9();
    expect(reworded).toMatchObject({ state: 'needs-review', sheetState: 'needs-review' });
    expect(reworded.unit).toContain(`<alt-trans alttranstype="previous-version" origin="subloc-reviewed"><target xml:lang="fr-FR">${APPROVED}</target></alt-trans>`);
    expect(reworded.offered).toContain(APPROVED);
    expect(first.needsReview).toBe(1);

    // The draft is the exact entry now: found in the memory, not billed, and the approved translation still beside it.
    for (let run = 0; run < 2; run++) {
      fixture.deepl.reset();
      const again = await localize();
      expect(fixture.deepl.state.texts).toBe(0);
      expect(again.billedCharacters).toBe(0);
      expect(again.origins['9']).toBe('memory-exact');
      expect(cue9()).toEqual(reworded);
      expect(again.needsReview).toBe(1);
    }

    // Once the reviewer confirms the new draft, nothing is offered beside it.
    const draft = readXliff(readFileSync(xlf(), 'utf8'), 'fr-FR.xlf').cues.find((c) => c.id === '9')!.target!;
    await importReview(approve(readFileSync(xlf(), 'utf8'), '9', draft));
    const confirmed = await localize();
    expect(cue9()).toMatchObject({ state: 'approved', sheetState: 'approved', offered: undefined });
    expect(cue9().unit).not.toContain('<alt-trans');
    expect(confirmed.needsReview).toBe(0);
  });
});
