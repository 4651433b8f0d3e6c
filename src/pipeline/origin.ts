import { SublocError } from '../errors.js';

/**
 * Where a setting was said, as a message about it names the place: the
 * command line, a file, or the line and column of its value in the config.
 */
export interface Origin {
  /** `command line`, `subloc.config.json` or `subloc.config.json:4:14`. */
  readonly label: string;
  /** The file to fix, when the setting came from one. */
  readonly file?: string;
  readonly line?: number;
}

export const COMMAND_LINE: Origin = { label: 'command line' };

export function fileOrigin(file: string, at?: { line: number; column: number }): Origin {
  return at === undefined ? { label: file, file } : { label: `${file}:${at.line}:${at.column}`, file, line: at.line };
}

/**
 * A refused setting, said at its origin: `USAGE` (exit 2) when it was typed
 * on the command line, else `CONFIG_INVALID`, unless the cause has a code of
 * its own.
 */
export function configError(where: Origin, message: string, cause?: SublocError): SublocError {
  const file = where.file ?? where.label;
  return new SublocError(cause?.code ?? (where === COMMAND_LINE ? 'USAGE' : 'CONFIG_INVALID'), `${where.label}: ${message}`, {
    file,
    ...(where.line === undefined ? {} : { line: where.line }),
    ...(cause === undefined ? {} : { cause }),
  });
}
