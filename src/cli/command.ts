import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io.js';

/** One option: what `parseArgs` needs, and what `--help` shows. */
export interface OptionInfo {
  type: 'string' | 'boolean';
  short?: string;
  /** The description in the run's language (a call of `t` with a literal key, so the catalog extractor sees it). */
  description: () => string;
  /** The value's placeholder in help, e.g. `<n>`; string options only. */
  value?: string;
  /** The default shown in help: a literal such as `4`, or a sentence in the run's language. */
  default?: string | (() => string);
}

export type OptionSpec = Readonly<Record<string, OptionInfo>>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** A command's summary and usage line are the messages `<name>.summary` and `<name>.usage` (see `commandSummary`). */
export interface Command {
  name: string;
  options: OptionSpec;
  /** Resolves to the exit code. Throws `SublocError` for failures the user can fix. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** The part of an option table `parseArgs` reads. */
export function parseArgsOptions(spec: OptionSpec): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(Object.entries(spec).map(([name, o]) => [name, o.short === undefined ? { type: o.type } : { type: o.type, short: o.short }]));
}
