import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { SublocError } from '../errors.js';

export interface SetFile {
  /** Path inside the folder, `/`-separated. */
  path: string;
  data: Uint8Array;
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/**
 * Writes a whole folder as one set: every file into a temporary folder beside
 * `target`, then one rename puts it in place of the previous one. Any failure
 * before that rename leaves the previous folder untouched.
 */
export async function writeFolderAtomic(target: string, files: readonly SetFile[]): Promise<void> {
  const parent = dirname(target);
  const tag = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
  const temp = join(parent, `.${basename(target)}.${tag}.tmp`);
  const old = join(parent, `.${basename(target)}.${tag}.old`);
  let step = `create ${temp}`;
  try {
    await mkdir(temp, { recursive: true });
    for (const file of files) {
      const path = resolve(temp, file.path);
      if (!path.startsWith(temp + sep)) throw new Error(`${file.path} is outside the delivery folder`);
      step = `write ${join(target, file.path)}`;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.data);
    }
    step = `replace ${target}`;
    const replacing = await exists(target);
    if (replacing) await rename(target, old);
    try {
      await rename(temp, target);
    } catch (cause) {
      if (replacing) await rename(old, target);
      throw cause;
    }
    if (replacing) await rm(old, { recursive: true, force: true });
  } catch (cause) {
    await rm(temp, { recursive: true, force: true });
    throw new SublocError('WRITE_FAILED', `could not ${step}: ${(cause as Error).message}; the previous delivery is unchanged`, { cause, file: target });
  }
}
