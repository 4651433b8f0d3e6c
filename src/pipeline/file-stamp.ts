import { readFile, stat } from 'node:fs/promises';
import { sha256 } from './written-record.js';

/** A file as it was read: where it is on disk and when it was last changed, and a hash of its bytes. */
export interface FileStamp {
  path: string;
  /** Device, inode, size and change times: equal, the file was not written since. */
  identity: string;
  hash: string;
}

async function identityOf(path: string): Promise<{ identity: string; file: boolean }> {
  const s = await stat(path, { bigint: true });
  return { identity: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`, file: s.isFile() };
}

/** Stamps a file; taken before the file is read, so a write meanwhile shows as a change next time. An unreadable file stamps as such. */
export async function stampFile(path: string): Promise<FileStamp> {
  try {
    const { identity, file } = await identityOf(path);
    // Only a file's bytes are hashed: a pipe read here would be gone for the reader.
    return { path, identity, hash: file ? sha256(await readFile(path)) : identity };
  } catch {
    return { path, identity: '', hash: '' };
  }
}

/** The file's stamp now: `stamp` itself while the file was not written (one `stat`), else taken anew (its bytes may still be the same). */
export async function restamp(stamp: FileStamp): Promise<FileStamp> {
  const now = await identityOf(stamp.path).catch(() => undefined);
  return now !== undefined && now.identity === stamp.identity ? stamp : stampFile(stamp.path);
}
