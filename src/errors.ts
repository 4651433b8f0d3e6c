import type { Stats } from 'node:fs';
import type { Diagnostic } from './model/diagnostic.js';

/** Stable codes: scripts and tests match on these, never on message text. */
export type ErrorCode =
  | 'INPUT_UNREADABLE'
  | 'INPUT_EMPTY'
  | 'INPUT_BINARY'
  | 'ENCODING_UNKNOWN'
  | 'FORMAT_UNKNOWN'
  | 'PARSE_FAILED'
  | 'STRICT_VIOLATION'
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'GLOSSARY_INVALID'
  | 'WRITE_FAILED'
  | 'REVIEW_NOT_IMPORTED'
  | 'MEMORY_UNREADABLE'
  | 'MEMORY_UNREACHABLE'
  | 'MEMORY_NOT_FOUND'
  | 'MEMORY_WRITE_FAILED'
  | 'MEMORY_MOVED'
  | 'MEMORY_LOCK_LOST'
  | 'MEMORY_MISMATCH'
  | 'DEEPL_QUOTA'
  | 'DEEPL_BUDGET'
  | 'DEEPL_AUTH'
  | 'DEEPL_UNREACHABLE'
  | 'DEEPL_FAILED'
  | 'DEEPL_LANGUAGE'
  | 'DEEPL_TEXT_TOO_LARGE'
  | 'DEEPL_ANSWER_MISMATCH'
  | 'INTERRUPTED'
  | 'QUEUE_UNREACHABLE'
  | 'WORKER_STOPPED'
  | 'STUDIO_START_FAILED';

export interface SublocErrorOptions {
  cause?: unknown;
  file?: string;
  line?: number;
  diagnostics?: Diagnostic[];
}

export class SublocError extends Error {
  override readonly name = 'SublocError';
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly diagnostics: Diagnostic[];

  constructor(code: ErrorCode, message: string, options: SublocErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.diagnostics = options.diagnostics ?? [];
  }
}

export function isSublocError(error: unknown): error is SublocError {
  return error instanceof SublocError;
}

/** Why a file could not be read or written, in words: the system's code for the usual cases, its message otherwise. */
export function fileErrorReason(cause: unknown): string {
  switch ((cause as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder; expected a file';
    case 'EROFS': return 'the disk is read-only';
    case 'ENOSPC': return 'the disk is full';
    case 'ENOTDIR': return 'a part of the path is a file, not a folder';
    default: return (cause as Error).message;
  }
}

/** Larger than any file subloc reads whole (a track, glossary, profile, config or font): a wrong path to a video is refused unread. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

const MIB = 1024 * 1024;

/**
 * Throws, as a read would, when the file `info` describes is no file to read
 * whole: a folder; a pipe or a device, whose read waits for a writer that
 * may never come; a file past `maxBytes` (Node cannot read one past 2 GiB,
 * and says so in its own words). The error's message is the reason in
 * words, as `fileErrorReason` gives it.
 */
export function checkReadable(info: Stats, maxBytes = MAX_FILE_BYTES): void {
  const refuse = (code: string, message: string) => {
    throw Object.assign(new Error(message), { code });
  };
  if (info.isDirectory()) refuse('EISDIR', 'it is a folder; expected a file');
  if (!info.isFile()) refuse('ENOTFILE', 'it is a pipe or a device, not a file; expected a file');
  if (info.size > maxBytes) refuse('EFBIG', `it is ${Math.round(info.size / MIB).toLocaleString('en')} MiB; expected a file under ${maxBytes / MIB} MiB`);
}
