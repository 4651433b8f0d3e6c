import type { Candidate, FuzzySearch } from './best-match.js';
import { editBudget } from './similarity.js';

/**
 * The stored units of one language pair and cue count, held in memory with
 * the characters each holds, so a fuzzy search scores only the units that
 * can reach its floor. Every edit removes at most one shared character, so
 * two texts `d` edits apart share at least max(n, m) − d characters (counted
 * with repeats): a unit sharing fewer cannot score the floor, and is passed
 * over without an edit distance. Candidates come out in the order they went
 * in, so `bestMatch` breaks ties as it does over the whole set.
 */
export class FuzzyIndex<Id> {
  private readonly rows: Candidate<Id>[] = [];
  /** Every unit's code points, one after another; unit `u` is `points[starts[u]]` up to `points[starts[u + 1]]`. */
  private readonly points: Int32Array;
  private readonly starts: Int32Array;
  /** Per character, where its postings lie in `postings`: pairs (unit, how often the unit holds it). */
  private readonly spans = new Map<number, readonly [from: number, to: number]>();
  private readonly postings: Int32Array;
  private readonly shared: Int32Array;

  /** `rows` ordered by plain length, as `near` gives them out. */
  constructor(rows: Iterable<Candidate<Id>>) {
    const points: number[] = [];
    const starts = [0];
    for (const row of rows) {
      for (const ch of row[2]) points.push(ch.codePointAt(0)!);
      const length = points.length - starts[starts.length - 1]!;
      if (this.rows.length > 0 && length < starts[starts.length - 1]! - starts[starts.length - 2]!) throw new RangeError('FuzzyIndex rows must come ordered by plain length');
      starts.push(points.length);
      this.rows.push(row);
    }
    this.points = Int32Array.from(points);
    this.starts = Int32Array.from(starts);
    // Two passes over each unit's characters, sorted: count each character's postings, then place them.
    const sorted = Int32Array.from(points);
    for (let u = 0; u < this.rows.length; u++) sorted.subarray(starts[u], starts[u + 1]).sort();
    // By code point: a dense table is far faster here than a map, and lives only while the index is built.
    const cursor = new Int32Array(0x110000);
    const distinct: number[] = [];
    this.eachRun(sorted, (point) => {
      if (cursor[point] === 0) distinct.push(point);
      cursor[point]! += 2;
    });
    let end = 0;
    for (const point of distinct) {
      const size = cursor[point]!;
      this.spans.set(point, [end, end + size]);
      cursor[point] = end;
      end += size;
    }
    this.postings = new Int32Array(end);
    this.eachRun(sorted, (point, unit, count) => {
      const at = cursor[point]!;
      this.postings[at] = unit;
      this.postings[at + 1] = count;
      cursor[point] = at + 2;
    });
    this.shared = new Int32Array(this.rows.length);
  }

  /** The units within `search`'s lengths that share enough characters to score its floor, in stored order. */
  *near(search: FuzzySearch): Generator<Candidate<Id>> {
    const { query, floor } = search;
    const n = query.length;
    const from = this.firstOfLength(search.shortest);
    const to = this.firstOfLength(search.longest + 1);
    if (from >= to) return;
    const shared = this.shared;
    shared.fill(0, from, to);
    const wanted = new Map<number, number>();
    for (const point of query) wanted.set(point, (wanted.get(point) ?? 0) + 1);
    for (const [point, times] of wanted) {
      const span = this.spans.get(point);
      if (!span) continue;
      for (let i = span[0]; i < span[1]; i += 2) {
        const unit = this.postings[i]!;
        if (unit >= from && unit < to) shared[unit]! += Math.min(times, this.postings[i + 1]!);
      }
    }
    for (let unit = from; unit < to; unit++) {
      const m = this.starts[unit + 1]! - this.starts[unit]!;
      const longer = Math.max(n, m);
      if (shared[unit]! < longer - editBudget(n, m, floor)) continue;
      const [id, key, plain, rank, updatedAt] = this.rows[unit]!;
      yield [id, key, plain, rank, updatedAt, this.points.subarray(this.starts[unit], this.starts[unit + 1])];
    }
  }

  /** Each run of one character in each unit of `sorted`: the character, the unit, the run's length. */
  private eachRun(sorted: Int32Array, visit: (point: number, unit: number, count: number) => void): void {
    for (let unit = 0; unit < this.rows.length; unit++) {
      const end = this.starts[unit + 1]!;
      for (let i = this.starts[unit]!; i < end; ) {
        const point = sorted[i]!;
        let j = i + 1;
        while (j < end && sorted[j] === point) j++;
        visit(point, unit, j - i);
        i = j;
      }
    }
  }

  /** The first unit at least `length` code points long. */
  private firstOfLength(length: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid + 1]! - this.starts[mid]! < length) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
