import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const SRT = ['1', '00:00:01,000 --> 00:00:03,000', '北京，早上七点。', '', '2', '00:00:04,000 --> 00:00:06,000', '热线开通了。', ''].join('\n');

describe('localize with a track a writer refuses', () => {
  it('refuses DCP formats at a rate no DCP plays before drafting anything, as deliver does', async () => {
    const dir = tempDir('subloc-dcp-rate-');
    writeFileSync(join(dir, 'film.zh-Hans.srt'), SRT);
    const r = await cli(['localize', '--input', 'film.zh-Hans.srt', '--target', 'fr-FR', '--provider', 'pseudo', '--fps', '23.976', '--formats', 'srt,dcp-smpte'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('23.976 fps is not a rate dcp-smpte can be timed at');
    expect(r.stderr).toContain('nothing was drafted or written');
    expect(existsSync(join(dir, 'out/film/fr-FR'))).toBe(false);
    expect(existsSync(join(dir, 'out/film/run.json'))).toBe(false);
  });

  it('writes nothing of a language one of whose tracks the writer refuses, keeps what an earlier run wrote, and says why', async () => {
    const dir = tempDir('subloc-unwritable-');
    writeFileSync(join(dir, 'film.zh-Hans.srt'), SRT);
    const localize = () => cli(['localize', '--input', 'film.zh-Hans.srt', '--target', 'fr-FR', '--provider', 'pseudo', '--formats', 'srt,dcp-smpte', '--fps', '24'], dir);
    expect((await localize()).code).toBe(0);
    const folder = join(dir, 'out/film/fr-FR');
    const before = Object.fromEntries(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
    expect(before['film.fr-FR.dcp-smpte.xml']).toContain('<SubtitleReel');
    // The source now runs past 24:00:00:00, where DCP timecodes wrap: no DCP can hold cue 2.
    writeFileSync(join(dir, 'film.zh-Hans.srt'), SRT.replace('00:00:04,000 --> 00:00:06,000', '23:59:59,000 --> 24:00:01,000'));
    const r = await localize();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cue 2: error: cue 2 ends at 24:00:01:00, at or past 24:00:00:00/);
    expect(r.stderr).toContain('nothing of fr-FR was written');
    expect(Object.fromEntries(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f), 'utf8')]))).toEqual(before);
    const run = JSON.parse(readFileSync(join(dir, 'out/film/run.json'), 'utf8')) as { refused: { language: string; code: string }[] };
    expect(run.refused).toMatchObject([{ language: 'fr-FR', code: 'WRITE_FAILED' }]);
  });
});
