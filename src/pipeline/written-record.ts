import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * What the last run wrote, from its `run.json`: each file's SHA-256 by its
 * path relative to the run folder. Empty when there is no readable report
 * (a first run, a report from before hashes were kept, a deleted one).
 */
export async function readWrittenRecord(runDir: string): Promise<ReadonlyMap<string, string>> {
  const record = new Map<string, string>();
  let report: unknown;
  try {
    report = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
  } catch {
    return record;
  }
  const languages = (report as { languages?: unknown } | null)?.languages;
  if (!Array.isArray(languages)) return record;
  for (const language of languages) {
    const hashes = (language as { sha256?: unknown } | null)?.sha256;
    if (hashes === null || typeof hashes !== 'object') continue;
    for (const [file, hash] of Object.entries(hashes)) if (typeof hash === 'string') record.set(file, hash);
  }
  return record;
}
