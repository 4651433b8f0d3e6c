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
 * The run lock of an SQLite memory: an exclusive transaction on an empty
 * SQLite file beside it. The operating system drops that lock when its
 * process ends, however it ends, so a crashed run never blocks the next one,
 * and a reused pid can never pass for the holder. Who holds it is written to
 * the memory (`record`) so that a waiting run can say whom it waits for.
 */
export async function acquireRunLock(memoryPath: string, record: HolderRecord, options: RunLockOptions): Promise<RunLock> {
  const path = lockPathOf(memoryPath);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 0 });
  } catch (cause) {
    throw lockFailed(path, cause);
  }
  let told = false;
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE');
      break;
    } catch (cause) {
      if ((cause as { code?: string }).code !== 'SQLITE_BUSY') {
        db.close();
        throw lockFailed(path, cause);
      }
    }
    if (!told) {
      told = true;
      options.onWait?.(record.read());
    }
    try {
      await sleep(RETRY_MS, undefined, options.signal === undefined ? {} : { signal: options.signal });
    } catch (cause) {
      db.close();
      throw options.signal?.aborted === true ? options.signal.reason : cause;
    }
  }
  const holder: RunHolder = { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), purpose: options.purpose };
  try {
    record.write(holder);
  } catch (cause) {
    db.close();
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
        // Closing rolls the open transaction back: that is what lets the next run in.
        db.close();
      }
    },
  };
}
