import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../src/deliver/manifest.js';
import { parse } from '../src/formats/parse.js';
import type { Diagnostic } from '../src/model/diagnostic.js';
import { framesToMs, msToFrames } from '../src/model/frame-rate.js';
import { textWidth } from '../src/model/language.js';
import { lineText } from '../src/model/spans.js';
import type { FrameRate, Ms } from '../src/model/track.js';
import { forLanguage } from '../src/qc/profile.js';
import { defaultProfile } from '../src/qc/profiles/default.js';
import { festivalProfile } from '../src/qc/profiles/festival.js';
import { cli, tempDir, type CliResult } from './helpers/cli.js';

const FILE = 'hotline-beijing.zh-Hans.srt';
const bytes = readFileSync(new URL(`../subtitles/${FILE}`, import.meta.url));
const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);

const FPS: FrameRate = { numerator: 24, denominator: 1 };
const MIN_FRAMES = 20;
const MAX_MS = 7000;
const MIN_GAP_FRAMES = 2;
const MAX_LINES = 2;
const MAX_WIDTH = 16;
const MAX_CPS = 9;
/** A cue ending without one of these leaves its sentence for the next cue. */
const SENTENCE_END = /[。？！…”]$/u;
/** How close the next cue must start to read as the same sentence. */
const CONTINUATION_MS = 1000;

interface PlainCue {
  id: string;
  start: Ms;
  end: Ms;
  /** Line texts without markup. */
  lines: string[];
  italic: boolean;
}

/** Netflix Chinese counting: full-width characters 1, half-width (ASCII) 0.5. */
function width(line: string): number {
  let w = 0;
  for (const ch of line) w += ch.codePointAt(0)! <= 0x7e ? 0.5 : 1;
  return w;
}

const TIMING = /^(\d{2}):(\d{2}):(\d{2}),(\d{3}) --> (\d{2}):(\d{2}):(\d{2}),(\d{3})$/;

/** Milliseconds from the four clock fields starting at `at` in a TIMING match. */
function clock(fields: readonly string[], at: number): Ms {
  const [h, m, s, f] = fields.slice(at, at + 4).map(Number) as [number, number, number, number];
  return ((h * 60 + m) * 60 + s) * 1000 + f;
}

/**
 * The sample read without the SRT adapter, strictly: numbered from 1, one
 * timing line, one or two text lines, a blank line between blocks. The only
 * markup the sample uses is `<i>`.
 */
function readStrict(source: string): { cues: PlainCue[]; problems: string[] } {
  const problems: string[] = [];
  const cues: PlainCue[] = [];
  if (!source.endsWith('\n') || source.endsWith('\n\n')) problems.push('expected the file to end with exactly one line feed');
  source
    .trimEnd()
    .split('\n\n')
    .forEach((block, i) => {
      const [index, timing, ...lines] = block.split('\n');
      const id = String(i + 1);
      if (index !== id) problems.push(`block ${id}: expected index ${id}, found \`${index}\``);
      const t = TIMING.exec(timing ?? '');
      if (!t) {
        problems.push(`block ${id}: expected \`HH:MM:SS,mmm --> HH:MM:SS,mmm\`, found \`${timing}\``);
        return;
      }
      cues.push({
        id,
        start: clock(t, 1),
        end: clock(t, 5),
        lines: lines.map((l) => l.replace(/<\/?i>/g, '')),
        italic: lines.some((l) => l.includes('<i>')),
      });
    });
  return { cues, problems };
}

/** Every timing and layout rule of the sample, as messages naming the cue. */
function timingProblems(cues: readonly PlainCue[]): string[] {
  const problems: string[] = [];
  const onGrid = (t: Ms): boolean => framesToMs(msToFrames(t, FPS), FPS) === t;
  cues.forEach((cue, i) => {
    const at = `cue ${cue.id}`;
    if (!onGrid(cue.start)) problems.push(`${at}: start ${cue.start} ms is not on the 24 fps grid`);
    if (!onGrid(cue.end)) problems.push(`${at}: end ${cue.end} ms is not on the 24 fps grid`);
    const frames = msToFrames(cue.end, FPS) - msToFrames(cue.start, FPS);
    if (frames < MIN_FRAMES) problems.push(`${at}: lasts ${frames} frames, expected at least ${MIN_FRAMES}`);
    if (cue.end - cue.start > MAX_MS) problems.push(`${at}: lasts ${cue.end - cue.start} ms, expected at most ${MAX_MS}`);
    const previous = cues[i - 1];
    if (previous) {
      const gap = msToFrames(cue.start, FPS) - msToFrames(previous.end, FPS);
      if (gap < MIN_GAP_FRAMES) problems.push(`${at}: starts ${gap} frames after cue ${previous.id}, expected at least ${MIN_GAP_FRAMES}`);
    }
    if (cue.lines.length < 1 || cue.lines.length > MAX_LINES) problems.push(`${at}: has ${cue.lines.length} lines, expected 1 to ${MAX_LINES}`);
    for (const line of cue.lines) {
      if (width(line) > MAX_WIDTH) problems.push(`${at}: line \`${line}\` is ${width(line)} wide, expected at most ${MAX_WIDTH}`);
    }
    const cps = cue.lines.reduce((w, l) => w + width(l), 0) / ((cue.end - cue.start) / 1000);
    if (cps > MAX_CPS) problems.push(`${at}: reads at ${cps.toFixed(1)} characters a second, expected at most ${MAX_CPS}`);
  });
  return problems;
}

/** Cues whose sentence goes on in the next cue. */
function continuedCues(cues: readonly PlainCue[]): { continued: PlainCue[]; dangling: string[] } {
  const continued: PlainCue[] = [];
  const dangling: string[] = [];
  cues.forEach((cue, i) => {
    if (SENTENCE_END.test(cue.lines.join(''))) return;
    const next = cues[i + 1];
    if (next && next.start - cue.end <= CONTINUATION_MS) continued.push(cue);
    else dangling.push(cue.id);
  });
  return { continued, dangling };
}

const raw = readStrict(text);

describe(`subtitles/${FILE}, read without the adapter`, () => {
  it('is UTF-8 without BOM, with LF line endings and strict SRT blocks', () => {
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(text).not.toContain('\r');
    expect(raw.problems).toEqual([]);
  });

  it('has at least 90 cues covering 10 to 15 minutes', () => {
    expect(raw.cues.length).toBeGreaterThanOrEqual(90);
    const last = raw.cues.at(-1)!;
    expect(last.end).toBeGreaterThanOrEqual(10 * 60_000);
    expect(last.end).toBeLessThanOrEqual(15 * 60_000);
  });

  it('is timed on the 24 fps grid with readable durations, gaps and lines', () => {
    expect(timingProblems(raw.cues)).toEqual([]);
  });

  it('runs sentences over cues, with none left dangling', () => {
    const { continued, dangling } = continuedCues(raw.cues);
    expect(continued.length).toBeGreaterThanOrEqual(4);
    expect(dangling).toEqual([]);
  });

  it('has phone voices in italics, the hotline number and the daily call count', () => {
    expect(raw.cues.filter((c) => c.italic).length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('12345');
    expect(text).toContain('60,000');
  });

  it('catches what it checks: off-grid times, overlaps, short or fast cues, wide lines', () => {
    const [a, b, c, d] = raw.cues as [PlainCue, PlainCue, PlainCue, PlainCue, ...PlainCue[]];
    const shortEnd = framesToMs(msToFrames(c.start, FPS) + MIN_FRAMES - 1, FPS);
    const broken = [
      { ...a, end: a.end + 1 },
      { ...b, lines: ['一二三四五六七八九十一二三四五六七'] },
      { ...c, end: shortEnd },
      { ...d, start: shortEnd },
    ];
    const problems = timingProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('cue 1: end'),
        expect.stringContaining('cue 2: line'),
        expect.stringContaining('cue 3: lasts 19 frames'),
        expect.stringContaining('cue 3: reads at'),
        expect.stringContaining('cue 4: starts'),
      ]),
    );
    expect(continuedCues([{ ...a, lines: ['未完'] }]).dangling).toEqual(['1']);
  });
});

describe(`subtitles/${FILE}, through parse()`, () => {
  const { track, diagnostics } = parse(bytes, { fileName: FILE, language: 'zh-Hans' });
  const parsed: PlainCue[] = track.cues.map((cue) => ({
    id: cue.id,
    start: cue.start,
    end: cue.end,
    lines: cue.lines.map(lineText),
    italic: cue.lines.some((line) => line.some((s) => s.italic)),
  }));

  it('reads as UTF-8 SRT with no warnings or errors', () => {
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(track.meta.sourceFormat).toBe('srt');
    expect(track.meta.encoding).toBe('utf-8');
  });

  it('gives the same cues as the strict reading', () => {
    expect(parsed).toEqual(raw.cues);
  });

  it('keeps every rule of the sample in the model', () => {
    expect(parsed.length).toBeGreaterThanOrEqual(90);
    expect(timingProblems(parsed)).toEqual([]);
    expect(continuedCues(parsed).continued.length).toBeGreaterThanOrEqual(4);
    expect(parsed.filter((c) => c.italic).length).toBeGreaterThanOrEqual(3);
  });
});

describe('the sample passes its own gate: `npm run localize`, then `npm run deliver`', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  /** A script's CLI arguments: what follows `node dist/cli/main.js`. */
  const argsOf = (name: string): string[] => {
    const words = (scripts[name] ?? '').split(' ');
    expect(words.slice(0, 2), `scripts.${name}`).toEqual(['node', 'dist/cli/main.js']);
    return words.slice(2);
  };
  const targets = ['en-US', 'fr-FR', 'it-IT', 'es-ES', 'de-DE', 'ja-JP'];
  let dir: string;
  let localized: CliResult;
  let delivered: CliResult;
  const localizedSrt = (language: string) => join(dir, 'out', 'hotline-beijing', language, `hotline-beijing.${language}.srt`);
  const deliveredSrt = (language: string) => join(dir, 'deliverables', 'hotline-beijing', language, `hotline-beijing.${language}.srt`);

  beforeAll(async () => {
    dir = tempDir();
    // The scripts as they are; outputs and memory in the test's own folder (a delivery replaces its language folders whole).
    const memory = ['--memory', join(dir, 'memory.sqlite'), '--json'];
    localized = await cli([...argsOf('localize'), '--out', join(dir, 'out'), ...memory], root, {});
    delivered = await cli([...argsOf('deliver'), '--out', join(dir, 'deliverables'), ...memory], root, {});
  }, 120_000);

  it('asks for no exception to the gate', () => {
    expect(scripts['deliver']).not.toContain('--allow-qc-errors');
    expect(scripts['deliver']).not.toContain('--allow-drafts');
    expect(localized.code).toBe(0);
  });

  it('delivers every language through the festival gate with no error, and the manifest says the gate held', () => {
    expect(delivered.stderr).toBe('');
    expect(delivered.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'deliverables', 'hotline-beijing', 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest).toMatchObject({ qcProfile: 'festival', qcErrorsAllowed: false, draftsAllowed: false });
    expect(manifest.languages.map((l) => [l.language, l.delivered, l.qc.errors, l.drafts])).toEqual(targets.map((l) => [l, true, 0, 0]));
  });

  it.each(targets)('%s reads too fast on at most 5 per cent of its cues, with no error, on the default profile', (language) => {
    const qc = JSON.parse(readFileSync(join(dir, 'out', 'hotline-beijing', language, 'qc.json'), 'utf8')) as { profile: string; findings: Diagnostic[] };
    expect(qc.profile).toBe('default');
    expect(qc.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const cues = parse(readFileSync(localizedSrt(language)), { language }).track.cues.length;
    const fast = qc.findings.filter((f) => f.code === 'qc/reading-speed');
    expect(fast.length, fast.map((f) => `${f.cueId}: ${f.message}`).join('\n')).toBeLessThanOrEqual(Math.floor(cues * 0.05));
  });

  it.each(targets)('%s keeps the source’s numbers: a dialogue’s dashes and a number moved within its sentence are no difference', (language) => {
    const qc = JSON.parse(readFileSync(join(dir, 'out', 'hotline-beijing', language, 'qc.json'), 'utf8')) as { findings: Diagnostic[] };
    expect(qc.findings.filter((f) => f.code === 'qc/numbers').map((f) => `${f.cueId}: ${f.message}`)).toEqual([]);
  });

  it.each(targets)('%s keeps every line within the profile, localized (Netflix) and delivered (festival)', (language) => {
    for (const [file, profile] of [
      [localizedSrt(language), defaultProfile],
      [deliveredSrt(language), festivalProfile],
    ] as const) {
      const limit = forLanguage(profile.maxCharsPerLine.value, language);
      const { track } = parse(readFileSync(file), { language });
      const wide = track.cues.flatMap((c) => c.lines.map(lineText).filter((line) => textWidth(line, language) > limit).map((line) => `${c.id}: ${line}`));
      expect(wide, `${profile.id}, at most ${limit}`).toEqual([]);
    }
  });

  it('holds Japanese to 13 full-width characters a line', () => {
    expect(forLanguage(defaultProfile.maxCharsPerLine.value, 'ja-JP')).toBe(13);
    expect(forLanguage(festivalProfile.maxCharsPerLine.value, 'ja-JP')).toBe(13);
  });
});
