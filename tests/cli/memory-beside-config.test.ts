import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { emptyMemory } from '../helpers/film-folder.js';
import { approve } from '../helpers/xliff-approve.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG = 'films/hotline/subloc.config.json';

/** A parent folder holding one film's project in `films/hotline`, the sample narrowed to en-US, as a user keeps several films. */
function parentOfFilm(): { parent: string; film: string } {
  const parent = realpathSync(tempDir('subloc-memory-beside-'));
  const film = join(parent, 'films/hotline');
  mkdirSync(join(film, 'subtitles/tm'), { recursive: true });
  for (const file of ['subtitles/hotline-beijing.zh-Hans.srt', 'subtitles/tm/hotline-beijing.en-US.tmx', 'glossary.json']) copyFileSync(join(ROOT, file), join(film, file));
  const config = { title: 'hotline-beijing', input: 'subtitles/hotline-beijing.zh-Hans.srt', source: 'zh-Hans', targets: ['en-US'], glossary: 'glossary.json', tmx: ['subtitles/tm/hotline-beijing.en-US.tmx'], fps: 24, formats: ['srt'], out: 'out' };
  writeFileSync(join(film, 'subloc.config.json'), JSON.stringify(config));
  return { parent, film };
}

describe('the default memory of a run with a config', () => {
  it('is the one beside the config, wherever the run starts, and localize names it', async () => {
    const { parent, film } = parentOfFilm();
    const r = await cli(['localize', '--config', CONFIG], parent);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(film, '.subloc/memory.sqlite'))).toBe(true);
    expect(existsSync(join(parent, '.subloc'))).toBe(false);
    expect(r.stderr).toContain('translation memory films/hotline/.subloc/memory.sqlite');
    const quiet = await cli(['localize', '--config', CONFIG, '-q'], parent);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('is the memory deliver, memory stats and export read from another folder: approvals made inside the project are delivered', async () => {
    const { parent, film } = parentOfFilm();
    expect((await cli(['localize', '-q'], film)).code).toBe(0);
    const xliff = join(film, 'out/hotline-beijing/en-US/hotline-beijing.en-US.xlf');
    writeFileSync(xliff, approve(readFileSync(xliff, 'utf8'), '1', 'Beijing. Seven in the morning.'));
    const imported = await cli(['review', 'import', xliff, '--reviewer', 'Anna'], film);
    expect(imported.code, imported.stderr).toBe(0);

    const delivered = await cli(['deliver', '--config', CONFIG, '--fix-timing', '--formats', 'srt'], parent);
    expect(delivered.code, delivered.stderr).toBe(0);
    expect(delivered.stdout).toMatch(/en-US .* 1 approved/);
    expect(delivered.stderr).toContain('translations from the memory films/hotline/.subloc/memory.sqlite');
    expect(readFileSync(join(film, 'deliverables/hotline-beijing/en-US/hotline-beijing.en-US.srt'), 'utf8')).toContain('Beijing. Seven in the morning.');

    const stats = await cli(['memory', 'stats', '--config', CONFIG], parent);
    expect(stats.code, stats.stderr).toBe(0);
    expect(stats.stdout).toContain(join(film, '.subloc/memory.sqlite'));
    const exported = await cli(['memory', 'export', '--config', CONFIG, '--status', 'approved'], parent);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('Beijing. Seven in the morning.');
    expect(existsSync(join(parent, '.subloc'))).toBe(false);
  });

  it('takes the memory the config names from the config folder, for memory stats in the project as for localize', async () => {
    const { film } = parentOfFilm();
    const config = JSON.parse(readFileSync(join(film, 'subloc.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(film, 'subloc.config.json'), JSON.stringify({ ...config, memory: 'tm/shared.sqlite' }));
    mkdirSync(join(film, 'tm'));
    await emptyMemory(join(film, 'tm/shared.sqlite'));
    const stats = await cli(['memory', 'stats'], film);
    expect(stats.code, stats.stderr).toBe(0);
    expect(stats.stdout).toContain(join(film, 'tm/shared.sqlite'));
  });
});

describe('a memory left in the working folder by earlier runs', () => {
  /** What a localize from the parent left before the default followed the config: the parent's memory, none beside the config. */
  async function strayMemory(): Promise<{ parent: string; stray: string; beside: string }> {
    const { parent, film } = parentOfFilm();
    const stray = join(parent, '.subloc/memory.sqlite');
    expect((await cli(['localize', '--config', CONFIG, '--memory', stray, '-q'], parent)).code).toBe(0);
    return { parent, stray, beside: join(film, '.subloc/memory.sqlite') };
  }

  it('is never left for a new empty memory: each command that opens one refuses, naming both and how to choose', async () => {
    const { parent, stray, beside } = await strayMemory();
    for (const args of [
      ['localize', '--config', CONFIG],
      ['deliver', '--config', CONFIG, '--fix-timing'],
      ['review', 'import', 'films/hotline/out/hotline-beijing/en-US/hotline-beijing.en-US.xlf', '--config', CONFIG],
      ['memory', 'stats', '--config', CONFIG],
      ['memory', 'import', 'films/hotline/subtitles/tm/hotline-beijing.en-US.tmx', '--config', CONFIG],
    ]) {
      const r = await cli(args, parent);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toContain(`no translation memory at ${beside}, beside the config`);
      expect(r.stderr).toContain(`pass --memory ${stray}`);
      expect(r.stderr).toContain(`move it to ${beside}`);
      expect(existsSync(beside)).toBe(false);
    }
  });

  it('is used when --memory or SUBLOC_MEMORY names it', async () => {
    const { parent, beside } = await strayMemory();
    const named = await cli(['localize', '--config', CONFIG, '--memory', '.subloc/memory.sqlite'], parent);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stderr).toContain('translation memory .subloc/memory.sqlite');
    const env = await cli(['memory', 'stats', '--config', CONFIG], parent, { SUBLOC_MEMORY: '.subloc/memory.sqlite' });
    expect(env.code, env.stderr).toBe(0);
    expect(existsSync(beside)).toBe(false);
  });

  it('is still the memory of a run of one file with no config', async () => {
    const { parent, film } = parentOfFilm();
    const r = await cli(['localize', '--input', join(film, 'subtitles/hotline-beijing.zh-Hans.srt'), '--target', 'en-US', '--out', 'out'], parent);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(parent, '.subloc/memory.sqlite'))).toBe(true);
    expect(existsSync(join(film, '.subloc'))).toBe(false);
  });
});
