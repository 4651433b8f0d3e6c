import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { withDeliveryLock } from '../../src/pipeline/deliver-lock.js';
import { tempDir } from '../helpers/cli.js';
import { mostInsideAtOnce } from './lock-turns.js';

// exFAT and FAT32, the drives festivals take deliveries on, have no hard links: a test cannot mount one, so link fails as theirs does.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const link = async (from: string, to: string) => {
    throw Object.assign(new Error(`EPERM: operation not permitted, link '${from}' -> '${to}'`), { code: 'EPERM', syscall: 'link', path: from, dest: to });
  };
  return { ...fs, link, default: { ...fs, link } };
});

const HOST = hostname().toLowerCase().replace(/[^a-z0-9-]/g, '-') || 'host';
/** A pid no process has: above the kernel's limit (pid_max is at most 2^22). */
const DEAD = 2 ** 22 + 1;

describe('the delivery lock on a drive without hard links', () => {
  it('is taken, holds this run’s pid and machine while it works, and nothing is left after', async () => {
    const folder = join(tempDir(), 'film');
    const held = await withDeliveryLock(folder, async () => readFileSync(join(folder, '.deliver.lock'), 'utf8'));
    expect(held).toBe(`${process.pid} ${HOST}\n`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('makes two runs take turns', async () => {
    const folder = join(tempDir(), 'film');
    expect(await mostInsideAtOnce(folder)).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('takes over the lock of a killed run of this machine', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, '.deliver.lock'), `${DEAD} ${HOST}\n`);
    expect(await withDeliveryLock(folder, async () => readFileSync(join(folder, '.deliver.lock'), 'utf8'))).toBe(`${process.pid} ${HOST}\n`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('waits for a lock another machine holds, or one just created and not yet written, until it is gone', async () => {
    for (const text of [`${DEAD} other-machine\n`, '']) {
      const folder = tempDir();
      const lock = join(folder, '.deliver.lock');
      writeFileSync(lock, text);
      let worked = false;
      const waits: string[] = [];
      const run = withDeliveryLock(folder, async () => (worked = true), (by) => {
        waits.push(by);
        rmSync(lock);
      });
      await run;
      expect(worked).toBe(true);
      expect(waits).toEqual([text === '' ? lock : `${lock}, pid ${DEAD} on other-machine`]);
    }
  });

  it('takes over a lock without a holder once it is an hour old (its run killed as it took it)', async () => {
    const folder = tempDir();
    const lock = join(folder, '.deliver.lock');
    writeFileSync(lock, '');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(lock, twoHoursAgo, twoHoursAgo);
    const waits: string[] = [];
    expect(await withDeliveryLock(folder, async () => readFileSync(lock, 'utf8'), (by) => waits.push(by))).toBe(`${process.pid} ${HOST}\n`);
    expect(waits).toEqual([]);
    expect(existsSync(lock)).toBe(false);
  });
});
