import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { fileErrorReason, SublocError } from '../errors.js';
import { foundValue } from '../formats/shared/excerpt.js';
import { memoryIdentity } from '../memory/location.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { writeFileAtomic } from './write-atomic.js';
import { sha256 } from './written-record.js';

/** Beside the config (else in the working folder), as the default memory: one record a run folder `localize` wrote. */
export const RUN_FOLDERS = join('.subloc', 'run-folders');

/** A run folder `localize` wrote: the title's `<out>/<title>`, and the memory it drafted from (`memoryIdentity`, never a password). */
interface RunFolderRecord {
  title: string;
  folder: string;
  memory: string;
}

/**
 * Records `folder` (absolute) as a run folder of `title` drafted from
 * `memory`, so that `deliver`, which reads only the memory, finds the
 * translators' edits in it wherever `--out` put it. One file a folder and
 * memory, each written whole: runs side by side never lose each other's.
 * A record that cannot be written is a warning, not a failed run: a worker
 * whose config sits on a read-only share drafts into a shared memory all the
 * same, and the warning says which folder `deliver` will not look in.
 */
export async function recordRunFolder(records: string, run: { title: string; folder: string; memory: string }): Promise<Diagnostic | undefined> {
  const record: RunFolderRecord = { title: run.title, folder: run.folder, memory: memoryIdentity(run.memory) };
  const text = `${JSON.stringify(record)}\n`;
  const path = join(records, `${sha256(JSON.stringify([record.folder, record.memory])).slice(0, 16)}.json`);
  if ((await readFile(path, 'utf8').catch(() => undefined)) === text) return undefined;
  try {
    await writeFileAtomic(path, text);
    return undefined;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return diagnostic(
      'run/folder-not-recorded',
      'warning',
      `${why}; localize records there each folder it writes, so that deliver checks it for translator edits not imported: deliver will not check ${run.folder} (import its edits with \`subloc review import\` before delivering, or make ${records} writable)`,
    );
  }
}

/** What is wrong with a record as read, in words; undefined when it is one. */
function recordProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `found ${foundValue(value)}, expected an object`;
  const record = value as Record<string, unknown>;
  for (const field of ['title', 'folder', 'memory']) {
    if (typeof record[field] !== 'string') return `\`${field}\` is ${foundValue(record[field])}, expected a string`;
  }
  return isAbsolute(record['folder'] as string) ? undefined : `\`folder\` is ${foundValue(record['folder'])}, expected an absolute path`;
}

/** The folder itself, through any link to it; undefined when it is gone or no folder any more. */
async function existingFolder(path: string): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isDirectory()) return undefined;
    return await realpath(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new SublocError('INPUT_UNREADABLE', `cannot read ${path}, a folder localize recorded writing: ${fileErrorReason(cause)}; expected a folder deliver can check for translator edits not imported`, { cause, file: path });
  }
}

/**
 * The run folders `localize` recorded for `title` from `memory`, that are
 * still there, each once, `except` (the config's own) left out. A record
 * that cannot be read is refused: the folder it names may hold edits.
 */
export async function recordedRunFolders(records: string, run: { title: string; memory: string; except: string }): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(records);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SublocError('INPUT_UNREADABLE', `cannot read ${records}: ${fileErrorReason(cause)}; expected the folder where localize records each folder it writes`, { cause, file: records });
  }
  const memory = memoryIdentity(run.memory);
  const seen = new Set([await realpath(run.except).catch(() => run.except)]);
  const found: string[] = [];
  // Temporary files of a write under way start with a dot and end in .tmp.
  for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
    const path = join(records, name);
    let read: unknown;
    try {
      read = JSON.parse(await readFile(path, 'utf8'));
    } catch (cause) {
      throw unreadableRecord(path, cause instanceof SyntaxError ? `not JSON: ${cause.message}` : fileErrorReason(cause), cause);
    }
    const problem = recordProblem(read);
    if (problem !== undefined) throw unreadableRecord(path, problem);
    const record = read as RunFolderRecord;
    if (record.title !== run.title || record.memory !== memory) continue;
    const folder = await existingFolder(record.folder);
    if (folder === undefined || seen.has(folder)) continue;
    seen.add(folder);
    found.push(record.folder);
  }
  return found;
}

function unreadableRecord(path: string, why: string, cause?: unknown): SublocError {
  return new SublocError(
    'INPUT_UNREADABLE',
    `${path}: cannot read this record of a folder localize wrote: ${why}; without it deliver cannot check that folder for translator edits not imported: delete the file once the folder it named holds none (localize with that --out writes it anew)`,
    { file: path, ...(cause === undefined ? {} : { cause }) },
  );
}
