import { resolve } from 'node:path';
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
  return chosen === ':memory:' || isPostgresLocation(chosen) ? chosen : resolve(cwd, chosen);
}
