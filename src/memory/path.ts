import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SublocError } from '../errors.js';
import { isPostgresLocation } from './location.js';

/** Where the memory lives when neither `--memory`, the config nor `SUBLOC_MEMORY` says: in the config's folder, else the working folder. */
export const DEFAULT_MEMORY = '.subloc/memory.sqlite';

/** What names the memory of a command, each as it was given. */
export interface MemoryChoice {
  /** `--memory`, relative to `cwd`. */
  option?: string | undefined;
  /** The config file's `memory`, relative to `configDir`. */
  configured?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The folder of the config file in use, when there is one. */
  configDir?: string | undefined;
}

const said = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/**
 * The memory file every command uses: `--memory`, else the config's
 * `memory`, else `SUBLOC_MEMORY`, else `.subloc/memory.sqlite` beside the
 * config, as every other path the config gives (or in `cwd` without one).
 * A Postgres URL (`postgres://…`) and `:memory:` pass through as they are.
 */
export function memoryPath(choice: MemoryChoice): string {
  const { cwd, env, configDir } = choice;
  const [chosen, from] =
    said(choice.option) ? [choice.option, cwd]
    : said(choice.configured) ? [choice.configured, configDir ?? cwd]
    : said(env['SUBLOC_MEMORY']) ? [env['SUBLOC_MEMORY'], cwd]
    : [undefined, configDir ?? cwd];
  if (chosen === undefined) return defaultMemory(from, cwd);
  return chosen === ':memory:' || isPostgresLocation(chosen) ? chosen : canonical(resolve(from, chosen));
}

/**
 * Runs from another folder used to make their own default memory there:
 * starting an empty one beside the config would hide from `deliver` and the
 * studio every approval stored in that one, so the user picks.
 */
function defaultMemory(configDir: string, cwd: string): string {
  const beside = canonical(resolve(configDir, DEFAULT_MEMORY));
  const here = canonical(resolve(cwd, DEFAULT_MEMORY));
  if (beside === here || existsSync(beside) || !existsSync(here)) return beside;
  throw new SublocError(
    'MEMORY_NOT_FOUND',
    `no translation memory at ${beside}, beside the config, where the memory of a config without \`memory\` is kept; the working folder has one at ${here}, which earlier runs from this folder used: pass --memory ${here} (or set \`memory\` in the config) to go on with it, or move it to ${beside} (stop subloc first, and move any memory.sqlite-wal beside it too)`,
    { file: beside },
  );
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
