import { statSync, type Stats } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileErrorReason, SublocError } from '../errors.js';
import { configError, type Origin } from './origin.js';
import { makeFolder } from './make-folder.js';

/** Its stat, or undefined when nothing is there; below a file (ENOTDIR) nothing can be. */
function existing(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw cause;
  }
}

/**
 * Refuses an output folder that names a file, or lies below one, before
 * anything is drafted or billed: the writes at the end would fail there.
 * `where` is where the folder was named, `field` how the user named it.
 */
export function checkOutFolder(out: string, where: Origin, field: string): string {
  for (let path = out; ; path = dirname(path)) {
    const info = existing(path);
    if (info?.isDirectory()) return out;
    if (info) {
      throw configError(where, `${field} ${out}: ${path} is a file; expected a folder, or a path where one can be made`);
    }
    if (dirname(path) === path) return out;
  }
}

/**
 * Refuses a run folder the other command writes: `localize` replaces its
 * draft tracks in place, and `deliver` swaps whole language folders and lists
 * every file in its manifest, so sharing one folder mixes drafts into a
 * delivery or lets a delivery lie. `run.json` marks localize's, `manifest.json`
 * deliver's.
 */
export function checkRunFolder(folder: string, writer: 'localize' | 'deliver'): void {
  // The other command's finished output, or its work under way: a delivery's lock or staging, localize's mark.
  const marks = writer === 'localize' ? ['manifest.json', '.deliver.lock', '.deliver.next'] : ['run.json', DRAFTS_MARK];
  if (!marks.some((mark) => existing(join(folder, mark)) !== undefined)) return;
  const holds = writer === 'localize' ? "festival deliverables (its manifest.json)" : "localize's drafts and review files (its run.json)";
  const expected = writer === 'localize' ? 'a folder of drafts, such as out/' : 'a folder of deliverables, such as deliverables/ (the default)';
  throw new SublocError('CONFIG_INVALID', `${folder} holds ${holds}; expected ${expected}: choose another --out`, { file: folder });
}

/** Left by `localize` in its run folder before it drafts: a `deliver` started meanwhile refuses the folder. */
export const DRAFTS_MARK = '.subloc-drafts';

/** Marks `folder` as localize's before anything is drafted into it (made if need be). */
export async function markDraftsFolder(folder: string): Promise<void> {
  const mark = join(folder, DRAFTS_MARK);
  try {
    await makeFolder(folder);
    await writeFile(mark, 'a subloc localize run folder: drafts and review files, never deliverables\n');
  } catch (cause) {
    throw new SublocError('WRITE_FAILED', `could not write ${mark}: ${fileErrorReason(cause)}; expected an output folder subloc can write (--out, or \`out\` in the config)`, { cause, file: mark });
  }
}
