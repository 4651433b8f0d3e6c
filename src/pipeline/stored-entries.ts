import type { MemoryEntry, MemoryStore } from '../memory/store.js';
import type { TaggedText } from '../model/tagged-text.js';
import { unitKey, type LanguagePair } from '../model/unit.js';
import { planImport, type ImportOptions, type ImportPlan } from '../review/import.js';
import type { XliffRead } from '../review/xliff-read.js';

/**
 * What the memory holds for each unit's exact source under any glossary,
 * read before an import is planned: the plan is pure, and the memory may be
 * a server that answers asynchronously.
 */
export async function storedEntries(
  memory: MemoryStore,
  units: readonly { source: readonly TaggedText[] }[],
  pair: LanguagePair,
): Promise<(source: readonly TaggedText[]) => MemoryEntry | undefined> {
  const byKey = new Map<string, MemoryEntry>();
  for (const unit of units) {
    const match = await memory.fuzzy(unit.source, pair, 1);
    if (match) byKey.set(unitKey(unit.source), match.entry);
  }
  return (source) => byKey.get(unitKey(source));
}

/**
 * `planImport` with what the memory holds: for the track's units and, when
 * the file holds translations of texts the track has changed since, for
 * those old texts too (asked once the plan has found them), so importing the
 * file again writes nothing.
 */
export async function planWithMemory(read: XliffRead, options: Omit<ImportOptions, 'stored'>, memory: MemoryStore, pair: LanguagePair): Promise<ImportPlan> {
  const plan = planImport(read, { ...options, stored: await storedEntries(memory, options.units, pair) });
  if (plan.earlier.length === 0) return plan;
  const earlier = plan.earlier.map((cues) => ({ source: cues.map((c) => c.source) }));
  return planImport(read, { ...options, stored: await storedEntries(memory, [...options.units, ...earlier], pair) });
}
