import { SublocError } from '../errors.js';

/**
 * Why a memory cannot take a write for now, with nothing wrong with it nor
 * with what was to be written: its file `moved` (or removed) while open,
 * its disk `full`, or another program holding it `locked`.
 */
export type Unavailable = 'moved' | 'full' | 'locked';

/** SQLite's and Postgres's codes (its SQLSTATE `53100` disk full, `55P03` lock not available) for each. */
const CODES: readonly [Unavailable, (code: string) => boolean][] = [
  ['full', (code) => code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === '53100'],
  ['locked', (code) => code.startsWith('SQLITE_BUSY') || code === '55P03'],
];

/** Which of those `error`, a memory's failure, is, by its codes; undefined for any other failure. */
export function unavailable(error: unknown): Unavailable | undefined {
  if (!(error instanceof SublocError)) return undefined;
  if (error.code === 'MEMORY_MOVED') return 'moved';
  if (error.code !== 'MEMORY_WRITE_FAILED' && error.code !== 'MEMORY_UNREADABLE') return undefined;
  const code = String((error.cause as { code?: unknown } | undefined)?.code ?? '');
  return CODES.find(([, matches]) => matches(code))?.[0];
}
