import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { SublocError } from '../errors.js';

/**
 * Writes beside the target, then renames: a reader never sees half a file,
 * and a failed run leaves the previous file (an approved track, say) intact.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true });
    throw new SublocError('WRITE_FAILED', `could not write ${path}: ${(cause as Error).message}`, { cause, file: path });
  }
}
