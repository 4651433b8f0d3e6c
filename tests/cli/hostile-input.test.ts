import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess, tempDir } from '../helpers/cli.js';
import { filmFolder } from '../helpers/film-folder.js';
import { SAMPLE_SOURCE, sampleXliff } from '../helpers/sample-xliff.js';
import { storedEntries } from '../helpers/stored-entries.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** `bytes` cut just after the lead byte of the first multi-byte UTF-8 character past the middle. */
function cutMidCharacter(bytes: Buffer): Buffer {
  let at = bytes.length >> 1;
  while (at < bytes.length && bytes[at]! < 0xc0) at++;
  return bytes.subarray(0, at + 1);
}

/** What every refusal of a damaged file looks like from the real executable. */
function expectRefusal(r: { code: number; stderr: string }, file: string): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+`));
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

/**
 * Damaged real files at each door of the CLI: exit 1, the file and line named,
 * no stack trace, nothing half written, and approved translations kept.
 */
describe('damaged input at the command line', () => {
  it('convert refuses a TTML file with a 400-digit time (it hung before), writing nothing', () => {
    const dir = tempDir('subloc-hostile-');
    const ttml = readFileSync(resolve(ROOT, '../shared/corpus/tkarabela-pysubs2/ttml_example.ttml'), 'utf8').replace('begin="0.76s"', `begin="${'9'.repeat(400)}s"`);
    expect(ttml).toContain('9'.repeat(400));
    writeFileSync(join(dir, 'damaged.ttml'), ttml);
    const r = cliProcess(['convert', 'damaged.ttml', '-o', 'damaged.srt'], dir);
    expectRefusal(r, 'damaged.ttml');
    expect(r.stderr).toContain('is not a TTML time expression');
    expect(readdirSync(dir)).toEqual(['damaged.ttml']);
  });

  it('localize refuses the sample cut mid-character with a reversed timing, writing no track and no memory', () => {
    const dir = tempDir('subloc-hostile-');
    for (const f of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
    const source = readFileSync(SAMPLE_SOURCE, 'latin1').replace('00:00:07,500 --> 00:00:08,958', '00:00:08,958 --> 00:00:07,500');
    writeFileSync(join(dir, 'subtitles/hotline-beijing.zh-Hans.srt'), cutMidCharacter(Buffer.from(source, 'latin1')));
    const r = cliProcess(['localize', '--config', 'subloc.config.json', '--provider', 'offline'], dir);
    expectRefusal(r, 'hotline-beijing.zh-Hans.srt');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(dir, '.subloc'))).toBe(false);
  });

  it('review import refuses an XLIFF cut mid-character, and the approved entries stay as they were', async () => {
    const dir = await filmFolder('subloc-hostile-', readFileSync(SAMPLE_SOURCE, 'utf8'));
    const approved = sampleXliff('approved');
    writeFileSync(join(dir, 'review.xlf'), approved);
    expect((await cli(['review', 'import', 'review.xlf', '--reviewer', 'Anna'], dir)).code).toBe(0);
    const memory = join(dir, '.subloc/memory.sqlite');
    const before = await storedEntries(memory);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((e) => e.status === 'approved')).toBe(true);

    writeFileSync(join(dir, 'damaged.xlf'), cutMidCharacter(Buffer.from(approved.replaceAll('EN ', 'Changed '))));
    const r = cliProcess(['review', 'import', 'damaged.xlf', '--language', 'en-US', '--reviewer', 'Bo'], dir);
    expectRefusal(r, 'damaged.xlf');
    expect(await storedEntries(memory)).toEqual(before);
  });

  it('memory import refuses a TMX cut mid-character, making no memory', () => {
    const dir = tempDir('subloc-hostile-');
    writeFileSync(join(dir, 'damaged.tmx'), cutMidCharacter(readFileSync(join(ROOT, 'subtitles/tm/hotline-beijing.en-US.tmx'))));
    const r = cliProcess(['memory', 'import', 'damaged.tmx', '--memory', 'm.sqlite'], dir);
    expectRefusal(r, 'damaged.tmx');
    expect(existsSync(join(dir, 'm.sqlite'))).toBe(false);
  });
});
