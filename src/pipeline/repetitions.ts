import type { Diagnostic } from '../model/diagnostic.js';
import { unitKey, type Draft, type Unit } from '../model/unit.js';

/**
 * Units of one run whose text repeats (the greeting every call opens with, a
 * short answer): one of each text is drafted and billed, and the others take
 * its draft, as a CAT tool propagates a repetition and as the memory gives
 * every later run one translation of a text anyway.
 */
export interface Repetitions {
  /** One unit of each text, in the units' order: with budgets, the one with the smallest, so that its draft fits the others too. */
  drafted: Unit[];
  /** The drafts given, each followed by a copy for every unit that repeats its unit's text, billed nothing. */
  withCopies(drafts: readonly Draft[]): Draft[];
  /** What was said of a drafted unit's cues, said of the same cue of every unit that repeats it too (a cue that could not be placed is not placed in its copies either). */
  withCopiedDiagnostics(found: readonly Diagnostic[]): Diagnostic[];
}

export function repetitions(units: readonly Unit[], budgets?: ReadonlyMap<string, readonly number[]>): Repetitions {
  const total = (unit: Unit) => (budgets?.get(unit.id) ?? []).reduce((n, b) => n + b, 0);
  const groups = new Map<string, Unit[]>();
  for (const unit of units) {
    const key = unitKey(unit.source);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [unit]);
    else group.push(unit);
  }
  const copiesOf = new Map<string, Unit[]>();
  /** A drafted unit's cue id → the same cue of each unit that repeats it. */
  const copiedCues = new Map<string, string[]>();
  const chosen = new Set<Unit>();
  for (const group of groups.values()) {
    const kept = budgets === undefined ? group[0]! : group.reduce((tightest, unit) => (total(unit) < total(tightest) ? unit : tightest));
    chosen.add(kept);
    if (group.length === 1) continue;
    const copies = group.filter((unit) => unit !== kept);
    copiesOf.set(kept.id, copies);
    kept.cueIds.forEach((cueId, k) => copiedCues.set(cueId, copies.map((c) => c.cueIds[k]!)));
  }
  return {
    drafted: units.filter((unit) => chosen.has(unit)),
    withCopiedDiagnostics(found) {
      if (copiedCues.size === 0) return [...found];
      return found.flatMap((d) => [d, ...(d.cueId === undefined ? [] : (copiedCues.get(d.cueId) ?? []).map((cueId) => ({ ...d, cueId })))]);
    },
    withCopies(drafts) {
      if (copiesOf.size === 0) return [...drafts];
      const out: Draft[] = [];
      for (const draft of drafts) {
        out.push(draft);
        for (const unit of copiesOf.get(draft.unitId) ?? []) out.push({ ...structuredClone(draft), unitId: unit.id, billedCharacters: 0 });
      }
      return out;
    },
  };
}
