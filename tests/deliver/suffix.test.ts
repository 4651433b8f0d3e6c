import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formats } from '../../src/formats/index.js';
import { parse } from '../../src/formats/parse.js';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');

describe('file names from the format table', () => {
  it('gives every format its own suffix', () => {
    const suffixes = Object.values(formats).map((f) => f.suffix);
    expect(new Set(suffixes).size).toBe(suffixes.length);
    // No suffix ends another: a file name says its format.
    for (const a of suffixes) for (const b of suffixes) if (a !== b) expect(a.endsWith(`.${b}`), `${a} / ${b}`).toBe(false);
  });

  it('localize --formats ebu-tt-d,dcp-smpte,ttml writes three files, each read back as its format', async () => {
    const work = tempDir();
    const r = await cli(['localize', '--config', join(root, 'subloc.config.json'), '--target', 'en-US', '--formats', 'ebu-tt-d,dcp-smpte,ttml', '--out', work, '--memory', join(work, 'm.sqlite'), '--json'], root, {});
    expect(r.code, r.stderr).toBe(0);
    const folder = join(work, 'hotline-beijing', 'en-US');
    const tracks = readdirSync(folder).filter((n) => !/\.(xlf|review\.html|json)$/.test(n)).sort();
    expect(tracks).toEqual(['hotline-beijing.en-US.dcp-smpte.xml', 'hotline-beijing.en-US.ebu-tt-d.xml', 'hotline-beijing.en-US.imsc.ttml']);
    for (const [name, id] of [['hotline-beijing.en-US.dcp-smpte.xml', 'dcp-smpte'], ['hotline-beijing.en-US.ebu-tt-d.xml', 'ebu-tt-d'], ['hotline-beijing.en-US.imsc.ttml', 'ttml']] as const) {
      const parsed = parse(readFileSync(join(folder, name)), { fileName: name, format: id });
      expect(parsed.diagnostics.filter((d) => d.severity === 'error'), name).toEqual([]);
      expect(parsed.track.cues.length, name).toBeGreaterThan(100);
    }
  });
});
