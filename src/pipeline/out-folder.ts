import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { configError, type Origin } from './origin.js';

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
