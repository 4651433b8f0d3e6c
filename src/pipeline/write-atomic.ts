import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, lstat, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, basename, sep } from 'node:path';
import { fileErrorReason, SublocError } from '../errors.js';
import { makeFolder } from './make-folder.js';

/** The longest file name ext4, APFS, NTFS and exFAT all take, counted in UTF-8 bytes (ext4's unit, the strictest here). */
export const NAME_BYTES = 255;
/** `.<name>.<pid>.<time>.tmp`: the temporary file of a write in progress, or of one that was killed. */
const TEMP = /^\.(.+)\.(\d+)\.([0-9a-z]+)\.tmp$/;
/** Room a temporary name needs beside its target's: the dot before it and `.<pid>.<time>.tmp` (a pid of 10 digits, a time and count of 13). */
const TEMP_BYTES = 1 + 1 + 10 + 1 + 13 + 4;
/** Writes begun in this process: two writes of one path within a millisecond must not share a temporary file. */
let writes = 0;
const HASH_CHARS = 12;

/**
 * The target's name as its temporary file carries it: whole when there is
 * room, else cut and marked with a hash of the whole name, so that a name
 * the drive takes gets a temporary name it takes too, and two long names
 * alike at the start get different ones.
 */
export function tempStem(name: string): string {
  const room = NAME_BYTES - TEMP_BYTES;
  if (Buffer.byteLength(name) <= room) return name;
  let cut = '';
  for (const character of name) {
    if (Buffer.byteLength(cut + character) > room - 1 - HASH_CHARS) break;
    cut += character;
  }
  return `${cut}~${createHash('sha256').update(name).digest('hex').slice(0, HASH_CHARS)}`;
}

/** No single write takes this long: a temporary file this old is left over whatever its pid says now (pids are reused). */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/** True when no process `pid` runs on this machine any more; false for this process and while unsure. */
export function writerGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists under another user; anything else says nothing for sure.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes what killed writes of `path` left beside it: their temporary files
 * whose writer process is gone, or that are hours old. A tidy-up: a file it
 * cannot remove stays, and the write goes on.
 */
async function removeStaleTemps(path: string): Promise<void> {
  const dir = dirname(path);
  const name = tempStem(basename(path));
  const entries = await readdir(dir).catch(() => []);
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    if (!m || m[1] !== name) continue;
    const temp = join(dir, entry);
    const info = await stat(temp).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (writerGone(Number(m[2])) || Date.now() - info.mtimeMs > STALE_AFTER_MS) await rm(temp, { force: true }).catch(() => {});
  }
}

/**
 * Writes beside the target, then renames: a reader never sees half a file,
 * and a failed run leaves the previous file (an approved track, say) intact.
 * A file replaced keeps its permissions, and one this user may not write
 * (made read-only to keep it) is refused, as writing in place would be; a
 * link keeps pointing at it, and a device or pipe is written into.
 */
export async function writeFileAtomic(to: string, data: string | Uint8Array): Promise<void> {
  const before = await stat(to).catch(() => undefined);
  // A device or a pipe (`-o /dev/stdout`, a FIFO) is written into: renaming over it would put a file in its place.
  if (before !== undefined && !before.isFile() && !before.isDirectory()) {
    await writeFile(to, data).catch(async (cause: unknown) => {
      throw new SublocError('WRITE_FAILED', `could not write ${to}: ${await reason(cause as NodeJS.ErrnoException, to)}`, { cause, file: to });
    });
    return;
  }
  // Through a link to the file it names: the link stays, and the file is replaced whole.
  const path = before?.isFile() && (await lstat(to)).isSymbolicLink() ? await realpath(to) : to;
  const dir = dirname(path);
  const stamp = `${Date.now().toString(36)}${(writes++ % 36 ** 4).toString(36).padStart(4, '0')}`;
  const temp = join(dir, `.${tempStem(basename(path))}.${process.pid}.${stamp}.tmp`);
  try {
    if (before?.isFile()) await access(path, constants.W_OK);
    await makeFolder(dir);
    await removeStaleTemps(path);
    await writeFile(temp, data);
    if (before?.isFile()) await chmod(temp, before.mode & 0o7777);
    await rename(temp, path);
  } catch (cause) {
    // Where a file stands in the folder's place there is no temporary file to remove, and rm says so.
    await rm(temp, { force: true }).catch(() => {});
    throw new SublocError('WRITE_FAILED', `could not write ${path}: ${await reason(cause as NodeJS.ErrnoException, path)}`, { cause, file: path });
  }
}

/** Why the write failed, in the user's terms: the system's words name the temporary file, which the user never chose. */
async function reason(cause: NodeJS.ErrnoException, path: string): Promise<string> {
  switch (cause.code) {
    case 'EISDIR':
      return 'a folder of that name is there; expected a file name (choose another output, or move the folder away)';
    case 'ENOTDIR':
    case 'EEXIST':
      for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
        if ((await stat(dir).catch(() => undefined))?.isFile()) return `${dir} is a file; expected a folder`;
      }
      return cause.message;
    case 'EACCES':
    case 'EPERM':
      // The file itself refused (read-only), or the folder.
      if (cause.path === path) return `${path} is read-only; expected a file this user may replace (make it writable, or choose another output)`;
      return `permission denied in ${dirname(path)}`;
    case 'ENAMETOOLONG': {
      const name = path.split(sep).find((part) => Buffer.byteLength(part) > NAME_BYTES);
      if (name === undefined) return fileErrorReason(cause);
      const which = name === basename(path) ? 'its name' : 'the name of a folder in its path';
      return `${which} is ${Buffer.byteLength(name)} bytes; expected at most ${NAME_BYTES}, the longest file name every drive takes: choose a shorter name`;
    }
    default:
      return fileErrorReason(cause);
  }
}
