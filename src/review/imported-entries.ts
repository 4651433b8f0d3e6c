import type { MemoryEntry } from '../memory/store.js';
import { unitKey } from '../model/unit.js';
import type { ImportPlan } from './import.js';

/**
 * The plan's entries for the current track, and those kept only for the old
 * text of a unit whose source changed or whose sentence lost a cue (`earlier`):
 * stored, but not imported onto any cue, and not counted as imported.
 */
export function importedEntries(plan: ImportPlan): { imported: MemoryEntry[]; keptForOldText: MemoryEntry[] } {
  const old = new Set(plan.earlier.map((cues) => unitKey(cues.map((c) => c.source))));
  return { imported: plan.entries.filter((e) => !old.has(unitKey(e.source))), keptForOldText: plan.entries.filter((e) => old.has(unitKey(e.source))) };
}
