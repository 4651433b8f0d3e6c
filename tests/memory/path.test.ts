import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryPath } from '../../src/memory/path.js';
import { tempDir } from '../helpers/cli.js';

describe('memoryPath', () => {
  it('takes --memory, then SUBLOC_MEMORY, then .subloc/memory.sqlite, relative to the working directory', () => {
    expect(memoryPath('tm.sqlite', { SUBLOC_MEMORY: '/shared/tm.sqlite' }, '/film')).toBe('/film/tm.sqlite');
    expect(memoryPath(undefined, { SUBLOC_MEMORY: '/shared/tm.sqlite' }, '/film')).toBe('/shared/tm.sqlite');
    expect(memoryPath(undefined, { SUBLOC_MEMORY: '../tm.sqlite' }, '/film/cut')).toBe('/film/tm.sqlite');
    expect(memoryPath(undefined, {}, '/film')).toBe('/film/.subloc/memory.sqlite');
  });

  it('ignores an empty option or variable', () => {
    expect(memoryPath('', { SUBLOC_MEMORY: '' }, '/film')).toBe('/film/.subloc/memory.sqlite');
    expect(memoryPath(' ', { SUBLOC_MEMORY: 'tm.sqlite' }, '/film')).toBe('/film/tm.sqlite');
  });

  it('names the file itself when reached through a link to it or to its folder: two names, one memory, one run lock', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real/m.sqlite'), '');
    symlinkSync(join(dir, 'real/m.sqlite'), join(dir, 'link.sqlite'));
    symlinkSync(join(dir, 'real'), join(dir, 'folder'));
    const real = memoryPath(join(dir, 'real/m.sqlite'), {}, '/');
    expect(memoryPath('link.sqlite', {}, dir)).toBe(real);
    expect(memoryPath('folder/m.sqlite', {}, dir)).toBe(real);
    // Not made yet: named through its folder's real path.
    expect(memoryPath('folder/new.sqlite', {}, dir)).toBe(join(real, '../new.sqlite'));
  });

  it('passes :memory: through for a throwaway memory', () => {
    expect(memoryPath(':memory:', {}, '/film')).toBe(':memory:');
  });
});

describe('a Postgres memory', () => {
  it('passes a postgres:// or postgresql:// URL through untouched, from the option or SUBLOC_MEMORY', () => {
    const url = 'postgres://subloc:s%40cret@db.example:5432/memory';
    expect(memoryPath(url, {}, '/film')).toBe(url);
    expect(memoryPath(undefined, { SUBLOC_MEMORY: 'postgresql://tm@db/memory' }, '/film')).toBe('postgresql://tm@db/memory');
    expect(memoryPath('POSTGRES://tm@db/memory', {}, '/film')).toBe('POSTGRES://tm@db/memory');
  });
});
