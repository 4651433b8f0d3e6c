import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isPostgresLocation } from './location.js';

/** Where the memory lives when neither `--memory` nor `SUBLOC_MEMORY` says. */
export const DEFAULT_MEMORY = '.subloc/memory.sqlite';

/**
 * The memory file every command uses: `--memory`, else `SUBLOC_MEMORY`, else
 * `.subloc/memory.sqlite`; relative paths are taken from `cwd`. A Postgres
 * URL (`postgres://…`) passes through as it is.
 */
export function memoryPath(option: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const chosen = [option, env['SUBLOC_MEMORY']].find((p) => p !== undefined && p.trim() !== '') ?? DEFAULT_MEMORY;
  return chosen === ':memory:' || isPostgresLocation(chosen) ? chosen : canonical(resolve(cwd, chosen));
}

/**
 * The file itself, through any link to it or its folder: the run lock sits
 * beside the memory by name, and two runs reaching one file by two names
 * must find one lock, or both would bill the same units.
 */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}
