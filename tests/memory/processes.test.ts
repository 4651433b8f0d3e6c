import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import { startProcess, tempDir, tsxArgs, type RunningProcess } from '../helpers/cli.js';

const SCRIPT = join(import.meta.dirname, 'memory-process.ts');
const running: RunningProcess[] = [];
function memoryProcess(...args: string[]): RunningProcess {
  const p = startProcess(tsxArgs(SCRIPT, ...args), import.meta.dirname);
  running.push(p);
  return p;
}
afterEach(async () => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

/** Resolves once `ready()` holds, checking as output arrives; the test's timeout bounds it. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
}

describe('several processes on one memory', () => {
  it('all open a brand-new memory at the same moment without an error', async () => {
    const path = join(tempDir('subloc-memory-race-'), '.subloc', 'memory.sqlite');
    const processes = Array.from({ length: 6 }, () => memoryProcess('open', path));
    // Each has loaded its modules before any opens the file: the opens collide.
    await until(() => processes.every((p) => p.stdout.includes('ready')));
    for (const p of processes) p.child.stdin!.write('go\n');
    const results = await Promise.all(processes.map((p) => p.done));
    for (const r of results) expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'ready\nstored\n' });
    const memory = openMemory(path);
    expect(await memory.entries()).toHaveLength(6);
    await memory.close();
  }, 120_000);
});
