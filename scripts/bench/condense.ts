/**
 * Drafting the sample scaled to 1,500 cues into six languages through the
 * DeepL-compatible server on loopback (its own process, a fixed latency per
 * request), with condensed drafts (custom instructions, the stricter second
 * request for units still over budget) beside the same drafting with
 * `--no-condense`, in this process one after the other. Requests, units over
 * budget, and wall time against the ideal: requests ÷ concurrency × latency.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localize } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { loopbackDeepL } from './loopback-deepl.js';
import { scaledSample } from './scaled-sample.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY ?? 300);
const CONCURRENCY = 4;
const CUES = 1500;
const TARGETS = ['en-US', 'fr-FR', 'it-IT', 'es-ES', 'de-DE', 'ja-JP'];
const KEY = 'bench:fx';

interface Run {
  requests: number;
  billed: number;
  wallMs: number;
  units: number;
  overFirst: number;
  overSecond: number;
  billedSecond: number;
}

/** One drafting run against a fresh server and a fresh memory. */
async function draft(root: string, dir: string, condense: boolean): Promise<Run> {
  const server = await loopbackDeepL(KEY, LATENCY_MS);
  try {
    const name = condense ? 'condense' : 'plain';
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url };
    const options = await resolveLocalizeOptions(
      {
        input: join(dir, 'scaled.zh-Hans.srt'),
        targets: TARGETS,
        provider: 'deepl',
        formats: ['srt'],
        out: join(dir, `out-${name}`),
        memory: join(dir, `memory-${name}.sqlite`),
        glossary: join(root, 'glossary.json'),
        concurrency: CONCURRENCY,
        condense,
      },
      dir,
      env,
    );
    const began = performance.now();
    const report = await localize(options, { env });
    const wallMs = performance.now() - began;
    const state = await server.state();
    const sum = (pick: (l: (typeof report.languages)[number]) => number) => report.languages.reduce((n, l) => n + pick(l), 0);
    return {
      requests: state.translateRequests,
      billed: state.billedCharacters,
      wallMs,
      units: report.units,
      overFirst: sum((l) => l.condense?.overBudgetFirst ?? 0),
      overSecond: sum((l) => l.condense?.overBudgetSecond ?? 0),
      billedSecond: sum((l) => l.condense?.billedSecondPass ?? 0),
    };
  } finally {
    server.stop();
  }
}

export async function benchCondense(): Promise<string> {
  const root = new URL('../..', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'subloc-bench-condense-'));
  try {
    writeFileSync(join(dir, 'scaled.zh-Hans.srt'), scaledSample(CUES));
    const condensed = await draft(root, dir, true);
    const plain = await draft(root, dir, false);
    const ideal = (r: Run) => (r.requests / CONCURRENCY) * LATENCY_MS;
    const line = (label: string, r: Run) =>
      `  ${label.padEnd(12)} ${String(r.requests).padStart(4)} requests, ${r.billed.toLocaleString('en')} characters billed, wall ${(r.wallMs / 1000).toFixed(2)} s, ideal ${(ideal(r) / 1000).toFixed(2)} s: ${(r.wallMs / ideal(r)).toFixed(2)}× the ideal`;
    return [
      `Condensed drafting: ${CUES} cues (${condensed.units} units) × ${TARGETS.length} languages, ${LATENCY_MS} ms per request, concurrency ${CONCURRENCY}; ideal = requests ÷ concurrency × latency`,
      line('condense', condensed),
      line('--no-condense', plain),
      `  second pass: ${condensed.overFirst} units over budget after the first request, ${condensed.overSecond} still over after the second; ${condensed.requests - plain.requests} more requests (${((condensed.requests / plain.requests - 1) * 100).toFixed(0)} %), ${condensed.billedSecond.toLocaleString('en')} characters billed for it; wall ${(condensed.wallMs / plain.wallMs).toFixed(2)}× --no-condense`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
