/**
 * The sample scaled to 1,500 cues, drafted into six languages through a
 * DeepL-compatible server on loopback that answers each request after a
 * fixed latency. The wall time is compared with the ideal for that latency
 * and concurrency: requests ÷ concurrency × latency.
 */
import { CONCURRENCY, CUES, draftScaled, LATENCY_MS, TARGETS, withScaledSample } from './bench/scaled-drafting.js';

export async function benchDeepL(): Promise<string> {
  const { report, requests, wallMs: wall, firstRequestMs, answerMs, tailMs } = await withScaledSample('subloc-bench-deepl-', (dir) => draftScaled(dir, { name: 'drafting' }));
  const ideal = (requests / CONCURRENCY) * LATENCY_MS;
  return [
    `DeepL drafting: ${CUES} cues (${report.units} units) × ${TARGETS.length} languages, ${LATENCY_MS} ms per request, concurrency ${CONCURRENCY}`,
    `  ${requests} translate requests, ${report.totals.billedCharacters} characters billed`,
    `  wall ${(wall / 1000).toFixed(2)} s, ideal ${(ideal / 1000).toFixed(2)} s (requests ÷ concurrency × latency): ${(wall / ideal).toFixed(2)}× the ideal`,
    `  first request after ${firstRequestMs} ms, the server answers in ${answerMs.toFixed(0)} ms on average, the run ends ${tailMs} ms after the last answer`,
  ].join('\n');
}
