import { afterEach, describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import type { MemoryStore } from '../../src/memory/store.js';

// What every memory's run lock does is in contract.ts; this is SQLite's own.
const open: MemoryStore[] = [];
function memory(path: string): MemoryStore {
  const store = openMemory(path);
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

describe('the run lock', () => {
  it('never waits on a private in-memory memory', async () => {
    const a = memory(':memory:');
    const b = memory(':memory:');
    await a.lockRuns({ purpose: 'a' });
    (await b.lockRuns({ purpose: 'b', onWait: () => expect.fail('a private memory has no other run') })).release();
  });
});
