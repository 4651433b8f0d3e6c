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
import { compare } from './bench/in-turn.js';

const WORDS = ['市民', '热线', '北京', 'the', 'hotline', 'answers', 'sixty', 'thousand', 'calls', 'every', 'day', 'from', 'residents', 'of', 'old', 'buildings', 'without', 'elevators'];

const CJK = ['您好', '这里是', '市民热线', '我们', '每天', '接到', '六万个', '电话', '老楼', '没有', '电梯', '怎么办', '师傅', '马上', '过去'];
const PLACEMENTS = [{ vertical: 'top' as const }, { vertical: 'top' as const, horizontal: 'left' as const }, { vertical: 'middle' as const }, { vertical: 'bottom' as const, horizontal: 'right' as const }];

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

/**
 * A bilingual film's cues: a Chinese line over its English line in most
 * cues, and in a few percent a placement (WebVTT cue settings, SRT `{\an}`)
 * and inline bold, underline or colour tags inside a line.
 */
function generateFilmMix(count: number): Track {
  const track = generate(count);
  track.cues.forEach((cue, i) => {
    const first = cue.lines[0]![0]!;
    const english = cue.lines.map((line) => line.map((s) => s.text).join('')).join(' ');
    const style = first.italic === true ? { italic: true as const } : {};
    if (i % 4 !== 3) {
      const chinese = Array.from({ length: 3 + (i % 5) }, (_, k) => CJK[(i * 5 + k * 7) % CJK.length]!).join('');
      cue.lines = [[{ text: i % 9 === 0 ? `${chinese}，“${WORDS[i % WORDS.length]!}”` : `${chinese}。`, ...style }], [{ text: english, ...style }]];
    }
    if (i % 29 === 0) cue.placement = PLACEMENTS[(i / 29) % PLACEMENTS.length]!;
    if (i % 23 === 0) {
      const last = cue.lines.length - 1;
      const words = cue.lines[last]!.map((s) => s.text).join('').split(' ');
      const tag = [{ bold: true as const }, { underline: true as const }, { color: 'yellow' }][(i / 23) % 3]!;
      cue.lines[last] = [{ text: `${words[0]!} ` }, { text: words[1]!, ...tag }, { text: ` ${words.slice(2).join(' ')}` }];
    }
  });
  return track;
}

function time(fn: () => unknown, runs: number): number {
  return compare(fn, () => undefined, runs)[0];
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

/** Rows measured in a child process; NaN does not survive JSON, so an absent peer comes as null. */
function fromChild(args: string[]): Row[] {
  return (JSON.parse(child(args)) as Row[]).map((r) => ({ ...r, peerMs: r.peerMs ?? Number.NaN }));
}

/** `v8`: flags for the child's V8, for a block that compares how V8 runs. */
function child(args: string[], v8: string[] = []): string {
  const result = spawnSync(process.execPath, ['--expose-gc', ...v8, '--import', 'tsx', new URL(import.meta.url).pathname, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

const INPUTS = { bench: generate, film: generateFilmMix };
type Input = keyof typeof INPUTS;

/**
 * One size, format and input, measured in a fresh process: V8's allocation
 * decisions made on one workload otherwise slow the next one down, and the
 * order of the rows would decide the figures.
 */
function measureCase(count: number, id: FormatId, input: Input): Row[] {
  const runs = count > 10_000 ? 5 : 25;
  const track = INPUTS[input](count);
  const text = formats[id].serialize(track).text;
  const bytes = Buffer.from(text);
  const rows: Row[] = [];
  const of = input === 'film' ? ' (film)' : '';
  // Same input as the peers get: a string. Decoding bytes is measured on its own row.
  if (id === 'ttml') {
    const xml = new XMLParser({ preserveOrder: true, ignoreAttributes: false, processEntities: false });
    const [ours, peer] = compare(() => formats[id].parse(text), () => xml.parse(text), runs);
    rows.push({ cues: count, task: `parse ttml${of}`, subloc: ours, peer: 'fast-xml-parser (raw XML, preserveOrder)', peerMs: peer });
    rows.push({ cues: count, task: `serialize ttml${of}`, subloc: time(() => formats[id].serialize(track), runs), peer: '', peerMs: Number.NaN });
  } else {
    const [ours, peer] = compare(() => formats[id].parse(text), () => parseSync(text), runs);
    rows.push({ cues: count, task: `parse ${id}${of}`, subloc: ours, peer: 'subtitle parseSync', peerMs: peer });
    const nodes: NodeList = parseSync(text);
    const [write, peerWrite] = compare(() => formats[id].serialize(track), () => stringifySync(nodes, { format: id === 'srt' ? 'SRT' : 'WebVTT' }), runs);
    rows.push({ cues: count, task: `serialize ${id}${of}`, subloc: write, peer: 'subtitle stringifySync', peerMs: peerWrite });
  }
  if (id === 'srt' && input === 'bench') {
    const [ours, peer] = compare(() => decode(bytes), () => bytes.toString('utf8'), runs);
    rows.push({ cues: count, task: 'decode utf-8', subloc: ours, peer: 'Buffer#toString', peerMs: peer });
  }
  return rows;
}

/**
 * The SQLite memory's fuzzy lookup among 10,000 entries of one language
 * pair, one character changed in the query; and among 50,000 for a sentence
 * with nothing within 50% (a suggestion search that finds nothing, as for
 * most cues of a new film against a shared memory), beside its peer: scoring
 * every entry of the lengths that can reach 50%, the scan the memory did
 * before its fuzzy index.
 */
async function measureFuzzy(): Promise<Row[]> {
  // Loaded here only: the parse and serialize children must not carry SQLite.
  const { openMemory } = await import('../src/memory/sqlite.js');
  const { bestMatch, fuzzySearch } = await import('../src/memory/best-match.js');
  const { default: Database } = await import('better-sqlite3');
  const { chineseSentences } = await import('../tests/helpers/sentences.js');
  const pair = { source: 'zh-Hans', target: 'en-US' };
  const entryOf = (s: string) => ({ sourceLang: pair.source, targetLang: pair.target, source: [s], target: [`EN ${s}`], glossaryVersion: 'g1', provider: 'deepl', status: 'draft' as const, updatedAt: '2026-11-01T10:00:00.000Z' });
  const rows: Row[] = [];
  const small = openMemory(':memory:');
  try {
    const source = chineseSentences(10_000, 42);
    await small.put(source.map(entryOf));
    const wanted = source[7_777]!;
    const query = [`${wanted.slice(0, 5)}啊${wanted.slice(6)}`];
    const found = (await small.fuzzy(query, pair, 0.7))?.entry.source[0];
    if (found !== wanted) throw new Error(`fuzzy lookup found ${found}, expected ${wanted}`);
    // SQLite answers inside the call (the promise is already settled): timing the call times the lookup.
    rows.push({ cues: 10_000, task: 'memory fuzzy', subloc: time(() => small.fuzzy(query, pair, 0.7), 25), peer: '(entries, not cues; one lookup)', peerMs: Number.NaN });
  } finally {
    await small.close();
  }
  const dir = mkdtempSync(join(tmpdir(), 'subloc-bench-fuzzy-'));
  const path = join(dir, 'memory.sqlite');
  const large = openMemory(path);
  const db = new Database(path, { readonly: true });
  try {
    await large.put(chineseSentences(50_000, 43).map(entryOf));
    const queries = chineseSentences(25, 44).map((s) => [s]);
    const select = db.prepare('SELECT rowid, source_key, source_plain, rank, updated_at FROM entry WHERE source_lang = ? AND target_lang = ? AND cue_count = ? AND plain_length BETWEEN ? AND ?').raw();
    const scan = (q: string[]) => {
      const search = fuzzySearch(q, 0.5)!;
      return bestMatch(search, select.all(pair.source, pair.target, 1, search.shortest, search.longest) as [number, string, string, number, string][]);
    };
    for (const q of queries) {
      const [ours, theirs] = [await large.fuzzy(q, pair, 0.5), scan(q)];
      if (ours !== undefined || theirs !== undefined) throw new Error(`a random sentence was found within 50%: ${q[0]}`);
    }
    let next = 0;
    let peerNext = 0;
    const [ours, peer] = compare(() => large.fuzzy(queries[next++ % queries.length]!, pair, 0.5), () => scan(queries[peerNext++ % queries.length]!), 25);
    rows.push({ cues: 50_000, task: 'fuzzy, nothing near', subloc: ours, peer: 'scan of every entry', peerMs: peer });
  } finally {
    db.close();
    await large.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Wall time of a whole process, median of runs taken in turn with the baseline's. */
function startUp(args: string[], cwd: string, runs: number): [number, number] {
  const run = (argv: string[]) => (): void => {
    const result = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`node ${argv.join(' ')} failed: ${result.stderr}`);
  };
  return compare(run(args), run(['-e', '0']), runs);
}

/** The built CLI as a user runs it, against `node -e 0`: what loading subloc itself costs. */
function measureStartUp(dir: string): string[] {
  const root = new URL('..', import.meta.url).pathname;
  const build = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  const cli = join(root, 'dist/cli/main.js');
  writeFileSync(join(dir, 'small.srt'), formats.srt.serialize(generateFilmMix(20)).text);
  return [['--help'], ['convert', 'small.srt', '--to', 'vtt']].map((args) => {
    const [ours, node] = startUp([cli, ...args], dir, 15);
    return `  subloc ${args.join(' ').padEnd(28)} ${ms(ours).padStart(5)} ms, node -e 0 ${ms(node).padStart(5)} ms: ${(ours / node).toFixed(2)}× the start-up of node -e 0`;
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'subloc-bench-'));
  const rows: Row[] = [];
  const memory: string[] = [];
  let startUps: string[];
  try {
    for (const count of [1_500, 100_000]) {
      for (const id of ['srt', 'vtt', 'ttml'] as const) {
        for (const input of ['bench', 'film'] as const) rows.push(...fromChild(['--case', String(count), id, input]));
        if (count === 100_000) {
          const file = join(dir, `bench.${id}`);
          writeFileSync(file, formats[id].serialize(generate(count)).text);
          const size = statSync(file).size;
          memory.push(`  ${id.padEnd(5)} ${(size / 1048576).toFixed(1).padStart(5)} MiB file → peak RSS ${Number(child(['--memory', file, id])).toFixed(0)} MB`);
        }
      }
    }
    rows.push(...fromChild(['--fuzzy']));
    startUps = measureStartUp(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`subloc bench: Node ${process.version}, median of runs after a second of untimed runs, each size, format and input in a fresh process; film = bilingual lines, a few % with placement and inline tags\n`);
  console.log(`${'cues'.padStart(7)}  ${'task'.padEnd(22)} ${'subloc ms'.padStart(10)}  ${'peer ms'.padStart(9)}  ${'speed-up'.padStart(8)}  peer`);
  for (const r of rows) {
    const ratio = Number.isNaN(r.peerMs) ? '' : `${(r.peerMs / r.subloc).toFixed(2)}×`;
    console.log(`${String(r.cues).padStart(7)}  ${r.task.padEnd(22)} ${ms(r.subloc).padStart(10)}  ${(Number.isNaN(r.peerMs) ? '' : ms(r.peerMs)).padStart(9)}  ${ratio.padStart(8)}  ${r.peer}`);
  }
  console.log('\nspeed-up = peer time ÷ subloc time (above 1 means subloc is faster)');
  console.log('\nReading 100,000 cues in a fresh process (decode + parse, file read included):');
  console.log(memory.join('\n'));
  console.log('\nStart-up of the built CLI (dist/), median of 15 runs, against node -e 0 (below 2 is the aim):');
  console.log(startUps.join('\n'));
  // Loaded here only: the per-case and memory children must not carry the DeepL test server.
  const { benchDeepL } = await import('./bench-deepl.js');
  console.log(`\n${await benchDeepL()}`);
  const { benchTracksThatFit } = await import('./bench/tracks-that-fit.js');
  console.log(`\n${await benchTracksThatFit()}`);
  const { benchWorkers } = await import('./bench/workers.js');
  console.log(`\n${await benchWorkers()}`);
  const { benchMemoryStores } = await import('./bench/memory-stores.js');
  console.log(`\n${await benchMemoryStores()}`);
  const { benchStudio } = await import('./bench/studio.js');
  console.log(`\n${await benchStudio()}`);
  console.log(`\n${child(['--model-shape', 'as Node runs by default'])}`);
  // Not how subloc runs: it shows what the collector costs the rows above when V8 pretenures the reader's objects.
  // A V8 flag, which another Node may not have: the bench goes on without the block.
  const hasFlag = spawnSync(process.execPath, ['--no-page-promotion', '-e', '0']).status === 0;
  const block = hasFlag ? child(['--model-shape', 'V8 page promotion off (--no-page-promotion)'], ['--no-page-promotion']) : 'Model shape without page promotion: skipped, this Node has no --no-page-promotion';
  console.log(`\n${block}`);
  const { benchTtmlParts } = await import('./bench/ttml-parts.js');
  console.log(`\n${benchTtmlParts()}`);
}

if (process.argv[2] === '--memory') {
  const [, , , file, format] = process.argv;
  const result = parse(readFileSync(file!), { format: format as FormatId });
  if (result.track.cues.length !== 100_000) throw new Error(`read ${result.track.cues.length} cues, expected 100000`);
  process.stdout.write(`${process.resourceUsage().maxRSS / 1024}\n`);
} else if (process.argv[2] === '--model-shape') {
  // In a fresh process, as the parse rows it explains: a heap the other benchmarks filled slows the model's many objects more than the peer's few.
  const { benchModelShape } = await import('./bench/model-shape.js');
  process.stdout.write(await benchModelShape(formats.srt.serialize(generateFilmMix(100_000)).text, process.argv[3]!));
} else if (process.argv[2] === '--case' || process.argv[2] === '--fuzzy') {
  const rows = process.argv[2] === '--fuzzy' ? await measureFuzzy() : measureCase(Number(process.argv[3]), process.argv[4] as FormatId, process.argv[5] as Input);
  // NaN does not survive JSON: an absent peer is written as null.
  process.stdout.write(JSON.stringify(rows.map((r) => ({ ...r, peerMs: Number.isNaN(r.peerMs) ? null : r.peerMs }))));
} else {
  await main();
}
