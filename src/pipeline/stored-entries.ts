import type { MemoryEntry, MemoryStore } from '../memory/store.js';
import type { TaggedText } from '../model/tagged-text.js';
import { unitKey, type LanguagePair, type Unit } from '../model/unit.js';

/**
 * What the memory holds for each unit's exact source under any glossary,
 * read before an import is planned: the plan is pure, and the memory may be
 * a server that answers asynchronously.
 */
export async function storedEntries(memory: MemoryStore, units: readonly Unit[], pair: LanguagePair): Promise<(source: readonly TaggedText[]) => MemoryEntry | undefined> {
  const byKey = new Map<string, MemoryEntry>();
  for (const unit of units) {
    const match = await memory.fuzzy(unit.source, pair, 1);
    if (match) byKey.set(unitKey(unit.source), match.entry);
  }
  return (source) => byKey.get(unitKey(source));
}
