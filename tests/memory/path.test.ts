import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryPath } from '../../src/memory/path.js';
import { tempDir } from '../helpers/cli.js';

describe('memoryPath', () => {
  it('takes --memory, then SUBLOC_MEMORY, then .subloc/memory.sqlite, relative to the working directory', () => {
    expect(memoryPath({ option: 'tm.sqlite', env: { SUBLOC_MEMORY: '/shared/tm.sqlite' }, cwd: '/film' })).toBe('/film/tm.sqlite');
    expect(memoryPath({ env: { SUBLOC_MEMORY: '/shared/tm.sqlite' }, cwd: '/film' })).toBe('/shared/tm.sqlite');
    expect(memoryPath({ env: { SUBLOC_MEMORY: '../tm.sqlite' }, cwd: '/film/cut' })).toBe('/film/tm.sqlite');
    expect(memoryPath({ env: {}, cwd: '/film' })).toBe('/film/.subloc/memory.sqlite');
  });

  it('with a config: --memory, then the config\'s memory from its folder, then SUBLOC_MEMORY, then .subloc/memory.sqlite beside the config', () => {
    const config = { configured: 'tm/m.sqlite', configDir: '/films/hotline', cwd: '/films' };
    expect(memoryPath({ ...config, option: 'tm.sqlite', env: { SUBLOC_MEMORY: '/shared/tm.sqlite' } })).toBe('/films/tm.sqlite');
    expect(memoryPath({ ...config, env: { SUBLOC_MEMORY: '/shared/tm.sqlite' } })).toBe('/films/hotline/tm/m.sqlite');
    expect(memoryPath({ configDir: '/films/hotline', cwd: '/films', env: { SUBLOC_MEMORY: 'tm.sqlite' } })).toBe('/films/tm.sqlite');
    expect(memoryPath({ configDir: '/films/hotline', cwd: '/films', env: {} })).toBe('/films/hotline/.subloc/memory.sqlite');
    expect(memoryPath({ configured: ':memory:', configDir: '/films/hotline', cwd: '/films', env: {} })).toBe(':memory:');
  });

  it('refuses the default beside the config while only the working folder has a memory, naming both', () => {
    const cwd = realpathSync(tempDir());
    const configDir = join(cwd, 'films/hotline');
    mkdirSync(join(cwd, '.subloc'));
    writeFileSync(join(cwd, '.subloc/memory.sqlite'), '');
    expect(() => memoryPath({ configDir, cwd, env: {} })).toThrow(expect.objectContaining({ code: 'MEMORY_NOT_FOUND', message: expect.stringContaining(`no translation memory at ${configDir}/.subloc/memory.sqlite, beside the config`) }));
    expect(memoryPath({ configDir: cwd, cwd, env: {} })).toBe(join(cwd, '.subloc/memory.sqlite'));
    mkdirSync(join(configDir, '.subloc'), { recursive: true });
    writeFileSync(join(configDir, '.subloc/memory.sqlite'), '');
    expect(memoryPath({ configDir, cwd, env: {} })).toBe(join(configDir, '.subloc/memory.sqlite'));
  });

  it('ignores an empty option or variable', () => {
    expect(memoryPath({ option: '', env: { SUBLOC_MEMORY: '' }, cwd: '/film' })).toBe('/film/.subloc/memory.sqlite');
    expect(memoryPath({ option: ' ', env: { SUBLOC_MEMORY: 'tm.sqlite' }, cwd: '/film' })).toBe('/film/tm.sqlite');
  });

  it('names the file itself when reached through a link to it or to its folder: two names, one memory, one run lock', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real/m.sqlite'), '');
    symlinkSync(join(dir, 'real/m.sqlite'), join(dir, 'link.sqlite'));
    symlinkSync(join(dir, 'real'), join(dir, 'folder'));
    const real = memoryPath({ option: join(dir, 'real/m.sqlite'), env: {}, cwd: '/' });
    expect(memoryPath({ option: 'link.sqlite', env: {}, cwd: dir })).toBe(real);
    expect(memoryPath({ option: 'folder/m.sqlite', env: {}, cwd: dir })).toBe(real);
    // Not made yet: named through its folder's real path.
    expect(memoryPath({ option: 'folder/new.sqlite', env: {}, cwd: dir })).toBe(join(real, '../new.sqlite'));
  });

  it('passes :memory: through for a throwaway memory', () => {
    expect(memoryPath({ option: ':memory:', env: {}, cwd: '/film' })).toBe(':memory:');
  });
});

describe('a Postgres memory', () => {
  it('passes a postgres:// or postgresql:// URL through untouched, from the option or SUBLOC_MEMORY', () => {
    const url = 'postgres://subloc:s%40cret@db.example:5432/memory';
    expect(memoryPath({ option: url, env: {}, cwd: '/film' })).toBe(url);
    expect(memoryPath({ env: { SUBLOC_MEMORY: 'postgresql://tm@db/memory' }, cwd: '/film' })).toBe('postgresql://tm@db/memory');
    expect(memoryPath({ option: 'POSTGRES://tm@db/memory', env: {}, cwd: '/film' })).toBe('POSTGRES://tm@db/memory');
  });
});
