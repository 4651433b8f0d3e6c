import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { openMemory } from '../../src/memory/sqlite.js';
import { lineText } from '../../src/model/spans.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');

/** The sample as a user has it: config, source track, TMX and glossary in one folder. */
function sampleProject(): string {
  const dir = tempDir('subloc-sample-');
  for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
  return dir;
}

describe('re-importing the config’s TMX keeps a reviewer’s signed-off edits', () => {
  const TMX = 'subtitles/tm/hotline-beijing.fr-FR.tmx';
  const SOURCE = ['北京，早上七点。'];
  const EDIT = 'Pékin, sept heures : la ville s’éveille.';

  it.each([
    ['undated, as many CAT tools export it', (tmx: string) => tmx.replace(/ (creation|change)date="[^"]*"/g, '')],
    ['dated before the review', (tmx: string) => tmx.replace(/date="\d{8}T\d{6}Z"/g, 'date="20200101T000000Z"')],
    ['dated after the review', (tmx: string) => tmx.replace(/date="\d{8}T\d{6}Z"/g, 'date="20991231T000000Z"')],
  ])('with a TMX %s', async (_, redate) => {
    const dir = sampleProject();
    writeFileSync(join(dir, TMX), redate(readFileSync(join(dir, TMX), 'utf8')));
    const localize = async () => {
      const r = await cli(['localize', '--config', 'subloc.config.json', '--target', 'fr-FR', '--json'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as RunReport;
    };
    const xlf = join(dir, 'out/hotline-beijing/fr-FR/hotline-beijing.fr-FR.xlf');
    await localize();

    // The TMX's reviewed translation of cue 1 is in the review file; the reviewer rewrites it and signs it off.
    const xliff = readFileSync(xlf, 'utf8');
    const unit = /(<trans-unit id="1"[^>]*>[\s\S]*?)<target[^>]*>[\s\S]*?<\/target>/;
    expect(xliff).toMatch(unit);
    writeFileSync(join(dir, 'returned.fr-FR.xlf'), xliff.replace(unit, `$1<target state="signed-off">${EDIT}</target>`));
    const imported = await cli(['review', 'import', 'returned.fr-FR.xlf', '--reviewer', 'Camille'], dir);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('1 unit imported (0 approved, 1 reviewed)');

    const again = await localize();
    expect(again.imported.find((i) => i.file.endsWith('fr-FR.tmx'))?.kept).toBeGreaterThanOrEqual(1);
    const memory = openMemory(join(dir, '.subloc/memory.sqlite'));
    expect(memory.exact(SOURCE, { source: 'zh-Hans', target: 'fr-FR' }, '')).toMatchObject({ target: [EDIT], status: 'reviewed', reviewer: 'Camille', byReviewer: true });
    memory.close();
    const track = parse(readFileSync(join(dir, 'out/hotline-beijing/fr-FR/hotline-beijing.fr-FR.srt'))).track;
    expect(track.cues[0]?.lines.map(lineText).join(' ')).toBe(EDIT);
    const cue = readXliff(readFileSync(xlf, 'utf8'), 'fr-FR.xlf').cues.find((c) => c.id === '1');
    expect(cue).toMatchObject({ target: EDIT, state: 'reviewed' });
  });
});
