import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Resolves to the exit code. Throws `SublocError` for failures the user can fix. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
