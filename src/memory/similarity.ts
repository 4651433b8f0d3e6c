/**
 * Character-level edit distance, at most `limit`: returns `limit + 1` as soon
 * as the distance must exceed it. Only a band of width 2·limit+1 around the
 * diagonal is computed, so a strict limit makes a candidate cheap to reject.
 * Compares code points, which suits Chinese and Japanese, where a word is a
 * character or two.
 */
export function boundedDistance(a: ArrayLike<number>, b: ArrayLike<number>, limit: number): number {
  const n = a.length;
  const m = b.length;
  const over = limit + 1;
  if (Math.abs(n - m) > limit) return over;
  if (n === 0 || m === 0) return Math.max(n, m);
  let prev = new Int32Array(m + 2);
  let cur = new Int32Array(m + 2);
  for (let j = 0; j <= m + 1; j++) prev[j] = j <= limit ? j : over;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(m, i + limit);
    cur[lo - 1] = lo === 1 && i <= limit ? i : over;
    let rowMin = cur[lo - 1]!;
    const ai = a[i - 1];
    for (let j = lo; j <= hi; j++) {
      let v = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < v) v = del;
      const ins = cur[j - 1]! + 1;
      if (ins < v) v = ins;
      if (v > over) v = over;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    cur[hi + 1] = over;
    if (rowMin > limit) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[m]!, over);
}

export function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(ch.codePointAt(0)!);
  return out;
}

/** The most edits two texts of these lengths may differ by and still score `minScore`. */
export function editBudget(lengthA: number, lengthB: number, minScore: number): number {
  // The epsilon keeps 0.8 × 10 from flooring to 1.9999 edits.
  return Math.floor((1 - minScore) * Math.max(lengthA, lengthB) + 1e-9);
}

/** 1 − distance / longer length: 1 for equal texts, 0 for nothing in common. */
export function ratio(distance: number, lengthA: number, lengthB: number): number {
  const longer = Math.max(lengthA, lengthB);
  return longer === 0 ? 1 : 1 - distance / longer;
}
