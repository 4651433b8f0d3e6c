/**
 * Catalog workers under one global DeepL rate: 1, 2 and 4 worker processes
 * (2 jobs each at a time) on a real redis-server drain the same catalog
 * through a DeepL-compatible server in its own process, which answers after
 * a fixed latency and records when each request arrives. Each job sends one
 * request at a time, so one worker cannot reach the rate alone; the figure is
 * the achieved request rate as a ratio of the limit (the peer: the limit
 * itself, measured on the same server): the aim is at least 0.9 once enough
 * workers share the work, and never above 1. The default rate is low because
 * each request's 50 cues cost the pipeline CPU (memory search, assembly, QC,
 * review package): on a shared two-core machine a worker feeds about one
 * request a second; `BENCH_RATE` sets another.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectRedis } from '../../src/workers/redis.js';
import { catalogStatus } from '../../src/workers/status.js';
import { startProcess, tempDir, tsxArgs, type RunningProcess } from '../../tests/helpers/cli.js';
import { startRedis } from '../../tests/helpers/redis-server.js';
import { loopbackDeepL, type LoopbackDeepL } from './loopback-deepl.js';

const RATE = Number(process.env.BENCH_RATE ?? 2);
const LATENCY_MS = Number(process.env.BENCH_WORKER_LATENCY ?? 500);
/** Jobs each worker runs at once. */
const JOBS_PER_WORKER = 2;
const FILMS = 6;
const TARGETS = ['de-DE', 'fr-FR'];
/** Cues per film: 6 requests of 50 units per job, each unit one cue. */
const CUES = 300;
const KEY = 'bench-workers:fx';
const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

function writeCatalog(dir: string): string[] {
  return Array.from({ length: FILMS }, (_, f) => {
    const folder = join(dir, `film-${f}`);
    mkdirSync(folder, { recursive: true });
    const srt = Array.from({ length: CUES }, (_, i) => `${i + 1}\n00:${String(Math.floor(i / 20)).padStart(2, '0')}:${String((i % 20) * 3).padStart(2, '0')},000 --> 00:${String(Math.floor(i / 20)).padStart(2, '0')}:${String((i % 20) * 3 + 2).padStart(2, '0')},000\nFilm ${f} tells line ${i} of its story.\n`).join('\n');
    writeFileSync(join(folder, `film-${f}.en.srt`), srt);
    const config = join(folder, 'config.json');
    writeFileSync(config, JSON.stringify({ title: `film-${f}`, input: `film-${f}.en.srt`, source: 'en', targets: TARGETS, provider: 'deepl', out: 'out', condense: false, concurrency: 1 }));
    return config;
  });
}

async function run(workers: number, server: LoopbackDeepL): Promise<{ requests: number; rate: number }> {
  const dir = tempDir('subloc-bench-workers-');
  const redis = await startRedis();
  const client = await connectRedis(redis.url);
  const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url, SUBLOC_REDIS: redis.url, SUBLOC_MEMORY: join(dir, 'memory.sqlite') };
  const running: RunningProcess[] = [];
  try {
    const before = (await server.state()).translateTimes.length;
    const enqueue = startProcess(tsxArgs(MAIN, 'catalog', 'enqueue', ...writeCatalog(dir), '--rate', String(RATE)), dir, env);
    if ((await enqueue.done).code !== 0) throw new Error(`catalog enqueue failed:\n${enqueue.stderr}`);
    for (let i = 0; i < workers; i++) running.push(startProcess(tsxArgs(MAIN, 'worker', '--concurrency', String(JOBS_PER_WORKER)), dir, env));
    for (;;) {
      const status = await catalogStatus(client);
      if (status.tracks.length === FILMS * TARGETS.length && status.tracks.every((t) => t.state === 'done')) break;
      if (status.tracks.some((t) => t.state === 'failed')) throw new Error(`a job failed: ${status.tracks.find((t) => t.state === 'failed')!.reason}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const times = (await server.state()).translateTimes.slice(before).sort((a, b) => a - b);
    // The limiter lets `max` requests go in any window: n requests at the limit span (n/max - 1) windows, so the
    // rate the server saw is n over the span plus one window (exactly the limit for a run held at the limit).
    const max = Math.max(1, Math.floor(RATE));
    return { requests: times.length, rate: (times.length * 1000) / (times.at(-1)! - times[0]! + (1000 * max) / RATE) };
  } finally {
    for (const w of running) w.child.kill('SIGTERM');
    await Promise.all(running.map((w) => w.done));
    client.disconnect();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchWorkers(): Promise<string> {
  // The block needs a real redis-server, which `npm test` installs; without one the rest of the bench still runs.
  if (spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status !== 0) {
    return 'Catalog workers: skipped, redis-server is not installed (npm test installs it on Debian as root; or apt-get install redis-server)';
  }
  const server = await loopbackDeepL(KEY, LATENCY_MS);
  const lines = [
    `Catalog workers under a global rate of ${RATE} DeepL requests/s (real redis-server; loopback DeepL answering after ${LATENCY_MS} ms; ${FILMS} films x ${TARGETS.length} languages x ${CUES} cues, one request in flight per job, ${JOBS_PER_WORKER} jobs per worker):`,
    `${'workers'.padStart(8)}  ${'requests'.padStart(8)}  ${'req/s'.padStart(6)}  ${'of limit'.padStart(8)}`,
  ];
  try {
    for (const workers of [1, 2, 4]) {
      const { requests, rate } = await run(workers, server);
      lines.push(`${String(workers).padStart(8)}  ${String(requests).padStart(8)}  ${rate.toFixed(1).padStart(6)}  ${(rate / RATE).toFixed(2).padStart(8)}`);
    }
  } finally {
    server.stop();
  }
  lines.push('of limit = achieved ÷ limit: at least 0.9 is the aim where the workers together can exceed the limit; above 1 would break it');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchWorkers());
