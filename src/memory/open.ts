import { isPostgresLocation } from './location.js';
import type { MemoryStore } from './store.js';
import { openMemory, type OpenMemoryOptions } from './sqlite.js';

/**
 * The memory at `location`: a Postgres database for a `postgres://` URL, else
 * an SQLite file (or `:memory:`). The one place that picks an implementation
 * of the port; the Postgres driver loads only for a Postgres memory.
 */
export async function openMemoryStore(location: string, options: OpenMemoryOptions = {}): Promise<MemoryStore> {
  if (isPostgresLocation(location)) {
    const { openPostgresMemory } = await import('./postgres.js');
    return openPostgresMemory(location, options);
  }
  return openMemory(location, options);
}
