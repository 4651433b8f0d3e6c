import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const config = join(root, 'subloc.config.json');

describe('localize and a long title', () => {
  const run = (out: string, title: string) => cli(['localize', '--config', config, '--out', out, '--memory', join(out, 'memory.sqlite'), '--target', 'en-US', '--title', title], root, {});

  it('writes every file of a title whose names fit in 255 bytes (the longest deliver takes)', async () => {
    const out = tempDir();
    const title = 't'.repeat(233);
    const r = await run(out, title);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, title, 'en-US')).filter((name) => name.startsWith(title)).sort()).toEqual(['imsc.ttml', 'review.html', 'srt', 'vtt', 'xlf'].map((s) => `${title}.en-US.${s}`));
  });

  it('refuses one whose file names would pass 255 bytes before it makes any folder, in the words deliver uses', async () => {
    const out = tempDir();
    const r = await run(out, '字'.repeat(84));
    expect(r.code).toBe(2);
    // `<title>.en-US.review.html`: 18 bytes beside the title's 252.
    expect(r.stderr).toContain('makes file names of 270 bytes');
    expect(r.stderr).toContain('expected at most 255: shorten the title by 15 bytes (--title or `title` in the config)');
    expect(existsSync(join(out, '字'.repeat(84)))).toBe(false);
  });
});
