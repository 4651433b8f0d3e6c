import { SublocError } from '../errors.js';
import { PLAN_ATTEMPTS, type MemoryEntry, type MemoryStore, type PlannedOn, type PutResult } from '../memory/store.js';
import type { TaggedText } from '../model/tagged-text.js';
import { unitKey, type LanguagePair } from '../model/unit.js';
import { planImport, type ImportOptions, type ImportPlan } from '../review/import.js';
import type { XliffRead } from '../review/xliff-read.js';
import { draftedBy } from './drafted-by.js';

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
 * What each unit holds of a reviewer's work (`exact` under no glossary
 * version: reviewed, approved or imported entries), read before an import is
 * planned: what the plan's entries are planned on, so a studio save or
 * another import that lands meanwhile is never overwritten unseen.
 */
export async function reviewedWork(
  memory: MemoryStore,
  units: readonly { source: readonly TaggedText[] }[],
  pair: LanguagePair,
): Promise<(entries: readonly MemoryEntry[]) => PlannedOn[]> {
  const found = await memory.exactMany(units.map((u) => u.source), pair, '');
  const byKey = new Map(units.map((u, i) => [unitKey(u.source), found[i]]));
  return (entries) => entries.map((e) => ({ glossaryVersion: '', entry: byKey.get(unitKey(e.source)) }));
}

/** An import's plan, and what each of its entries was planned on. */
export interface PlannedImport {
  plan: ImportPlan;
  plannedOn: PlannedOn[];
}

/**
 * `planImport` with what the memory holds: for the track's units and, when
 * the file holds translations of texts the track has changed since, for
 * those old texts too (asked once the plan has found them), so importing the
 * file again writes nothing.
 */
export async function planWithMemory(read: XliffRead, options: Omit<ImportOptions, 'stored' | 'machineCues'>, memory: MemoryStore, pair: LanguagePair): Promise<PlannedImport> {
  let reviewed = await reviewedWork(memory, options.units, pair);
  let plan = planImport(read, { ...options, stored: await storedEntries(memory, options.units, pair), machineCues: draftedBy });
  if (plan.earlier.length > 0) {
    const units = [...options.units, ...plan.earlier.map((cues) => ({ source: cues.map((c) => c.source) }))];
    reviewed = await reviewedWork(memory, units, pair);
    plan = planImport(read, { ...options, stored: await storedEntries(memory, units, pair), machineCues: draftedBy });
  }
  return { plan, plannedOn: reviewed(plan.entries) };
}

/**
 * Stores a planned import whole, on the memory as its plan read it. When
 * another writer (a studio save, another import) changed one of its units
 * meanwhile, nothing is stored, and the import is planned again (`plan`) on
 * what is there then, so that writer's work is weighed as any other; a plan
 * that is refused then is returned unstored.
 */
export async function storeImport(memory: MemoryStore, file: string, first: PlannedImport, plan: () => Promise<PlannedImport>): Promise<{ plan: ImportPlan; written: PutResult }> {
  let planned = first;
  for (let attempt = 1; ; attempt++) {
    if (planned.plan.refused) return { plan: planned.plan, written: { written: 0, unchanged: 0, kept: 0 } };
    const written = await memory.put(planned.plan.entries, planned.plannedOn);
    if (written.stale === undefined) return { plan: planned.plan, written };
    if (attempt === PLAN_ATTEMPTS) {
      throw new SublocError(
        'REVIEW_NOT_IMPORTED',
        `${file} was not imported: ${written.stale} of its units changed in the memory each time it was planned (${PLAN_ATTEMPTS} times; another studio or import is writing them), and nothing of it was stored: import it again`,
        { file },
      );
    }
    planned = await plan();
  }
}
