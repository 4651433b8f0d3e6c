/**
 * What the model's shape costs when 100,000 cues are read, beside
 * `subtitle`'s parseSync on the same SRT text: the cues are built from
 * line offsets and times found before timing starts, so nothing is parsed,
 * only allocated. A two-line cue in the model is about 12 heap objects (the
 * cue, its id, `lines` and each line's array, each with a backing store, a
 * span and a string a line); `subtitle` keeps about 4 a cue (node, data,
 * one joined text). Built alone, in the model's shape and in two shapes
 * with fewer objects, they show how far a reader of the model can get
 * ahead of `subtitle`; all run in this process, in turn, after untimed
 * runs (see `runInTurn`). Each row also shows the collector's share of its
 * runs: at this size it decides the figures, and how much of it a row pays
 * depends on whether V8 pretenures its objects (allocates them straight in
 * the old generation), which a run of the bench shows by running this
 * block twice, once with V8's page promotion off.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { parseSync } from 'subtitle';
import { formats } from '../../src/formats/index.js';
import type { Cue, Span } from '../../src/model/track.js';
import { median, runInTurn, type Runs } from './in-turn.js';

const RUNS = 7;

/** Each cue's times and the offsets of its text lines in the SRT text, found once. */
interface Layout {
  start: number[];
  end: number[];
  /** Per cue, [from, to) of each text line, in pairs. */
  lines: number[][];
}

function layout(text: string): Layout {
  const { cues } = formats.srt.parse(text).track;
  const lines: number[][] = [];
  let pos = 0;
  while (pos < text.length && lines.length < cues.length) {
    // Number line, timing line, then text lines up to a blank line.
    pos = text.indexOf('\n', text.indexOf('\n', pos) + 1) + 1;
    const offsets: number[] = [];
    while (pos < text.length && text.charCodeAt(pos) !== 0x0a) {
      const end = text.indexOf('\n', pos);
      const to = end < 0 ? text.length : end;
      offsets.push(pos, to);
      pos = to + 1;
    }
    pos++;
    lines.push(offsets);
  }
  return { start: cues.map((c) => c.start), end: cues.map((c) => c.end), lines };
}

/** The model's shape: `lines: Span[][]`, one array a line. */
function modelShape(text: string, l: Layout): Cue[] {
  const cues: Cue[] = [];
  for (let k = 0; k < l.lines.length; k++) {
    const o = l.lines[k]!;
    // Literals of the exact size for one and two lines, as the readers make them.
    let lines: Span[][];
    if (o.length === 2) lines = [[{ text: text.slice(o[0], o[1]) }]];
    else if (o.length === 4) lines = [[{ text: text.slice(o[0], o[1]) }], [{ text: text.slice(o[2], o[3]) }]];
    else {
      lines = [];
      for (let i = 0; i < o.length; i += 2) lines.push([{ text: text.slice(o[i], o[i + 1]) }]);
    }
    cues.push({ id: String(k + 1), start: l.start[k]!, end: l.end[k]!, lines });
  }
  return cues;
}

/** One object kind less: the lines' own arrays, one span a line (the film mix has one or two lines a cue). */
function withoutLineArrays(text: string, l: Layout): object[] {
  const cues: object[] = [];
  for (let k = 0; k < l.lines.length; k++) {
    const o = l.lines[k]!;
    if (o.length !== 2 && o.length !== 4) throw new Error(`cue ${k + 1} has ${o.length / 2} lines; the film mix has one or two`);
    const first: Span = { text: text.slice(o[0], o[1]) };
    cues.push({ id: String(k + 1), start: l.start[k]!, end: l.end[k]!, lines: o.length === 2 ? [first] : [first, { text: text.slice(o[2], o[3]) }] });
  }
  return cues;
}

/** `subtitle`'s shape: a node, its data and the cue's lines as one string. */
function subtitleShape(text: string, l: Layout): object[] {
  const nodes: object[] = [];
  for (let k = 0; k < l.lines.length; k++) {
    const o = l.lines[k]!;
    nodes.push({ type: 'cue', data: { start: l.start[k]!, end: l.end[k]!, text: o.length === 0 ? '' : text.slice(o[0], o[o.length - 1]) } });
  }
  return nodes;
}

/** The collector's time within each run, from the `gc` entries timed inside it. */
function collectorMs(runs: Runs, collections: readonly PerformanceEntry[]): number[] {
  return runs.map(([start, end]) => collections.filter((e) => e.startTime >= start && e.startTime < end).reduce((sum, e) => sum + e.duration, 0));
}

/** `text`: an SRT text, as the bench writes its film mix; `label` says how V8 runs this process. */
export async function benchModelShape(text: string, label: string): Promise<string> {
  const l = layout(text);
  const rows: [string, () => unknown][] = [
    ['subloc parse (SRT reader, model)', () => formats.srt.parse(text)],
    ['model shape built alone', () => modelShape(text, l)],
    ['  without the lines\u2019 arrays', () => withoutLineArrays(text, l)],
    ['  subtitle\u2019s shape built alone', () => subtitleShape(text, l)],
    ['subtitle parseSync (peer)', () => parseSync(text)],
  ];
  const collections: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const runs = runInTurn(rows.map(([, fn]) => fn), RUNS);
  // The observer is told of collections a turn later.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const ms = runs.map((spans) => median(spans.map(([start, end]) => end - start)));
  const gc = runs.map((spans) => median(collectorMs(spans, collections)));
  const peer = ms[ms.length - 1]!;
  const out = [
    `Model shape, ${label}: ${l.lines.length.toLocaleString('en')} cues of the SRT film mix, median of ${RUNS} runs in turn; speed-up = subtitle parseSync ÷ the row (the aim for a reader is 2.5×); collector = median time of the collections within a run`,
  ];
  rows.forEach(([name], i) => out.push(`  ${name.padEnd(36)} ${ms[i]!.toFixed(0).padStart(5)} ms  ${(peer / ms[i]!).toFixed(2).padStart(5)}×  collector ${gc[i]!.toFixed(0).padStart(3)} ms`));
  return out.join('\n');
}
