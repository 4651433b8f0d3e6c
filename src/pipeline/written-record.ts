import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What the last run into a folder did, from its `run.json`. */
export interface WrittenRecord {
  /**
   * Each file's SHA-256 by its path relative to the run folder. Empty when
   * there is no readable report (a first run, a report from before hashes
   * were kept, a deleted one).
   */
  files: ReadonlyMap<string, string>;
  /** The provider it drafted with, when the report says. */
  provider?: string;
}

export async function readWrittenRecord(runDir: string): Promise<WrittenRecord> {
  const files = new Map<string, string>();
  let report: unknown;
  try {
    report = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
  } catch {
    return { files };
  }
  const { languages, provider } = (report ?? {}) as { languages?: unknown; provider?: unknown };
  const record: WrittenRecord = typeof provider === 'string' ? { files, provider } : { files };
  if (!Array.isArray(languages)) return record;
  for (const language of languages) {
    const hashes = (language as { sha256?: unknown } | null)?.sha256;
    if (hashes === null || typeof hashes !== 'object') continue;
    for (const [file, hash] of Object.entries(hashes)) if (typeof hash === 'string') files.set(file, hash);
  }
  return record;
}
