import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/**
 * A fresh folder under the system's temp folder, removed after the test file
 * (tests/helpers/remove-temp-dirs.ts) or when the process that asked for it exits.
 */
export function tempDir(prefix = 'subloc-'): string {
  if (made.length === 0) process.once('exit', removeTempDirs);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  process.off('exit', removeTempDirs);
  // Best effort: a folder a test's child process still writes to must not fail the run.
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {}
  }
}
