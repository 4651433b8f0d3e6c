import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * `mkdir -p`, failing with the system's own reason: Node's recursive mkdir
 * says ENOENT (no such file) where the disk is read-only, so a user was sent
 * looking for a missing folder. On ENOENT the folders are made one at a time,
 * from the top, and the first that fails says why.
 */
export async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
    const folders: string[] = [];
    for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) folders.unshift(dir);
    for (const folder of folders) {
      await mkdir(folder).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      });
    }
  }
}
