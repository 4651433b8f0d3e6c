import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SublocError } from '../errors.js';
import { STALE_AFTER_MS, writerGone } from './write-atomic.js';

/** Held by the run writing the folder: its pid, so a run killed while holding it can be told from a live one. */
const LOCK = '.deliver.lock';
const RETRY_MS = 100;

async function holder(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** The holder was killed (its process is gone) or has held the folder longer than any delivery takes. */
async function stale(path: string, pid: number | undefined): Promise<boolean> {
  if (pid !== undefined && writerGone(pid)) return true;
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > STALE_AFTER_MS;
}

/** Moves a stale lock away; gives it back if a live run took the lock between the look and the move. */
async function takeOver(path: string, pid: number | undefined): Promise<void> {
  const moved = `${path}.${process.pid}.stale`;
  if (!(await rename(path, moved).then(() => true, () => false))) return;
  if ((await holder(moved)) !== pid) await link(moved, path).catch(() => {});
  await rm(moved, { force: true });
}

/** What a run killed while taking the lock left: its pid file before the link, or a stale lock it was moving away. */
const LEFT_OVER = /^\.deliver\.lock\.(\d+)\.(?:[0-9a-z]+\.tmp|stale)$/;

async function removeLeftOvers(folder: string): Promise<void> {
  for (const name of await readdir(folder).catch(() => [])) {
    const m = LEFT_OVER.exec(name);
    if (m && writerGone(Number(m[1]))) await rm(join(folder, name), { force: true }).catch(() => {});
  }
}

function lockFailed(folder: string, cause: unknown): SublocError {
  return new SublocError('WRITE_FAILED', `could not take ${join(folder, LOCK)}: ${(cause as Error).message}; expected a delivery folder subloc can write: check its permissions`, { cause, file: folder });
}

/**
 * Runs `work` while no other `deliver` writes `folder`: one that does is
 * waited for. Two runs at once would each read the other's half-made
 * staging folder as left over, and the later manifest would not list the
 * earlier run's languages.
 */
export async function withDeliveryLock<T>(folder: string, work: () => Promise<T>): Promise<T> {
  const path = join(folder, LOCK);
  // Written in full under another name first, then linked: the lock never exists without its pid.
  const mine = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(mine, `${process.pid}\n`);
  } catch (cause) {
    if ((await stat(folder).catch(() => undefined))?.isFile()) throw new SublocError('WRITE_FAILED', `${folder} is a file; expected the delivery's folder: move the file away, or deliver with another --out or --title`, { cause, file: folder });
    throw lockFailed(folder, cause);
  }
  try {
    for (;;) {
      try {
        await link(mine, path);
        break;
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw lockFailed(folder, cause);
      }
      const pid = await holder(path);
      if (await stale(path, pid)) await takeOver(path, pid);
      else await sleep(RETRY_MS);
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
