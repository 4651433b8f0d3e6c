export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** How long the workloads are run in turn, untimed, before the timed runs. */
const WARM_UP_MS = Number(process.env.BENCH_WARM_UP_MS ?? 1000);

/** Where each timed run of a workload began and ended (`performance.now()`), in the order run. */
export type Runs = [start: number, end: number][];

/**
 * Workloads run in turn, each round starting one further along (for two,
 * the order alternates): no workload always runs on another's warmed (or
 * collected) state. Untimed rounds come first, for at least WARM_UP_MS and
 * at least one: a sub-millisecond run is otherwise timed while V8 is still
 * compiling it, and how far it got decides the figure.
 */
export function runInTurn(fns: readonly (() => unknown)[], runs: number): Runs[] {
  const warmUpEnd = performance.now() + WARM_UP_MS;
  do for (const fn of fns) fn();
  while (performance.now() < warmUpEnd);
  globalThis.gc?.();
  const samples = fns.map((): Runs => []);
  for (let r = 0; r < runs; r++) {
    for (let j = 0; j < fns.length; j++) {
      const k = (j + r) % fns.length;
      const start = performance.now();
      fns[k]!();
      samples[k]!.push([start, performance.now()]);
    }
  }
  return samples;
}

/** The median time of each workload, run in turn (see `runInTurn`). */
export function inTurn(fns: readonly (() => unknown)[], runs: number): number[] {
  return runInTurn(fns, runs).map((spans) => median(spans.map(([start, end]) => end - start)));
}

/** `inTurn` for two workloads. */
export function compare(a: () => unknown, b: () => unknown, runs: number): [number, number] {
  const [ma, mb] = inTurn([a, b], runs);
  return [ma!, mb!];
}
