import { plainOf, type TaggedText } from '../model/tagged-text.js';
import type { Unit } from '../model/unit.js';
import type { XliffCue } from './xliff-read.js';

/** A source text as compared: on words alone, since a CAT tool may re-tag or re-space the source it was given. */
function words(text: TaggedText): string {
  return plainOf(text).replace(/\s+/g, ' ').trim();
}

export function sameWords(a: TaggedText, b: TaggedText): boolean {
  return words(a) === words(b);
}

export interface LocatedUnits {
  /** Each unit found whole in the file, with its trans-units in the unit's order. */
  located: Map<Unit, XliffCue[]>;
  /** Of those, the units found under other cue numbers, with their trans-units. */
  moved: { unit: Unit; cues: XliffCue[] }[];
  /** The trans-units given to a unit. */
  used: Set<XliffCue>;
}

/**
 * Where each unit of the current source track is in a review file: under
 * its cue ids while the sources there are its own; else, when an editor
 * renumbered the track since the file was written (a cue inserted, deleted
 * or moved), the run of consecutive trans-units whose sources are its own,
 * the nearest to its place when the text occurs more than once. A unit
 * neither way is not located; no trans-unit goes to two units.
 */
export function locateUnits(units: readonly Unit[], cues: readonly XliffCue[]): LocatedUnits {
  const out: LocatedUnits = { located: new Map(), moved: [], used: new Set() };
  const byId = new Map<string, XliffCue>();
  for (const c of cues) if (!byId.has(c.id)) byId.set(c.id, c);
  for (const unit of units) {
    const same = unit.cueIds.map((id) => byId.get(id));
    if (same.every((c, k) => c !== undefined && sameWords(c.source, unit.source[k]!))) {
      out.located.set(unit, same as XliffCue[]);
      for (const c of same) out.used.add(c!);
    }
  }
  const bySource = new Map<string, number[]>();
  cues.forEach((c, i) => bySource.set(words(c.source), [...(bySource.get(words(c.source)) ?? []), i]));
  let place = 0;
  for (const unit of units) {
    const at = place;
    place += unit.cueIds.length;
    if (out.located.has(unit)) continue;
    const runs = (bySource.get(words(unit.source[0]!)) ?? []).filter((i) =>
      unit.source.every((s, k) => {
        const c = cues[i + k];
        return c !== undefined && !out.used.has(c) && sameWords(c.source, s);
      }),
    );
    if (runs.length === 0) continue;
    const nearest = runs.reduce((best, i) => (Math.abs(i - at) < Math.abs(best - at) ? i : best));
    const found = cues.slice(nearest, nearest + unit.source.length);
    out.located.set(unit, found);
    out.moved.push({ unit, cues: found });
    for (const c of found) out.used.add(c);
  }
  return out;
}
