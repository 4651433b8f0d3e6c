/**
 * `npm run bench`: parse and serialize speed of subloc's adapters beside peers
 * measured in the same process on the same input, reported as ratios, and the
 * peak memory of reading 100,000 cues in a fresh process. Figures, not
 * assertions: the README records them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseSync, stringifySync, type NodeList } from 'subtitle';
import { decode } from '../src/formats/decode.js';
import { formats } from '../src/formats/index.js';
import { parse } from '../src/formats/parse.js';
import type { FormatId } from '../src/formats/types.js';
import type { Cue, Track } from '../src/model/track.js';
import { benchDeepL } from './bench-deepl.js';

const WORDS = ['市民', '热线', '北京', 'the', 'hotline', 'answers', 'sixty', 'thousand', 'calls', 'every', 'day', 'from', 'residents', 'of', 'old', 'buildings', 'without', 'elevators'];

/** Documentary-like cues: one or two lines of up to about 40 characters, some in italics. */
function generate(count: number): Track {
  const cues: Cue[] = [];
  let t = 1000;
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 6 + (i % 9) }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]!);
    const half = Math.ceil(words.length / 2);
    const style = i % 11 === 0 ? { italic: true as const } : {};
    const lines = words.length > 8 ? [[{ text: words.slice(0, half).join(' '), ...style }], [{ text: words.slice(half).join(' '), ...style }]] : [[{ text: words.join(' '), ...style }]];
    cues.push({ id: String(i + 1), start: t, end: t + 1500 + (i % 5) * 250, lines });
    t += 2600 + (i % 4) * 125;
  }
  return { language: 'en', cues, meta: {} };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

interface Row {
  cues: number;
  task: string;
  subloc: number;
  peer: string;
  peerMs: number;
}

function ms(x: number): string {
  return x < 10 ? x.toFixed(2) : x.toFixed(0);
}

function measureMemory(file: string, format: FormatId): number {
  const result = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--memory', file, format], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`memory probe failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'subloc-bench-'));
  const rows: Row[] = [];
  const memory: string[] = [];
  const xml = new XMLParser({ preserveOrder: true, ignoreAttributes: false, processEntities: false });
  try {
    for (const count of [1_500, 100_000]) {
      const runs = count > 10_000 ? 5 : 25;
      const track = generate(count);
      for (const id of ['srt', 'vtt', 'ttml'] as const) {
        const text = formats[id].serialize(track).text;
        const bytes = Buffer.from(text);
        // Same input as the peers get: a string. Decoding bytes is measured on its own row.
        const ours = time(() => formats[id].parse(text), runs);
        if (id === 'ttml') {
          rows.push({ cues: count, task: 'parse ttml', subloc: ours, peer: 'fast-xml-parser (raw XML, preserveOrder)', peerMs: time(() => xml.parse(text), runs) });
        } else {
          rows.push({ cues: count, task: `parse ${id}`, subloc: ours, peer: 'subtitle parseSync', peerMs: time(() => parseSync(bytes.toString('utf8')), runs) });
          const nodes: NodeList = parseSync(text);
          rows.push({
            cues: count,
            task: `serialize ${id}`,
            subloc: time(() => formats[id].serialize(track), runs),
            peer: 'subtitle stringifySync',
            peerMs: time(() => stringifySync(nodes, { format: id === 'srt' ? 'SRT' : 'WebVTT' }), runs),
          });
        }
        if (id === 'ttml') rows.push({ cues: count, task: 'serialize ttml', subloc: time(() => formats[id].serialize(track), runs), peer: '', peerMs: Number.NaN });
        if (id === 'srt') rows.push({ cues: count, task: 'decode utf-8', subloc: time(() => decode(bytes), runs), peer: 'Buffer#toString', peerMs: time(() => bytes.toString('utf8'), runs) });
        if (count === 100_000) {
          const file = join(dir, `bench.${id}`);
          writeFileSync(file, bytes);
          memory.push(`  ${id.padEnd(5)} ${(bytes.length / 1048576).toFixed(1).padStart(5)} MiB file → peak RSS ${measureMemory(file, id).toFixed(0)} MB`);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`subloc bench: Node ${process.version}, median of runs after one warm-up\n`);
  console.log(`${'cues'.padStart(7)}  ${'task'.padEnd(15)} ${'subloc ms'.padStart(10)}  ${'peer ms'.padStart(9)}  ${'speed-up'.padStart(8)}  peer`);
  for (const r of rows) {
    const ratio = Number.isNaN(r.peerMs) ? '' : `${(r.peerMs / r.subloc).toFixed(2)}×`;
    console.log(`${String(r.cues).padStart(7)}  ${r.task.padEnd(15)} ${ms(r.subloc).padStart(10)}  ${(Number.isNaN(r.peerMs) ? '' : ms(r.peerMs)).padStart(9)}  ${ratio.padStart(8)}  ${r.peer}`);
  }
  console.log('\nspeed-up = peer time ÷ subloc time (above 1 means subloc is faster)');
  console.log('\nReading 100,000 cues in a fresh process (decode + parse, file read included):');
  console.log(memory.join('\n'));
  console.log(`\n${await benchDeepL()}`);
}

if (process.argv[2] === '--memory') {
  const [, , , file, format] = process.argv;
  const result = parse(readFileSync(file!), { format: format as FormatId });
  if (result.track.cues.length !== 100_000) throw new Error(`read ${result.track.cues.length} cues, expected 100000`);
  process.stdout.write(`${process.resourceUsage().maxRSS / 1024}\n`);
} else {
  await main();
}
