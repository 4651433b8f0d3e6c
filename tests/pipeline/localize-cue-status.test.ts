import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { openMemory } from '../../src/memory/sqlite.js';
import { lineText } from '../../src/model/spans.js';
import { reviewerEntry } from '../../src/pipeline/cue-change.js';
import { localize } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { readSourceTrack } from '../../src/pipeline/read-source.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { segment } from '../../src/translate/segment.js';
import { tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');

describe('a reviewer’s decisions cue by cue, as the review studio stores them', () => {
  it('reach the next localize: each cue’s text and state in the track and the XLIFF, its comment in the XLIFF notes', async () => {
    const dir = tempDir('subloc-cue-status-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: ['fr-FR'], provider: 'offline' }, dir, {});
    await localize(options);

    const units = segment((await readSourceTrack(options)).track);
    const unit = units.find((u) => u.cueIds.length === 2)!;
    const memory = openMemory(options.memory);
    const put = await memory.put([
      reviewerEntry(
        unit,
        { texts: ['Première partie,', 'seconde <partie>.'], states: ['approved', 'reviewed'], comments: ['Nom à vérifier & <confirmer>', ''] },
        { pair: { source: 'zh-Hans', target: 'fr-FR' }, reviewer: 'Camille', now: new Date().toISOString() },
      ),
    ]);
    await memory.close();
    expect(put.written).toBe(1);

    await localize(options);
    const folder = join(dir, 'out/hotline-beijing/fr-FR');
    const track = parse(readFileSync(join(folder, 'hotline-beijing.fr-FR.srt'))).track;
    const text = (id: string) => track.cues.find((c) => c.id === id)?.lines.map(lineText).join(' ');
    expect(text(unit.cueIds[0]!)).toBe('Première partie,');
    expect(text(unit.cueIds[1]!)).toBe('seconde <partie>.');

    const xliff = readFileSync(join(folder, 'hotline-beijing.fr-FR.xlf'), 'utf8');
    const cues = readXliff(xliff, 'fr-FR.xlf').cues;
    expect(cues.find((c) => c.id === unit.cueIds[0])).toMatchObject({ state: 'approved' });
    expect(cues.find((c) => c.id === unit.cueIds[1])).toMatchObject({ state: 'reviewed' });
    const transUnit = (id: string) => new RegExp(`<trans-unit id="${id}"[^]*?</trans-unit>`).exec(xliff)?.[0] ?? '';
    expect(transUnit(unit.cueIds[0]!)).toContain('<note from="Camille" priority="1">Nom à vérifier &amp; &lt;confirmer&gt;</note>');
    expect(transUnit(unit.cueIds[1]!)).not.toContain('from="Camille"');
  });

  it('keep the state of a cue the reviewer decided when the provider fills the cue they left empty', async () => {
    const dir = tempDir('subloc-cue-status-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    // No reviewed TMX: the unit is the reviewer's alone.
    const config = JSON.parse(readFileSync(join(dir, 'subloc.config.json'), 'utf8')) as Record<string, unknown>;
    delete config['tmx'];
    writeFileSync(join(dir, 'subloc.config.json'), JSON.stringify(config));
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: ['fr-FR'], provider: 'pseudo' }, dir, {});
    const units = segment((await readSourceTrack(options)).track);
    const unit = units.find((u) => u.cueIds.length === 2)!;
    const memory = openMemory(options.memory);
    await memory.put([
      reviewerEntry(unit, { texts: ['Première partie,', ''], states: ['approved', 'draft'], comments: ['', ''] }, { pair: { source: 'zh-Hans', target: 'fr-FR' }, reviewer: 'Camille', now: new Date().toISOString() }),
    ]);
    await memory.close();

    await localize(options);
    const cues = readXliff(readFileSync(join(dir, 'out/hotline-beijing/fr-FR/hotline-beijing.fr-FR.xlf'), 'utf8'), 'fr-FR.xlf').cues;
    expect(cues.find((c) => c.id === unit.cueIds[0])).toMatchObject({ target: 'Première partie,', state: 'approved' });
    expect(cues.find((c) => c.id === unit.cueIds[1])).toMatchObject({ state: 'machine' });
  });
});
