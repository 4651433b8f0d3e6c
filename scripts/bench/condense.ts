/**
 * Drafting the sample scaled to 1,500 cues into six languages through the
 * DeepL-compatible server on loopback (its own process, a fixed latency per
 * request), with condensed drafts (custom instructions, the stricter second
 * request for units still over budget) beside the same drafting with
 * `--no-condense`, in this process one after the other. Requests, units over
 * budget, and wall time against the ideal: requests ÷ concurrency × latency.
 */
import { CONCURRENCY, CUES, draftScaled, LATENCY_MS, TARGETS, withScaledSample, type Drafting } from './scaled-drafting.js';

interface Run extends Drafting {
  overFirst: number;
  overSecond: number;
  billedSecond: number;
}

/** One drafting run against a fresh server and a fresh memory, with the second pass's figures. */
async function draft(dir: string, condense: boolean): Promise<Run> {
  const drafting = await draftScaled(dir, { name: condense ? 'condense' : 'plain', condense });
  const sum = (pick: (l: Drafting['report']['languages'][number]) => number) => drafting.report.languages.reduce((n, l) => n + pick(l), 0);
  return {
    ...drafting,
    overFirst: sum((l) => l.condense?.overBudgetFirst ?? 0),
    overSecond: sum((l) => l.condense?.overBudgetSecond ?? 0),
    billedSecond: sum((l) => l.condense?.billedSecondPass ?? 0),
  };
}

export async function benchCondense(): Promise<string> {
  const [condensed, plain] = await withScaledSample('subloc-bench-condense-', async (dir) => [await draft(dir, true), await draft(dir, false)] as const);
  const ideal = (r: Run) => (r.requests / CONCURRENCY) * LATENCY_MS;
  const line = (label: string, r: Run) =>
    `  ${label.padEnd(12)} ${String(r.requests).padStart(4)} requests, ${r.billed.toLocaleString('en')} characters billed, wall ${(r.wallMs / 1000).toFixed(2)} s, ideal ${(ideal(r) / 1000).toFixed(2)} s: ${(r.wallMs / ideal(r)).toFixed(2)}× the ideal`;
  return [
    `Condensed drafting: ${CUES} cues (${condensed.report.units} units) × ${TARGETS.length} languages, ${LATENCY_MS} ms per request, concurrency ${CONCURRENCY}; ideal = requests ÷ concurrency × latency`,
    line('condense', condensed),
    line('--no-condense', plain),
    `  second pass: ${condensed.overFirst} units over budget after the first request, ${condensed.overSecond} still over after the second; ${condensed.requests - plain.requests} more requests (${((condensed.requests / plain.requests - 1) * 100).toFixed(0)} %), ${condensed.billedSecond.toLocaleString('en')} characters billed for it; wall ${(condensed.wallMs / plain.wallMs).toFixed(2)}× --no-condense`,
  ].join('\n');
}
