import { publicLocation } from '../memory/location.js';
import { frameRateLabel } from '../model/frame-rate.js';
import type { LocalizeOptions } from './options.js';

/** What `review import` must be told to find what a run found: its config, source track (and the rate it was read at), title, run folder and memory. */
export type ImportCommandOptions = Pick<LocalizeOptions, 'input' | 'source' | 'title' | 'out' | 'memory'> & Partial<Pick<LocalizeOptions, 'config' | 'encoding' | 'fpsOption'>>;

/** One word for a POSIX shell: as it is when nothing in it is special there, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * `subloc review import <file>` as the user types it, in backticks, with the
 * run's own options spelt out: run from any folder, with or without a
 * config there, it reads the same source and memory as the run. A memory
 * whose address holds a password is not shown.
 */
export function reviewImportCommand(file: string, run: ImportCommandOptions): string {
  const words = ['subloc', 'review', 'import', file];
  if (run.config !== undefined) words.push('--config', run.config);
  words.push('--input', run.input, '--source', run.source, '--title', run.title, '--out', run.out);
  if (run.encoding !== undefined) words.push('--encoding', run.encoding);
  // Without it a source timed in frame labels (`00:00:07:12`) cannot be read; a config's `fps` comes with `--config`.
  if (run.fpsOption !== undefined) words.push('--fps', frameRateLabel(run.fpsOption));
  const hidden = publicLocation(run.memory) !== run.memory;
  if (!hidden) words.push('--memory', run.memory);
  const command = `\`${words.map(shellWord).join(' ')}\``;
  return hidden ? `${command} with the --memory this run was given, if it was given one (its address holds a password, so it is not shown)` : command;
}
