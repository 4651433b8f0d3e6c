import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFolderAtomic } from '../../src/deliver/write-set.js';
import { tempDir } from '../helpers/cli.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) Object.assign(out, snapshot(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), 'base64');
  }
  return out;
}

describe('writeFolderAtomic', () => {
  it('writes a new folder, then replaces it as a whole', async () => {
    const out = tempDir();
    const target = join(out, 'film');
    await writeFolderAtomic(target, [{ path: 'fr-FR/a.srt', data: bytes('one') }, { path: 'manifest.json', data: bytes('{}') }]);
    expect(snapshot(target)).toEqual({ 'fr-FR/a.srt': btoa('one'), 'manifest.json': btoa('{}') });
    await writeFolderAtomic(target, [{ path: 'de-DE/b.srt', data: bytes('two') }]);
    expect(snapshot(target)).toEqual({ 'de-DE/b.srt': btoa('two') });
    expect(readdirSync(out)).toEqual(['film']);
  });

  it('leaves the previous folder byte for byte when a write fails, and no temporary folder', async () => {
    const out = tempDir();
    const target = join(out, 'film');
    mkdirSync(join(target, 'fr-FR'), { recursive: true });
    writeFileSync(join(target, 'fr-FR/a.srt'), 'approved');
    writeFileSync(join(target, 'manifest.json'), '{"v":1}');
    const before = snapshot(target);
    // The second file needs `x` to be a folder, but the first wrote it as a file: ENOTDIR after one file is written.
    const failing = writeFolderAtomic(target, [{ path: 'x', data: bytes('file') }, { path: 'x/y.srt', data: bytes('never') }, { path: 'manifest.json', data: bytes('{"v":2}') }]);
    await expect(failing).rejects.toMatchObject({ code: 'WRITE_FAILED', message: expect.stringContaining('the previous delivery is unchanged') });
    expect(snapshot(target)).toEqual(before);
    expect(readdirSync(out)).toEqual(['film']);
  });

  it('refuses a path outside the folder', async () => {
    const out = tempDir();
    await expect(writeFolderAtomic(join(out, 'film'), [{ path: '../escape.srt', data: bytes('x') }])).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    expect(readdirSync(out)).toEqual([]);
  });
});
