/**
 * The sample scaled to 1,500 cues, drafted into six languages through a
 * DeepL-compatible server on loopback that answers each request after a
 * fixed latency. The wall time is compared with the ideal for that latency
 * and concurrency: requests ÷ concurrency × latency.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localize } from '../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../src/pipeline/options.js';
import { loopbackDeepL } from './bench/loopback-deepl.js';
import { scaledSample } from './bench/scaled-sample.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY ?? 300);
const CONCURRENCY = 4;
const CUES = 1500;
const TARGETS = ['en-US', 'fr-FR', 'it-IT', 'es-ES', 'de-DE', 'ja-JP'];

export async function benchDeepL(): Promise<string> {
  const root = new URL('..', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'subloc-bench-deepl-'));
  const server = await loopbackDeepL('bench:fx', LATENCY_MS);
  try {
    const input = join(dir, 'scaled.zh-Hans.srt');
    writeFileSync(input, scaledSample(CUES));
    const env = { DEEPL_AUTH_KEY: 'bench:fx', DEEPL_SERVER_URL: server.url };
    const options = await resolveLocalizeOptions(
      { input, targets: TARGETS, provider: 'deepl', formats: ['srt'], out: join(dir, 'out'), memory: join(dir, 'memory.sqlite'), glossary: join(root, 'glossary.json'), concurrency: CONCURRENCY },
      dir,
      env,
    );
    const began = performance.now();
    // The key reaches the DeepL client through the run, never through the options.
    const report = await localize(options, { env });
    const wall = performance.now() - began;
    const state = await server.state();
    const requests = state.translateRequests;
    const ideal = (requests / CONCURRENCY) * LATENCY_MS;
    return [
      `DeepL drafting: ${CUES} cues (${report.units} units) × ${TARGETS.length} languages, ${LATENCY_MS} ms per request, concurrency ${CONCURRENCY}`,
      `  ${requests} translate requests, ${report.totals.billedCharacters} characters billed`,
      `  wall ${(wall / 1000).toFixed(2)} s, ideal ${(ideal / 1000).toFixed(2)} s (requests ÷ concurrency × latency): ${(wall / ideal).toFixed(2)}× the ideal`,
    ].join('\n');
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
