/**
 * `npm run bench`: parse and serialize speed of subloc's adapters beside peers
 * measured in the same process on the same input, reported as ratios, and the
 * peak memory of reading 100,000 cues in a fresh process. Figures, not
 * assertions: the README records them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseSync, stringifySync, type NodeList } from 'subtitle';
import { decode } from '../src/formats/decode.js';
import { formats } from '../src/formats/index.js';
import { parse } from '../src/formats/parse.js';
import type { FormatId } from '../src/formats/types.js';
import type { Cue, Track } from '../src/model/track.js';

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
  return compare(fn, () => undefined, runs)[0];
}

/**
 * Medians of two workloads run alternately, after one warm-up each, so that
 * neither always runs on the other's warmed (or collected) state.
 */
function compare(a: () => unknown, b: () => unknown, runs: number): [number, number] {
  a();
  b();
  globalThis.gc?.();
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, samples] of (i % 2 === 0 ? [[a, sa], [b, sb]] : [[b, sb], [a, sa]]) as [() => unknown, number[]][]) {
      const start = performance.now();
      fn();
      samples.push(performance.now() - start);
    }
  }
  return [median(sa), median(sb)];
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

function child(args: string[]): string {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * One size and format, measured in a fresh process: V8's allocation
 * decisions made on one workload otherwise slow the next one down, and the
 * order of the rows would decide the figures.
 */
function measureCase(count: number, id: FormatId): Row[] {
  const runs = count > 10_000 ? 5 : 25;
  const track = generate(count);
  const text = formats[id].serialize(track).text;
  const bytes = Buffer.from(text);
  const rows: Row[] = [];
  // Same input as the peers get: a string. Decoding bytes is measured on its own row.
  if (id === 'ttml') {
    const xml = new XMLParser({ preserveOrder: true, ignoreAttributes: false, processEntities: false });
    const [ours, peer] = compare(() => formats[id].parse(text), () => xml.parse(text), runs);
    rows.push({ cues: count, task: 'parse ttml', subloc: ours, peer: 'fast-xml-parser (raw XML, preserveOrder)', peerMs: peer });
    rows.push({ cues: count, task: 'serialize ttml', subloc: time(() => formats[id].serialize(track), runs), peer: '', peerMs: Number.NaN });
  } else {
    const [ours, peer] = compare(() => formats[id].parse(text), () => parseSync(text), runs);
    rows.push({ cues: count, task: `parse ${id}`, subloc: ours, peer: 'subtitle parseSync', peerMs: peer });
    const nodes: NodeList = parseSync(text);
    const [write, peerWrite] = compare(() => formats[id].serialize(track), () => stringifySync(nodes, { format: id === 'srt' ? 'SRT' : 'WebVTT' }), runs);
    rows.push({ cues: count, task: `serialize ${id}`, subloc: write, peer: 'subtitle stringifySync', peerMs: peerWrite });
  }
  if (id === 'srt') {
    const [ours, peer] = compare(() => decode(bytes), () => bytes.toString('utf8'), runs);
    rows.push({ cues: count, task: 'decode utf-8', subloc: ours, peer: 'Buffer#toString', peerMs: peer });
  }
  return rows;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'subloc-bench-'));
  const rows: Row[] = [];
  const memory: string[] = [];
  try {
    for (const count of [1_500, 100_000]) {
      for (const id of ['srt', 'vtt', 'ttml'] as const) {
        rows.push(...(JSON.parse(child(['--case', String(count), id])) as Row[]).map((r) => ({ ...r, peerMs: r.peerMs ?? Number.NaN })));
        if (count === 100_000) {
          const file = join(dir, `bench.${id}`);
          writeFileSync(file, formats[id].serialize(generate(count)).text);
          const size = statSync(file).size;
          memory.push(`  ${id.padEnd(5)} ${(size / 1048576).toFixed(1).padStart(5)} MiB file → peak RSS ${Number(child(['--memory', file, id])).toFixed(0)} MB`);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`subloc bench: Node ${process.version}, median of runs after one warm-up, each size and format in a fresh process\n`);
  console.log(`${'cues'.padStart(7)}  ${'task'.padEnd(15)} ${'subloc ms'.padStart(10)}  ${'peer ms'.padStart(9)}  ${'speed-up'.padStart(8)}  peer`);
  for (const r of rows) {
    const ratio = Number.isNaN(r.peerMs) ? '' : `${(r.peerMs / r.subloc).toFixed(2)}×`;
    console.log(`${String(r.cues).padStart(7)}  ${r.task.padEnd(15)} ${ms(r.subloc).padStart(10)}  ${(Number.isNaN(r.peerMs) ? '' : ms(r.peerMs)).padStart(9)}  ${ratio.padStart(8)}  ${r.peer}`);
  }
  console.log('\nspeed-up = peer time ÷ subloc time (above 1 means subloc is faster)');
  console.log('\nReading 100,000 cues in a fresh process (decode + parse, file read included):');
  console.log(memory.join('\n'));
  // Loaded here only: the per-case and memory children must not carry the DeepL test server.
  const { benchDeepL } = await import('./bench-deepl.js');
  console.log(`\n${await benchDeepL()}`);
}

if (process.argv[2] === '--memory') {
  const [, , , file, format] = process.argv;
  const result = parse(readFileSync(file!), { format: format as FormatId });
  if (result.track.cues.length !== 100_000) throw new Error(`read ${result.track.cues.length} cues, expected 100000`);
  process.stdout.write(`${process.resourceUsage().maxRSS / 1024}\n`);
} else if (process.argv[2] === '--case') {
  const rows = measureCase(Number(process.argv[3]), process.argv[4] as FormatId);
  // NaN does not survive JSON: an absent peer is written as null.
  process.stdout.write(JSON.stringify(rows.map((r) => ({ ...r, peerMs: Number.isNaN(r.peerMs) ? null : r.peerMs }))));
} else {
  await main();
}
