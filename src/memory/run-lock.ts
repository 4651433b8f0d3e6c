import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { SublocError } from '../errors.js';
import type { RunHolder, RunLock, RunLockOptions } from './store.js';

/** How often a waiting run tries the lock again. */
const RETRY_MS = 200;

/** Where the holder says who it is, for the runs that wait: the memory itself. */
export interface HolderRecord {
  read(): RunHolder | undefined;
  write(holder: RunHolder): void;
  clear(holder: RunHolder): void;
}

/** The run lock of the SQLite memory at `memoryPath`: `<memoryPath>.lock`. */
export function lockPathOf(memoryPath: string): string {
  return `${memoryPath}.lock`;
}

function lockFailed(path: string, cause: unknown): SublocError {
  return new SublocError('MEMORY_UNREADABLE', `cannot take the run lock ${path} beside the translation memory: ${(cause as Error).message}; expected a file subloc can create and lock there: check the permissions of its folder`, { cause, file: path });
}

/**
 * Scoped runs lock one of this many files beside the memory, by a hash of
 * their scope: a fixed number of files however many films and languages a
 * catalog has, at the price of two scopes now and then sharing one (they
 * then take turns, which is safe).
 */
const SCOPE_FILES = 64;

/** The file a run of this scope locks besides holding the memory's run lock shared. */
export function scopeLockPathOf(memoryPath: string, scope: string): string {
  const bucket = createHash('sha256').update(scope).digest().readUInt32BE(0) % SCOPE_FILES;
  return `${lockPathOf(memoryPath)}-${String(bucket).padStart(2, '0')}`;
}

function isBusy(cause: unknown): boolean {
  return (cause as { code?: string }).code === 'SQLITE_BUSY';
}

/** An exclusive lock on the file: no other run of any kind holds it. */
function tryExclusive(db: Database.Database): boolean {
  try {
    db.exec('BEGIN EXCLUSIVE');
    return true;
  } catch (cause) {
    if (isBusy(cause)) return false;
    throw cause;
  }
}

/** A shared lock on the file (an open read): other scoped runs may hold it too, a whole-memory run may not. */
function tryShared(db: Database.Database): boolean {
  db.exec('BEGIN');
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch (cause) {
    db.exec('ROLLBACK');
    if (isBusy(cause)) return false;
    throw cause;
  }
}

function openLockFile(path: string): Database.Database {
  try {
    return new Database(path, { timeout: 0 });
  } catch (cause) {
    throw lockFailed(path, cause);
  }
}

/**
 * The run lock of an SQLite memory: an exclusive transaction on an empty
 * SQLite file beside it. The operating system drops that lock when its
 * process ends, however it ends, so a crashed run never blocks the next one,
 * and a reused pid can never pass for the holder. Who holds it is written to
 * the memory (`record`) so that a waiting run can say whom it waits for.
 *
 * A run with a `scope` holds that file shared instead (a read transaction),
 * and its scope's file exclusive: scoped runs exclude each other by scope
 * only, and a whole-memory run excludes them all.
 */
export async function acquireRunLock(memoryPath: string, record: HolderRecord, options: RunLockOptions): Promise<RunLock> {
  const path = lockPathOf(memoryPath);
  const db = openLockFile(path);
  const { scope } = options;
  let scoped: Database.Database | undefined;
  const closeAll = () => {
    db.close();
    scoped?.close();
  };
  try {
    if (scope !== undefined) scoped = openLockFile(scopeLockPathOf(memoryPath, scope));
  } catch (cause) {
    closeAll();
    throw cause;
  }
  const attempt = (): boolean => {
    if (scoped === undefined) return tryExclusive(db);
    if (!tryShared(db)) return false;
    if (tryExclusive(scoped)) return true;
    // Given back while waiting, so that a whole-memory run is not kept out by runs that only wait.
    db.exec('ROLLBACK');
    return false;
  };
  let told = false;
  for (;;) {
    try {
      if (attempt()) break;
    } catch (cause) {
      closeAll();
      throw lockFailed(path, cause);
    }
    if (!told) {
      told = true;
      options.onWait?.(record.read());
    }
    try {
      await sleep(RETRY_MS, undefined, options.signal === undefined ? {} : { signal: options.signal });
    } catch (cause) {
      closeAll();
      throw options.signal?.aborted === true ? options.signal.reason : cause;
    }
  }
  const holder: RunHolder = { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), purpose: options.purpose };
  try {
    record.write(holder);
  } catch (cause) {
    closeAll();
    throw cause;
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      try {
        record.clear(holder);
      } finally {
        // Closing rolls the open transactions back: that is what lets the next run in.
        closeAll();
      }
    },
  };
}
