import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { storedEntries } from '../helpers/stored-entries.js';

const root = resolve(import.meta.dirname, '../..');
/** Every language of the sample: each writer's lines must read back as it wrote them. */
const LANGS = ['ja-JP', 'fr-FR', 'en-US', 'it-IT', 'es-ES', 'de-DE'];

/**
 * A review file sent back untouched is no edit. Japanese is the case that
 * broke it: lines break at an ideographic space and show none, so joining
 * the lines again gave a text one space short of the memory's, and each such
 * cue was imported as the importer's reviewed work.
 */
describe('review import of the files localize wrote, untouched', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('subloc-untouched-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    const run = await cli(['localize', '--config', 'subloc.config.json', '--target', LANGS.join(','), '--formats', 'srt,vtt', '--provider', 'offline'], dir);
    expect(run.code).toBe(0);
    cpSync(join(dir, '.subloc/memory.sqlite'), join(dir, 'memory-as-written.sqlite'));
  }, 60_000);

  // Each file against the memory localize left, not one an earlier case changed.
  beforeEach(() => cpSync(join(dir, 'memory-as-written.sqlite'), join(dir, '.subloc/memory.sqlite')));

  it.each(LANGS.flatMap((lang) => ['xlf', 'srt', 'vtt'].map((ext) => [lang, ext])))('%s .%s imports nothing and leaves the memory as it was', async (lang, ext) => {
    const before = await storedEntries(join(dir, '.subloc/memory.sqlite'));
    const result = await cli(['review', 'import', `out/hotline-beijing/${lang}/hotline-beijing.${lang}.${ext}`, '--reviewer', 'Someone'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/: 0 units imported \(0 approved, 0 reviewed\)/);
    expect(await storedEntries(join(dir, '.subloc/memory.sqlite'))).toEqual(before);
  });
});
