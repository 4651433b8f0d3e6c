import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';
import { writeFileAtomic } from './write-atomic.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Beside a language's files: what the last write of the language wrote (`recordWrittenLanguage`). */
export const LANGUAGE_RECORD = '.subloc-written.json';

/** What the last run into a folder did, from its `run.json` and its languages' own records. */
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

/**
 * Records a language's files, each one's SHA-256 by its path relative to the
 * run folder. A run that stops after writing some languages (a quota, a
 * refusal) writes no `run.json`: without this, the next run would take the
 * files it wrote for a translator's edits.
 */
export async function recordWrittenLanguage(runDir: string, language: string, hashes: Readonly<Record<string, string>>): Promise<void> {
  await writeFileAtomic(join(runDir, language, LANGUAGE_RECORD), `${JSON.stringify({ sha256: hashes })}\n`);
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function addHashes(files: Map<string, string>, hashes: unknown): void {
  if (hashes === null || typeof hashes !== 'object') return;
  for (const [file, hash] of Object.entries(hashes)) if (typeof hash === 'string') files.set(file, hash);
}

/** The files `run.json` names, each of `languages` as its own record says when it has one (it is as new as the language's files). */
export async function readWrittenRecord(runDir: string, languages: readonly string[]): Promise<WrittenRecord> {
  const files = new Map<string, string>();
  const report = await readJson(join(runDir, 'run.json'));
  const { languages: reported, refused, provider } = (report ?? {}) as { languages?: unknown; refused?: unknown; provider?: unknown };
  const record: WrittenRecord = typeof provider === 'string' ? { files, provider } : { files };
  if (Array.isArray(reported)) for (const language of reported) addHashes(files, (language as { sha256?: unknown } | null)?.sha256);
  // A language the run refused keeps an earlier run's files, and their hashes.
  if (Array.isArray(refused)) for (const language of refused) addHashes(files, (language as { earlierSha256?: unknown } | null)?.earlierSha256);
  for (const language of languages) {
    const own = (await readJson(join(runDir, language, LANGUAGE_RECORD))) as { sha256?: unknown } | undefined;
    if (own?.sha256 === null || typeof own?.sha256 !== 'object') continue;
    for (const file of [...files.keys()]) if (file.startsWith(`${language}${sep}`)) files.delete(file);
    addHashes(files, own.sha256);
  }
  return record;
}

/** What the run folder's record holds for one language's files: its own record, else `run.json`'s. */
export async function languageHashes(runDir: string, language: string): Promise<Record<string, string>> {
  const { files } = await readWrittenRecord(runDir, [language]);
  return Object.fromEntries([...files].filter(([f]) => f.startsWith(`${language}${sep}`)));
}

/**
 * After `review import` took every edit of a track the run folder holds
 * (`file`, relative to it): its bytes as its language's record says them,
 * so the next `localize` writes over it instead of refusing to. A file the
 * folder's record does not name is left out, unless it is one of the
 * language's own tracks (`ownTrack`): one whose record was lost.
 */
export async function recordTakenBack(runDir: string, file: string, bytes: Uint8Array, ownTrack: boolean): Promise<void> {
  if (file.startsWith('..') || isAbsolute(file)) return;
  const language = file.split(sep)[0]!;
  const hashes = await languageHashes(runDir, language);
  if (hashes[file] === undefined && !ownTrack) return;
  await recordWrittenLanguage(runDir, language, { ...hashes, [file]: sha256(bytes) });
}
