import { link, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileErrorReason, SublocError } from '../errors.js';
import { makeFolder } from './make-folder.js';
import { STALE_AFTER_MS, writerGone } from './write-atomic.js';

/**
 * Held by the run writing the folder: its machine and pid, so a run killed
 * while holding it can be told from a live one. A delivery folder may be on a
 * drive several machines share, where a pid says nothing about another
 * machine's processes: a lock of another machine is stale only by its age.
 */
const LOCK = '.deliver.lock';
const RETRY_MS = 100;
/** This machine as a file name may hold it. */
const HOST = hostname().toLowerCase().replace(/[^a-z0-9-]/g, '-') || 'host';
/** Runs of this process taken so far: two at once (deliver called twice) would otherwise name their lock files alike in the same millisecond. */
let runs = 0;

interface Holder {
  host: string;
  pid: number;
}

async function holder(path: string): Promise<Holder | undefined> {
  const m = /^(\d+) ([a-z0-9-]+)$/.exec((await readFile(path, 'utf8').catch(() => '')).trim());
  return m ? { pid: Number(m[1]), host: m[2]! } : undefined;
}

/** Killed: the process of this machine that wrote it is gone. Another machine's is not known here. */
const killed = (host: string, pid: number) => host === HOST && writerGone(pid);

/** The holder was killed, or has held the folder longer than any delivery takes. */
async function stale(path: string, by: Holder | undefined): Promise<boolean> {
  if (by !== undefined && killed(by.host, by.pid)) return true;
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > STALE_AFTER_MS;
}

/** Creates `path` holding `text` unless something is there (false then); a lock it could not write in full is removed. */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const file = await open(path, 'wx').catch((cause: unknown) => {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw cause;
  });
  if (file === undefined) return false;
  try {
    await file.writeFile(text);
    await file.close();
  } catch (cause) {
    await file.close().catch(() => {});
    await rm(path, { force: true });
    throw cause;
  }
  return true;
}

/**
 * Puts the lock at `path` as a copy of `from` unless a lock is there (false
 * then). A link to the file written in full means the lock never exists
 * without its holder. A drive with no hard links (exFAT, FAT32: the drives
 * festivals take deliveries on) refuses the link, and there the lock is
 * created exclusively and its holder written next: a lock found empty is
 * one being taken, waited for like one whose holder is unknown, or one whose
 * run was killed in that instant, taken over once it is an hour old.
 */
async function place(path: string, from: string): Promise<boolean> {
  try {
    await link(from, path);
    return true;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return false;
  }
  return createExclusive(path, await readFile(from, 'utf8'));
}

/** Moves a stale lock away; gives it back if a live run took the lock between the look and the move. */
async function takeOver(path: string, by: Holder | undefined): Promise<void> {
  const moved = `${path}.${HOST}.${process.pid}.stale`;
  if (!(await rename(path, moved).then(() => true, () => false))) return;
  const now = await holder(moved);
  if (now?.pid !== by?.pid || now?.host !== by?.host) await place(path, moved).catch(() => {});
  await rm(moved, { force: true });
}

/** What a run killed while taking the lock left: its lock file before the link, or a stale lock it was moving away. */
const LEFT_OVER = /^\.deliver\.lock\.([a-z0-9-]+)\.(\d+)\.(?:[0-9a-z]+\.tmp|stale)$/;

async function removeLeftOvers(folder: string): Promise<void> {
  for (const name of await readdir(folder).catch(() => [])) {
    const m = LEFT_OVER.exec(name);
    if (!m) continue;
    const path = join(folder, name);
    const old = async () => Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? Date.now()) > STALE_AFTER_MS;
    if (killed(m[1]!, Number(m[2])) || (await old())) await rm(path, { force: true }).catch(() => {});
  }
}

function lockFailed(folder: string, cause: unknown): SublocError {
  return new SublocError('WRITE_FAILED', `could not take ${join(folder, LOCK)}: ${fileErrorReason(cause)}; expected a delivery folder subloc can write (--out)`, { cause, file: folder });
}

/**
 * Runs `work` while no other `deliver` writes `folder`: one that does is
 * waited for. Two runs at once would each read the other's half-made
 * staging folder as left over, and the later manifest would not list the
 * earlier run's languages.
 */
export async function withDeliveryLock<T>(folder: string, work: () => Promise<T>, onWait?: (holder: string) => void): Promise<T> {
  const path = join(folder, LOCK);
  // Written in full under another name first, then linked (see `place`).
  const mine = `${path}.${HOST}.${process.pid}.${Date.now().toString(36)}${(runs++).toString(36)}.tmp`;
  try {
    await makeFolder(folder);
    await writeFile(mine, `${process.pid} ${HOST}\n`);
  } catch (cause) {
    if ((await stat(folder).catch(() => undefined))?.isFile()) throw new SublocError('WRITE_FAILED', `${folder} is a file; expected the delivery's folder: move the file away, or deliver with another --out or --title`, { cause, file: folder });
    throw lockFailed(folder, cause);
  }
  let waited = false;
  try {
    for (;;) {
      if (await place(path, mine).catch((cause: unknown) => { throw lockFailed(folder, cause); })) break;
      const by = await holder(path);
      if (await stale(path, by)) await takeOver(path, by);
      else {
        if (!waited) onWait?.(by === undefined ? join(folder, LOCK) : `${join(folder, LOCK)}, pid ${by.pid} on ${by.host}`);
        waited = true;
        await sleep(RETRY_MS);
      }
    }
  } finally {
    await rm(mine, { force: true });
  }
  await removeLeftOvers(folder);
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
