export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** How long the workloads are run in turn, untimed, before the timed runs. */
const WARM_UP_MS = Number(process.env.BENCH_WARM_UP_MS ?? 1000);

/**
 * Medians of workloads run in turn, each round starting one further along
 * (for two, the order alternates): no workload always runs on another's
 * warmed (or collected) state. Untimed rounds come first, for at least
 * WARM_UP_MS and at least one: a sub-millisecond run is otherwise timed
 * while V8 is still compiling it, and how far it got decides the figure.
 */
export function inTurn(fns: readonly (() => unknown)[], runs: number): number[] {
  const warmUpEnd = performance.now() + WARM_UP_MS;
  do for (const fn of fns) fn();
  while (performance.now() < warmUpEnd);
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
