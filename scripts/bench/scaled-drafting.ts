import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunReport } from '../../src/pipeline/report.js';
import { loopbackDeepL } from './loopback-deepl.js';
import { scaledSample } from './scaled-sample.js';

/** The drafting the DeepL benchmarks measure: the sample scaled to `CUES` cues into `TARGETS`, `CONCURRENCY` requests in flight, each answered after `LATENCY_MS`. */
export const LATENCY_MS = Number(process.env.BENCH_LATENCY ?? 300);
export const CONCURRENCY = 4;
export const CUES = 1500;
export const TARGETS = ['en-US', 'fr-FR', 'it-IT', 'es-ES', 'de-DE', 'ja-JP'];
const KEY = 'bench:fx';
const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = join(ROOT, 'dist/cli/main.js');

/** What one drafting run took: the server's count of requests and billed characters, and the wall time of the run alone. */
export interface Drafting {
  report: RunReport;
  requests: number;
  billed: number;
  wallMs: number;
  /** From the start of the run to the first translate request's arrival at the server. */
  firstRequestMs: number;
  /** The server's mean time from a translate request's arrival to its answer. */
  answerMs: number;
  /** From the last answer to the end of the run. */
  tailMs: number;
}

/** A temporary folder holding the scaled sample for `use`'s draftings, removed after. */
export async function withScaledSample<T>(prefix: string, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    writeFileSync(join(dir, 'scaled.zh-Hans.srt'), scaledSample(CUES));
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One drafting of the scaled sample in `dir` against a fresh server and a
 * fresh memory, its outputs named `name`; `condense` as localize defaults it
 * unless given. It runs the built CLI (`dist/`, which `npm run bench` builds
 * first) in a process of its own, as a user runs it: the wall time is from
 * its start to its exit, loading included.
 */
export async function draftScaled(dir: string, run: { name: string; condense?: boolean }): Promise<Drafting> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: the drafting benchmarks run the built CLI; run npm run build first`);
  const server = await loopbackDeepL(KEY, LATENCY_MS);
  try {
    const args = [
      ...['localize', '--input', join(dir, 'scaled.zh-Hans.srt'), '--target', TARGETS.join(','), '--provider', 'deepl', '--formats', 'srt'],
      ...['--out', join(dir, `out-${run.name}`), '--memory', join(dir, `memory-${run.name}.sqlite`), '--glossary', join(ROOT, 'glossary.json')],
      ...['--concurrency', String(CONCURRENCY), '--json', ...(run.condense === false ? ['--no-condense'] : [])],
    ];
    // Wall-clock milliseconds, as the server stamps its requests.
    const began = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const wallMs = Date.now() - began;
    if (code !== 0) throw new Error(`subloc localize exited with ${code}: ${stderr}`);
    const report = JSON.parse(stdout) as RunReport;
    const state = await server.state();
    const translate = state.timeline.filter((r) => r.path === '/v2/translate');
    return {
      report,
      requests: state.translateRequests,
      billed: state.billedCharacters,
      wallMs,
      firstRequestMs: Math.min(...translate.map((r) => r.at)) - began,
      answerMs: translate.reduce((sum, r) => sum + r.answered - r.at, 0) / translate.length,
      tailMs: began + wallMs - Math.max(...translate.map((r) => r.answered)),
    };
  } finally {
    server.stop();
  }
}
