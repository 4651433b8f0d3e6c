import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { localizeSample } from '../helpers/localize-sample.js';

const root = resolve(import.meta.dirname, '../..');
const config = join(root, 'subloc.config.json');

describe('review import of the run folder’s own track, with an edit it must leave out', () => {
  it('says that localize will still refuse the file, and localize says where such an edit can be made', async () => {
    const { work, memory } = await localizeSample('out', '--target', 'fr-FR');
    const track = join(work, 'out/hotline-beijing/fr-FR/hotline-beijing.fr-FR.srt');
    const blocks = readFileSync(track, 'utf8').trim().split('\n\n');
    // Cue 5 split in two by the translator: a split is reported and left out, never guessed onto a neighbour.
    const [number, timing, ...lines] = blocks[4]!.split('\n');
    const [from, to] = timing!.split(' --> ');
    const half = `${from!.slice(0, 6)}${String(Number(from!.slice(6, 8)) + 1).padStart(2, '0')}${from!.slice(8)}`;
    blocks[4] = [number, `${from} --> ${half}`, lines[0], '', number, `${half} --> ${to}`, lines.slice(1).join('\n') || 'suite'].join('\n');
    writeFileSync(track, `${blocks.join('\n\n')}\n`);
    const args = ['--config', config, '--memory', memory, '--out', join(work, 'out')];
    const imported = await cli(['review', 'import', track, '--reviewer', 'Lucie', ...args], root);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('localize will still refuse to write over it: make those cues\' changes in the studio (subloc review serve) or the XLIFF');
    const again = await cli(['localize', '--target', 'fr-FR', ...args], root);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('edits the import leaves out are made in the studio (`subloc review serve`) or the XLIFF, and the file moved away');
  }, 120_000);
});
