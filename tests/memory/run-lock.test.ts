import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scopeLockPathOf } from '../../src/memory/run-lock.js';
import { openMemory } from '../../src/memory/sqlite.js';
import type { MemoryStore, RunHolder } from '../../src/memory/store.js';
import { startProcess, tempDir, tsxArgs, type RunningProcess } from '../helpers/cli.js';

const SCRIPT = join(import.meta.dirname, 'memory-process.ts');
const open: MemoryStore[] = [];
const running: RunningProcess[] = [];
function memory(path: string): MemoryStore {
  const store = openMemory(path);
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
}

/** Whether a promise has settled by the time everything queued before it has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('the run lock', () => {
  it('makes a second run wait until the first releases, telling it once who holds the memory', async () => {
    const path = join(tempDir('subloc-lock-'), 'memory.sqlite');
    const first = await memory(path).lockRuns({ purpose: 'subloc localize film-a' });
    const told: (RunHolder | undefined)[] = [];
    const second = memory(path).lockRuns({ purpose: 'subloc localize film-b', onWait: (holder) => told.push(holder) });
    await until(() => told.length > 0);
    // It keeps waiting, however often it looks again.
    await new Promise((r) => setTimeout(r, 600));
    expect(await settled(second)).toBe(false);
    expect(told).toEqual([{ pid: process.pid, hostname: hostname(), since: expect.any(String), purpose: 'subloc localize film-a' }]);

    first.release();
    const lock = await second;
    expect(told).toHaveLength(1);
    lock.release();
    // Released twice is released once.
    lock.release();
    first.release();
    (await memory(path).lockRuns({ purpose: 'third' })).release();
  }, 120_000);

  it('is given up by closing the memory', async () => {
    const path = join(tempDir('subloc-lock-'), 'memory.sqlite');
    const m = memory(path);
    await m.lockRuns({ purpose: 'a run that closes the memory' });
    await m.close();
    const lock = await memory(path).lockRuns({ purpose: 'next', onWait: () => expect.fail('the lock was not given up') });
    lock.release();
  });

  it('is taken over when the process that held it dies (killed, no clean-up)', async () => {
    const path = join(tempDir('subloc-lock-'), 'memory.sqlite');
    const holder = startProcess(tsxArgs(SCRIPT, 'hold', path), import.meta.dirname);
    running.push(holder);
    await until(() => holder.stdout.includes('held') || holder.child.exitCode !== null);
    expect(holder.stdout).toBe('held\n');
    const told: (RunHolder | undefined)[] = [];
    const waiting = memory(path).lockRuns({ purpose: 'after a crash', onWait: (h) => told.push(h) });
    await until(() => told.length > 0);
    expect(told[0]).toMatchObject({ pid: holder.child.pid, purpose: 'memory-process.ts hold' });
    holder.child.kill('SIGKILL');
    (await waiting).release();
  }, 120_000);

  it('stops waiting when its signal is aborted', async () => {
    const path = join(tempDir('subloc-lock-'), 'memory.sqlite');
    await memory(path).lockRuns({ purpose: 'holder' });
    const controller = new AbortController();
    const waiting = memory(path).lockRuns({ purpose: 'waiter', signal: controller.signal, onWait: () => controller.abort(new Error('stopped by the user')) });
    await expect(waiting).rejects.toThrow('stopped by the user');
  });

  it('never waits on a private in-memory memory', async () => {
    const a = memory(':memory:');
    const b = memory(':memory:');
    await a.lockRuns({ purpose: 'a' });
    (await b.lockRuns({ purpose: 'b', onWait: () => expect.fail('a private memory has no other run') })).release();
  });

  it('lets runs of different scopes go side by side, and makes runs of one scope take turns', async () => {
    const path = join(tempDir('subloc-lock-'), 'memory.sqlite');
    const fr = await memory(path).lockRuns({ purpose: 'film-a fr', scope: 'film-a\u0000fr-FR' });
    // A scope of its own (not sharing fr's lock file): taken at once.
    const otherScope = ['film-a\u0000de-DE', 'film-b\u0000de-DE', 'film-c\u0000es-ES'].find((s) => scopeLockPathOf(path, s) !== scopeLockPathOf(path, 'film-a\u0000fr-FR'))!;
    const de = await memory(path).lockRuns({ purpose: 'film-a de', scope: otherScope, onWait: () => expect.fail('another scope is not kept out') });
    const told: (RunHolder | undefined)[] = [];
    const frAgain = memory(path).lockRuns({ purpose: 'film-a fr again', scope: 'film-a\u0000fr-FR', onWait: (h) => told.push(h) });
    await until(() => told.length > 0);
    expect(await settled(frAgain)).toBe(false);
    fr.release();
    (await frAgain).release();
    de.release();
  }, 120_000);

  it('keeps a whole-memory run out while a scoped run holds, and scoped runs out while a whole-memory run holds', async () => {
    const path = join(tempDir('subloc-lock-'), 'memory.sqlite');
    const scoped = await memory(path).lockRuns({ purpose: 'film-a fr', scope: 'film-a\u0000fr-FR' });
    const toldWhole: (RunHolder | undefined)[] = [];
    const whole = memory(path).lockRuns({ purpose: 'subloc localize film-a', onWait: (h) => toldWhole.push(h) });
    await until(() => toldWhole.length > 0);
    expect(toldWhole[0]).toMatchObject({ purpose: 'film-a fr' });
    expect(await settled(whole)).toBe(false);
    scoped.release();
    const held = await whole;
    const toldScoped: (RunHolder | undefined)[] = [];
    const later = memory(path).lockRuns({ purpose: 'film-b de', scope: 'film-b\u0000de-DE', onWait: (h) => toldScoped.push(h) });
    await until(() => toldScoped.length > 0);
    expect(await settled(later)).toBe(false);
    held.release();
    (await later).release();
  }, 120_000);
});
