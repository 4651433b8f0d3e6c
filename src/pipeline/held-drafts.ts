import type { MemoryEntry } from '../memory/store.js';

/** What marks a held first draft's provider in the memory (`Draft.held`): `deepl:held`. */
const MARK = ':held';

/** The provider a draft is stored under: its own, marked when the draft is held. */
export function storedProvider(provider: string, held: boolean): string {
  return held ? `${provider}${MARK}` : provider;
}

/** Whether a stored entry is a provider's first draft still waiting for its second request. */
export function isHeld(entry: MemoryEntry): boolean {
  return entry.status === 'draft' && entry.byReviewer !== true && entry.provider.endsWith(MARK);
}

/** The provider that made a stored entry, its mark taken off. */
export function madeBy(entry: MemoryEntry): string {
  return isHeld(entry) ? entry.provider.slice(0, -MARK.length) : entry.provider;
}
