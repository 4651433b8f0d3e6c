import { oneVersion } from '../helpers/versions.js';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import { draftLanguage } from '../../src/pipeline/draft-language.js';
import { MAX_SOURCE_BYTES, MAX_SOURCE_CUES } from '../../src/pipeline/read-source.js';
import { pseudo } from '../../src/translate/pseudo/index.js';
import type { Unit } from '../../src/model/unit.js';
import { cli, tempDir } from '../helpers/cli.js';

/** More than a spread call's arguments can hold on a default stack (about 120,000). */
const MANY = 200_000;

function srt(cues: number): string {
  const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23).replace('.', ',');
  const blocks: string[] = [];
  for (let i = 0; i < cues; i++) blocks.push(`${i + 1}\n${clock(i * 2000)} --> ${clock(i * 2000 + 1500)}\n第${i}句。\n`);
  return blocks.join('\n');
}

describe('a source track far larger than a film', () => {
  it('drafts 200,000 units in one language without overflowing the stack', async () => {
    const units: Unit[] = Array.from({ length: MANY }, (_, i) => ({ id: String(i + 1), cueIds: [String(i + 1)], source: [`第${i}句。`] }));
    const memory = openMemory(':memory:');
    try {
      const result = await draftLanguage({ units, pair: { source: 'zh-Hans', target: 'fr-FR' }, memory, versions: oneVersion(''), translator: pseudo, onProgress: () => {} });
      expect(result.drafts).toHaveLength(MANY);
      expect(result.drafts[MANY - 1]).toMatchObject({ unitId: String(MANY), origin: 'pseudo' });
    } finally {
      await memory.close();
    }
  }, 60_000);

  it('refuses a track with more cues than subloc localizes, saying how many and what to do', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'long.zh-Hans.srt'), srt(MAX_SOURCE_CUES + 1));
    const r = await cli(['localize', '--input', 'long.zh-Hans.srt', '--target', 'fr-FR', '--provider', 'pseudo', '--out', 'out', '--memory', ':memory:'], dir, {});
    expect(r.stderr).toContain(`long.zh-Hans.srt has ${(MAX_SOURCE_CUES + 1).toLocaleString('en')} cues; expected at most ${MAX_SOURCE_CUES.toLocaleString('en')}`);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(1);
  }, 60_000);

  it('refuses a source file larger than any subtitle track before reading it', async () => {
    const dir = tempDir();
    // Sparse: the size is on record, no bytes are written.
    writeFileSync(join(dir, 'huge.zh-Hans.srt'), '');
    truncateSync(join(dir, 'huge.zh-Hans.srt'), MAX_SOURCE_BYTES + 1);
    for (const argv of [
      ['localize', '--input', 'huge.zh-Hans.srt', '--target', 'fr-FR', '--provider', 'pseudo', '--out', 'out', '--memory', ':memory:'],
      ['deliver', '--input', 'huge.zh-Hans.srt', '--language', 'fr-FR', '--out', 'out', '--memory', ':memory:'],
    ]) {
      const r = await cli(argv, dir, {});
      expect(r.stderr).toContain(`huge.zh-Hans.srt is ${Math.round((MAX_SOURCE_BYTES + 1) / 1048576)} MiB; expected a subtitle track under ${MAX_SOURCE_BYTES / 1048576} MiB`);
      expect(r.code).toBe(1);
    }
  });
});
