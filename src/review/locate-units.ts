import { plainOf, type TaggedText } from '../model/tagged-text.js';
import type { Unit } from '../model/unit.js';
import type { XliffCue } from './xliff-read.js';

/** A source text as compared: on words alone, since a CAT tool may re-tag or re-space the source it was given. */
export function words(text: TaggedText): string {
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
  /**
   * Units not found whole, holding units of the file whole: the file's
   * `<group>`, its cues' sources unchanged, at cue `from` of the unit.
   */
  pieces: Map<Unit, { from: number; cues: XliffCue[] }[]>;
  /** The trans-units given to a unit or a piece of one. */
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
  const out: LocatedUnits = { located: new Map(), moved: [], pieces: new Map(), used: new Set() };
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
  findPieces(units, cues, out);
  return out;
}

/** The file's units (its `<group>`s), each as its trans-units in order; a file whose tool dropped the groups has none. */
function fileUnits(cues: readonly XliffCue[]): XliffCue[][] {
  const groups: XliffCue[][] = [];
  for (const c of cues) {
    const last = groups.at(-1);
    if (c.unitId !== '' && last !== undefined && last[0]!.unitId === c.unitId) last.push(c);
    else if (c.unitId !== '') groups.push([c]);
  }
  return groups;
}

/**
 * A new cut may join an inserted cue to a sentence, making one unit of cues
 * the file holds as a unit of their own: that unit of the file, found whole
 * and renumbered, is their translation still (the memory puts such pieces
 * together, see `regroupedEntries`). Cues under their own numbers are not
 * taken so: the file may as well have lost a trans-unit of its group, and a
 * part of a sentence's translation is not a whole one, unless the rest of
 * that sentence is in the file and went on, its words unchanged, into the
 * units just before and after (a cue put in that ends the sentence early,
 * `喂？`, split it: see `splitPart`). Read left to right, the longest first.
 */
function findPieces(units: readonly Unit[], cues: readonly XliffCue[], out: LocatedUnits): void {
  const groups = fileUnits(cues).sort((a, b) => b.length - a.length);
  units.forEach((unit, u) => {
    if (out.located.has(unit)) return;
    const found: { from: number; cues: XliffCue[] }[] = [];
    for (let from = 0; from < unit.source.length; ) {
      const group = groups.find(
        (g) =>
          g.length < unit.source.length &&
          g.every((c, k) => !out.used.has(c) && c.id !== unit.cueIds[from + k] && unit.source[from + k] !== undefined && sameWords(c.source, unit.source[from + k]!)),
      );
      const piece = group ?? splitPart(groups, unit, from, { before: units[u - 1], after: units[u + 1], used: out.used });
      if (piece === undefined) {
        from++;
        continue;
      }
      found.push({ from, cues: piece });
      for (const c of piece) out.used.add(c);
      from += piece.length;
    }
    if (found.length > 0) out.pieces.set(unit, found);
  });
}

/**
 * The trans-units of a file's unit that are cues `from`… of `unit`, where
 * that unit of the file was split: its trans-units before them are cues of
 * the unit just before, those after them of the unit just after, by their
 * words, as localize's regrouping takes a split (see `regroupedEntries`).
 */
function splitPart(groups: readonly XliffCue[][], unit: Unit, from: number, near: { before: Unit | undefined; after: Unit | undefined; used: ReadonlySet<XliffCue> }): XliffCue[] | undefined {
  const before = new Set(near.before?.source.map(words));
  const after = new Set(near.after?.source.map(words));
  for (const g of groups) {
    const a = g.findIndex((c) => !near.used.has(c) && sameWords(c.source, unit.source[from]!));
    if (a < 0) continue;
    let b = a + 1;
    while (b < g.length && from + b - a < unit.source.length && !near.used.has(g[b]!) && sameWords(g[b]!.source, unit.source[from + b - a]!)) b++;
    if (b - a === g.length) continue;
    if (g.slice(0, a).every((c) => before.has(words(c.source))) && g.slice(b).every((c) => after.has(words(c.source)))) return g.slice(a, b);
  }
  return undefined;
}

/** The current cue id of each trans-unit found under another number, whole or as a piece of a unit. */
export function renumberedCues(found: LocatedUnits): Map<XliffCue, string> {
  const out = new Map<XliffCue, string>();
  for (const { unit, cues } of found.moved) cues.forEach((c, k) => out.set(c, unit.cueIds[k]!));
  for (const [unit, pieces] of found.pieces) for (const { from, cues } of pieces) cues.forEach((c, k) => out.set(c, unit.cueIds[from + k]!));
  return out;
}
