import type { Diagnostic } from '../../model/diagnostic.js';
import type { Cue } from '../../model/track.js';
import { doubled } from './doubled.js';
import { isDigit } from './char-codes.js';

/** Where the cues' ids came from, one entry per cue in the reader's order. */
export interface IdOrigins {
  /**
   * 1-based line where cue k's id stands, or where the cue starts when the file gives none; or
   * what finds them, asked only when some id must change (finding lines may cost a walk of the file).
   */
  lines: readonly number[] | (() => readonly number[]);
  /** Whether cue k's id is the file's own; false when the reader made it up (from the position, say). */
  given: readonly boolean[];
  /**
   * Set by a reader that found, as it made them, every id to be a number
   * (see `idNumber`) above the one before: such ids cannot repeat, and none
   * is looked at again, which on a long file is a walk through every cue.
   */
  rising?: boolean;
}

/**
 * The origins of a reader's ids, noted cue by cue as it makes them: in one
 * typed array, which the collector never copies (two arrays of 100,000
 * entries grown as a file is read cost it more than the ids themselves),
 * with whether the ids rise.
 */
export class IdRecorder {
  /** Per cue, the 1-based line of its id; negative when the reader made the id up. */
  private rows = new Int32Array(1024);
  private count = 0;
  private last = -1;
  private rising = true;

  /** `line`: where the id stands (where the cue starts when it has none); `number`: the id as `idNumber` reads it. */
  add(line: number, given: boolean, number: number): void {
    if (this.count === this.rows.length) this.rows = doubled(this.rows);
    this.rows[this.count++] = given ? line : -line;
    if (number > this.last) this.last = number;
    else this.rising = false;
  }

  origins(): IdOrigins {
    if (this.rising) return { lines: [], given: [], rising: true };
    const rows = Array.from(this.rows.subarray(0, this.count));
    return { lines: rows.map(Math.abs), given: rows.map((row) => row > 0) };
  }
}

/** A cue whose id the file gave to an earlier cue already. */
export interface RepeatedId {
  /** The id as the file gives it. */
  id: string;
  /** The id the cue is read as. */
  derived: string;
  /** The line of this cue's id, and of the first cue with that id. */
  line: number;
  firstLine: number;
}

/** Joins an id and a count; never part of an SRT number, and rare in any id. */
const SEPARATOR = '~';

/**
 * Makes cue ids unique within the track, as the model requires. A file's own
 * id stays as long as no earlier cue has it, so ids are stable from run to
 * run and review files written earlier keep their ids. A repeated id, or a
 * made-up one that the file uses for some cue, becomes `id~n`, with the
 * first n from 2 that no cue of the file has; `repeated` makes the
 * diagnostic for a repeated id of the file. Diagnostics that named a
 * renamed cue (by its old id, from its line up to the next cue's) name it
 * by its new id, and the new diagnostics are merged in by line.
 */
export function settleCueIds(cues: Cue[], origins: IdOrigins, diagnostics: Diagnostic[], repeated: (r: RepeatedId) => Diagnostic): void {
  if (origins.rising === true || allUnique(cues)) return;
  const lines = typeof origins.lines === 'function' ? origins.lines() : origins.lines;
  const fileIds = new Set<string>();
  cues.forEach((cue, k) => {
    if (origins.given[k]) fileIds.add(cue.id);
  });
  const taken = new Map<string, number>();
  const renamed: { k: number; from: string }[] = [];
  const found: Diagnostic[] = [];
  cues.forEach((cue, k) => {
    const id = cue.id;
    const line = lines[k] ?? 0;
    const given = origins.given[k] === true;
    const firstLine = taken.get(id);
    if (firstLine === undefined && (given || !fileIds.has(id))) {
      taken.set(id, line);
      return;
    }
    let n = 2;
    while (fileIds.has(`${id}${SEPARATOR}${n}`) || taken.has(`${id}${SEPARATOR}${n}`)) n++;
    const derived = `${id}${SEPARATOR}${n}`;
    taken.set(derived, line);
    cue.id = derived;
    renamed.push({ k, from: id });
    if (given && firstLine !== undefined) found.push(repeated({ id, derived, line, firstLine }));
  });
  follow(diagnostics, cues, lines, renamed);
  merge(diagnostics, found);
}

/**
 * The id from `from` on as a number when it is one written plainly (digits,
 * no leading zero, at most 15 of them); else -1.
 */
export function idNumber(id: string, from = 0): number {
  const length = id.length - from;
  if (length <= 0 || length > 15 || (id.charCodeAt(from) === 0x30 && length > 1)) return -1;
  let n = 0;
  for (let i = from; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + c - 0x30;
  }
  return n;
}

/**
 * Numbers written without leading zeros and rising from cue to cue cannot
 * repeat, nor can they after a head of the same length (`c1`, `c2`, as TTML
 * writers number paragraphs): equal ids would be equal numbers. The usual
 * file is settled without hashing every id.
 */
function risingNumbers(cues: readonly Cue[]): boolean {
  const first = cues[0]?.id ?? '';
  let p = first.length;
  while (p > 0 && isDigit(first.charCodeAt(p - 1))) p--;
  let previous = -1;
  for (const { id } of cues) {
    const n = idNumber(id, p);
    if (n < 0) return false;
    if (n <= previous) return false;
    previous = n;
  }
  return true;
}

function allUnique(cues: readonly Cue[]): boolean {
  if (risingNumbers(cues)) return true;
  const seen = new Set<string>();
  for (const cue of cues) {
    if (seen.has(cue.id)) return false;
    seen.add(cue.id);
  }
  return true;
}

/** Points diagnostics about a renamed cue (its old id, within its lines) at its new id. */
function follow(diagnostics: Diagnostic[], cues: readonly Cue[], lines: readonly number[], renamed: readonly { k: number; from: string }[]): void {
  const byOldId = new Map<string, { from: number; to: number; id: string }[]>();
  for (const { k, from } of renamed) {
    const start = lines[k] ?? 0;
    const next = lines[k + 1];
    const ranges = byOldId.get(from) ?? [];
    ranges.push({ from: start, to: next === undefined || next < start ? Infinity : next, id: cues[k]!.id });
    byOldId.set(from, ranges);
  }
  diagnostics.forEach((d, i) => {
    if (d.cueId === undefined || d.line === undefined) return;
    const range = byOldId.get(d.cueId)?.find((r) => d.line! >= r.from && d.line! < r.to);
    if (range) diagnostics[i] = { ...d, cueId: range.id };
  });
}

/** Inserts `found` before the first diagnostic of a later line; diagnostics without a line stay where they are. */
function merge(diagnostics: Diagnostic[], found: Diagnostic[]): void {
  if (found.length === 0) return;
  const pending = [...found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const out: Diagnostic[] = [];
  let p = 0;
  for (const d of diagnostics) {
    while (p < pending.length && d.line !== undefined && d.line > pending[p]!.line!) out.push(pending[p++]!);
    out.push(d);
  }
  while (p < pending.length) out.push(pending[p++]!);
  diagnostics.length = 0;
  for (const d of out) diagnostics.push(d);
}
