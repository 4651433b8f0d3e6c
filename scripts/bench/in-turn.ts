export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Medians of workloads run in turn, each round starting one further along
 * (for two, the order alternates), after one warm-up each: no workload
 * always runs on another's warmed (or collected) state.
 */
export function inTurn(fns: readonly (() => unknown)[], runs: number): number[] {
  for (const fn of fns) fn();
  globalThis.gc?.();
  const samples = fns.map((): number[] => []);
  for (let r = 0; r < runs; r++) {
    for (let j = 0; j < fns.length; j++) {
      const k = (j + r) % fns.length;
      const start = performance.now();
      fns[k]!();
      samples[k]!.push(performance.now() - start);
    }
  }
  return samples.map(median);
}

/** `inTurn` for two workloads. */
export function compare(a: () => unknown, b: () => unknown, runs: number): [number, number] {
  const [ma, mb] = inTurn([a, b], runs);
  return [ma!, mb!];
}
