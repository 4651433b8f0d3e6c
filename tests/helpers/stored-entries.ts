import { openMemory } from '../../src/memory/sqlite.js';
import type { MemoryEntry } from '../../src/memory/store.js';

/** Every entry of the SQLite memory at `path`, which is closed again after. */
export async function storedEntries(path: string): Promise<MemoryEntry[]> {
  const store = openMemory(path);
  try {
    return await store.entries();
  } finally {
    await store.close();
  }
}
