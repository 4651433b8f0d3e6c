import type { MemoryStore } from './store.js';
import { openMemory, type OpenMemoryOptions } from './sqlite.js';

/** The memory at `location`: an SQLite file (or `:memory:`). The one place that picks an implementation of the port. */
export async function openMemoryStore(location: string, options: OpenMemoryOptions = {}): Promise<MemoryStore> {
  return openMemory(location, options);
}
