import type { Candidate, FuzzySearch } from './best-match.js';
import { codePoints, editBudget } from './similarity.js';

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
  private readonly candidates: Candidate<Id>[] = [];
  private readonly lengths: Int32Array;
  /** For each character, the units holding it and how often, as pairs (unit, count). */
  private readonly postings = new Map<number, Int32Array>();
  private readonly shared: Int32Array;

  /** `rows` ordered by plain length, as `candidates` gives them out. */
  constructor(rows: Iterable<Candidate<Id>>) {
    const lists = new Map<number, number[]>();
    const lengths: number[] = [];
    for (const [id, key, plain, rank, updatedAt] of rows) {
      const points = codePoints(plain);
      const unit = this.candidates.length;
      if (unit > 0 && points.length < lengths[unit - 1]!) throw new RangeError('FuzzyIndex rows must come ordered by plain length');
      this.candidates.push([id, key, plain, rank, updatedAt, points]);
      lengths.push(points.length);
      for (const [point, count] of counted(points)) {
        let list = lists.get(point);
        if (!list) lists.set(point, (list = []));
        list.push(unit, count);
      }
    }
    this.lengths = Int32Array.from(lengths);
    for (const [point, list] of lists) this.postings.set(point, Int32Array.from(list));
    this.shared = new Int32Array(this.candidates.length);
  }

  get size(): number {
    return this.candidates.length;
  }

  /** The units within `search`'s lengths that share enough characters to score its floor, in stored order. */
  *near(search: FuzzySearch): Generator<Candidate<Id>> {
    const { query, floor } = search;
    const n = query.length;
    const from = firstAtLeast(this.lengths, search.shortest);
    const to = firstAtLeast(this.lengths, search.longest + 1);
    if (from >= to) return;
    const shared = this.shared;
    shared.fill(0, from, to);
    for (const [point, wanted] of counted(query)) {
      const list = this.postings.get(point);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const unit = list[i]!;
        if (unit >= from && unit < to) shared[unit]! += Math.min(wanted, list[i + 1]!);
      }
    }
    for (let unit = from; unit < to; unit++) {
      const m = this.lengths[unit]!;
      const longer = Math.max(n, m);
      if (shared[unit]! >= longer - editBudget(n, m, floor)) yield this.candidates[unit]!;
    }
  }
}

function counted(points: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const point of points) counts.set(point, (counts.get(point) ?? 0) + 1);
  return counts;
}

/** The first index whose value is at least `value`, in ascending `sorted`. */
function firstAtLeast(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
