import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { connectRedis } from '../../src/workers/redis.js';
import { catalogStatus, type CatalogStatus } from '../../src/workers/status.js';
import { cli, startCli, tempDir, type CliResult, type RunningProcess } from '../helpers/cli.js';
import { start, type FakeDeepL, type FakeDeepLOptions } from '../helpers/deepl-server.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

const KEY = 'catalog-test-key:fx';

export interface Catalog {
  dir: string;
  redis: RedisServer;
  deepl: FakeDeepL;
  /** What the workers and the CLI read: the key, the servers, one memory file for every worker. */
  env: Record<string, string>;
  workers: RunningProcess[];
  /** A Redis connection of the test's own, for the status. */
  client: Redis;
}

/** A loopback DeepL server and a fresh Redis for one test; `stopCatalog` stops them and every worker. */
export async function startCatalog(deepl: FakeDeepLOptions = {}): Promise<Catalog> {
  const dir = tempDir('subloc-catalog-');
  const redis = await startRedis();
  const server = await start({ authKey: KEY, ...deepl });
  const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url, SUBLOC_REDIS: redis.url, SUBLOC_MEMORY: join(dir, 'memory.sqlite') };
  return { dir, redis, deepl: server, env, workers: [], client: await connectRedis(redis.url) };
}

export async function stopCatalog(catalog: Catalog | undefined): Promise<void> {
  if (catalog === undefined) return;
  for (const w of catalog.workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await Promise.all(catalog.workers.map((w) => w.done.catch(() => undefined)));
  catalog.client.disconnect();
  await catalog.redis.stop();
  await catalog.deepl.stop();
}

/** The cue text of a film: one sentence each, distinct across films, so each is one unit billed once. */
export const cueText = (film: number, cue: number) => `Film ${film} says line ${cue} of its story.`;

function srt(cues: number, text: (cue: number) => string): string {
  return Array.from({ length: cues }, (_, i) => `${i + 1}\n00:00:${String(i * 2).padStart(2, '0')},000 --> 00:00:${String(i * 2 + 1).padStart(2, '0')},500\n${text(i + 1)}\n`).join('\n');
}

/** Writes film `n` (its source and its config.json) and returns the config's path; `text` gives cue k's text, `cueText(n, k)` unless said. */
export function writeFilm(catalog: Catalog, n: number, options: { cues: number; targets: string[]; concurrency?: number; text?: (cue: number) => string; title?: string }): string {
  const folder = join(catalog.dir, `film-${n}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `film-${n}.en.srt`), srt(options.cues, options.text ?? ((cue) => cueText(n, cue))));
  const config = join(folder, 'config.json');
  const fields = { title: options.title ?? `film-${n}`, input: `film-${n}.en.srt`, source: 'en', targets: options.targets, provider: 'deepl', out: 'out', condense: false, concurrency: options.concurrency ?? 2 };
  writeFileSync(config, JSON.stringify(fields, null, 2));
  return config;
}

export function catalogCli(catalog: Catalog, argv: string[]): Promise<CliResult> {
  return cli(['catalog', ...argv], catalog.dir, catalog.env);
}

/** Starts a worker process, as a user would on another machine; a short lock so a killed one's job moves on in seconds. */
export function startWorker(catalog: Catalog, ...argv: string[]): RunningProcess {
  const worker = startCli(['worker', '--lock-duration', '2000', ...argv], catalog.dir, catalog.env);
  catalog.workers.push(worker);
  return worker;
}

export function status(catalog: Catalog): Promise<CatalogStatus> {
  return catalogStatus(catalog.client);
}

/** Polls the status until `done` says so; the test's own timeout bounds the wait. */
export async function until(catalog: Catalog, done: (s: CatalogStatus) => boolean): Promise<CatalogStatus> {
  for (;;) {
    const s = await status(catalog);
    if (done(s)) return s;
    const dead = catalog.workers.filter((w) => w.child.exitCode !== null);
    if (dead.length === catalog.workers.length && catalog.workers.length > 0) throw new Error(`every worker exited:\n${dead.map((w) => w.stderr).join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every track done. */
export const allDone = (expected: number) => (s: CatalogStatus) => s.tracks.length === expected && s.tracks.every((t) => t.state === 'done');

/** Each (target, text) DeepL billed, with how often: one pass bills each once. */
export function billedTexts(deepl: FakeDeepL): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of deepl.state.requests) {
    if (r.path !== '/v2/translate' || r.status !== 200) continue;
    const target = r.params?.get('target_lang')?.[0] ?? '';
    for (const text of r.params?.get('text') ?? []) counts.set(`${target}\t${text}`, (counts.get(`${target}\t${text}`) ?? 0) + 1);
  }
  return counts;
}
