/** Enough for any film; a file numbered past it gets fresh strings. */
const KEPT = 131_072;

const made: string[] = [];

/**
 * `String(n)` for a cue number, made once a process. Files number their
 * cues 1, 2, 3…, so a process that reads more than one (the studio, a
 * worker, a benchmark) would make the same strings again each time: young
 * objects that the collector copies, one a cue. Strings cannot change, so
 * tracks can share them.
 */
export function numberId(n: number): string {
  if (n < made.length) return made[n]!;
  if (n === made.length && n < KEPT) {
    const id = String(n);
    made.push(id);
    return id;
  }
  return String(n);
}
