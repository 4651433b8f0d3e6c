import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/formats/parse.js';
import { srt } from '../../../src/formats/srt/index.js';
import { cueText, normalizeLine, span, splitLines } from '../../../src/model/spans.js';
import type { Cue, Span } from '../../../src/model/track.js';

const corpus = resolve(process.cwd(), '../shared/corpus');
const androidx = join(corpus, 'androidx-media/subrip');
/** `{\an1}`…`{\an9}`, one cue each, its text naming its place: `V: Bottom - H: Left`. */
const alignment = join(corpus, 'sandflow-ttconv/srt/alignment.srt');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Every `.srt` of the corpus, plus androidx's SubRip files, which have no extension. */
const files = [...walk(corpus).filter((f) => f.toLowerCase().endsWith('.srt')), ...readdirSync(androidx).map((f) => join(androidx, f))].sort();

function read(file: string) {
  return parse(readFileSync(file), { format: 'srt', fileName: file });
}

type Found = Array<[code: string, line: number | undefined]>;

/** androidx's files that are broken on purpose, and what subloc says about each. */
const BROKEN: Record<string, { cues: string[]; errors: Found; warnings: Found }> = {
  // The issue makes an empty input an error (the CLI exits 1); ExoPlayer returns no cues.
  // The adapter itself reads it as no cues and no diagnostics (see below).
  empty: { cues: [], errors: [['input/empty', 1]], warnings: [] },
  typical_bad_timestamps: {
    // ExoPlayer drops the third cue too (`,90`); subloc reads 1-3 digit fractions, so `,90` is 900 ms with a warning.
    cues: ['This is the first subtitle.', 'This should be discarded (too few decimal places).'],
    errors: [['srt/invalid-timing', 6]],
    warnings: [['srt/short-fraction', 10]],
  },
  typical_missing_timecode: {
    cues: ['This is the first subtitle.', 'This is the third subtitle.'],
    errors: [
      ['srt/missing-timing', 6],
      ['srt/invalid-timing', 14],
      ['srt/invalid-timing', 18],
    ],
    warnings: [],
  },
  typical_missing_sequence: {
    // ExoPlayer drops the cue without a number; subloc keeps it (the issue asks for it) with a warning.
    cues: ['This is the first subtitle.', 'This is the second subtitle.\nSecond subtitle with second line.', 'This is the third subtitle.'],
    errors: [],
    warnings: [['srt/missing-index', 5]],
  },
  typical_negative_timestamps: {
    cues: ['This is the third subtitle.'],
    errors: [
      ['srt/negative-time', 2],
      ['srt/negative-time', 6],
    ],
    warnings: [],
  },
  typical_no_hours_and_millis: {
    cues: ['This is the first subtitle.', 'This is the second subtitle.\nSecond subtitle with second line.', 'This is the third subtitle.'],
    errors: [],
    warnings: [
      ['srt/missing-hours', 2],
      ['srt/missing-milliseconds', 6],
    ],
  },
  typical_unexpected_end: {
    cues: ['This is the first subtitle.', 'This is the second subtitle.\nSecond subtitle with second line.'],
    errors: [],
    warnings: [['srt/unexpected-end', 10]],
  },
};

function bySeverity(diagnostics: ReturnType<typeof read>['diagnostics'], severity: string): Found {
  return diagnostics.filter((d) => d.severity === severity).map((d) => [d.code, d.line]);
}

describe('srt: every SubRip file of the corpus', () => {
  it('finds the files', () => {
    expect(files.length).toBeGreaterThanOrEqual(52);
  });

  it.each(files.map((f) => [relative(corpus, f), f]))('%s parses without throwing; valid files give no error', (name, file) => {
    const { track, diagnostics } = read(file);
    const broken = BROKEN[name.replace('androidx-media/subrip/', '')];
    if (broken && name.startsWith('androidx-media/')) {
      expect(track.cues.map(cueText)).toEqual(broken.cues);
      expect(bySeverity(diagnostics, 'error')).toEqual(broken.errors);
      expect(bySeverity(diagnostics, 'warning')).toEqual(broken.warnings);
    } else {
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(track.cues.length).toBeGreaterThan(0);
    }
  });
});

describe('srt: androidx-media (ExoPlayer SubripParserTest)', () => {
  const typical = read(join(androidx, 'typical')).track.cues;

  it('reads `typical` as ExoPlayer expects', () => {
    expect(typical.map((c) => [c.start, c.end, cueText(c)])).toEqual([
      [0, 1234, 'This is the first subtitle.'],
      [2345, 3456, 'This is the second subtitle.\nSecond subtitle with second line.'],
      [(2 * 3600 + 4) * 1000 + 567, (2 * 3600 + 8) * 1000 + 901, 'This is the third subtitle.'],
    ]);
  });

  it.each(['typical_utf16le', 'typical_utf16be', 'typical_with_byte_order_mark', 'typical_extra_blank_line'])('reads %s as the same cues as `typical`, with no diagnostics', (name) => {
    const { track, diagnostics } = read(join(androidx, name));
    expect(track.cues).toEqual(typical);
    expect(diagnostics).toEqual([]);
  });

  it('reads the empty file as no cues, with no diagnostic from the adapter', () => {
    expect(srt.parse(readFileSync(join(androidx, 'empty'), 'utf8'))).toMatchObject({ track: { cues: [] }, diagnostics: [] });
  });

  it('reads typical_with_tags: texts, positions and no error', () => {
    const { track, diagnostics } = read(join(androidx, 'typical_with_tags'));
    const cues = track.cues;
    expect(cues.slice(0, 5).map(cueText)).toEqual([
      'This is the first subtitle.',
      'This is the second subtitle.\nSecond subtitle with second line.',
      'This is the third subtitle.',
      'This { \\an2} is not a valid tag due to the space after the opening bracket.',
      'This is the fifth subtitle with multiple valid tags.',
    ]);
    // `{\an1}`…`{\an9}` in turn, as in sandflow's alignment.srt, whose cues name their places (pinned below).
    expect(cues.slice(5).map((c) => c.placement)).toEqual(read(alignment).track.cues.map((c) => c.placement));
    // `00:00:013,567` has 3-digit seconds: ExoPlayer reads it, so do we, with a warning.
    expect(cues[4]?.start).toBe(13_567);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['srt/ass-override', 'info', 8],
      ['srt/field-width', 'warning', 19],
    ]);
  });
});

describe('srt: other suites', () => {
  it('sandflow-ttconv alignment.srt: {\\an1}…{\\an9}', () => {
    const cues = read(alignment).track.cues;
    expect(cues.map((c) => [cueText(c), c.placement])).toEqual([
      ['V: Bottom - H: Left', { vertical: 'bottom', horizontal: 'left' }],
      ['V: Bottom - H: Center', undefined],
      ['V: Bottom - H: Right', { vertical: 'bottom', horizontal: 'right' }],
      ['V: Center - H: Left', { vertical: 'middle', horizontal: 'left' }],
      ['V: Center - H: Center', { vertical: 'middle' }],
      ['V: Center - H: Right', { vertical: 'middle', horizontal: 'right' }],
      ['V: Top - H: Left', { vertical: 'top', horizontal: 'left' }],
      ['V: Top - H: Center', { vertical: 'top' }],
      ['V: Top - H: Right', { vertical: 'top', horizontal: 'right' }],
    ]);
  });

  it('sandflow-ttconv extended-tags.srt: an unknown tag is dropped, its text kept', () => {
    const { track, diagnostics } = read(join(corpus, 'sandflow-ttconv/srt/extended-tags.srt'));
    expect(track.cues.map(cueText)).toEqual(['Hello my name is Bob']);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['srt/unknown-tag', 3]]);
  });

  it('cth103-libsub: U+2028 splits lines, misnested tags recover', () => {
    const newline = read(join(corpus, 'cth103-libsub/data/newline.srt')).track.cues;
    expect(newline[0]?.lines).toEqual([[{ text: 'Du fühlst dich danach besser.' }], [{ text: 'Okay, Kleiner?' }]]);
    const test = read(join(corpus, 'cth103-libsub/data/test.srt'));
    expect(test.track.cues[1]?.lines).toEqual([
      [
        { text: 'This is some ' },
        { text: 'bold', bold: true },
        { text: ' and some ' },
        { text: 'bold italic', bold: true, italic: true },
        { text: ' and some ' },
        { text: 'underlined', underline: true },
        { text: '.' },
      ],
    ]);
    expect(test.diagnostics.map((d) => d.code)).toEqual(['srt/misnested-tag']);
  });

  it('ylysyym-aspasia gbk.srt decodes through parse(bytes)', () => {
    const { track, diagnostics } = read(join(corpus, 'ylysyym-aspasia/gbk.srt'));
    expect(track.meta.encoding).toBe('gb18030');
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(cueText(track.cues[0]!)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('isaacbernat-netflix-to-srt: colours and positions', () => {
    const styled = read(join(corpus, 'isaacbernat-netflix-to-srt/sample_issue41.srt')).track.cues;
    expect(styled[0]?.lines).toEqual([[{ text: 'Musique douce', color: '#ff00ff' }]]);
    expect(styled[1]?.lines).toEqual([[{ text: '---', color: '#ff00ff' }]]);
  });
});

/** The `subtitle` package's JSON keeps `<i>` tags in the text; turn it into lines of spans to compare. */
function expectedLines(text: string): Span[][] {
  const spans: Span[] = [];
  let italic = false;
  for (const part of text.split(/(<\/?i>)/)) {
    if (part === '<i>') italic = true;
    else if (part === '</i>') italic = false;
    else spans.push(span(part, italic ? { italic: true } : {}));
  }
  // Deliberate difference: subloc drops trailing white space of a line and trailing
  // whitespace-only lines (LaLaLand's last cue ends in tab-only lines); `subtitle` keeps them.
  const lines = splitLines(spans).map((l) => normalizeLine(trimEndOfLine(l)));
  while (lines.length > 0 && lines[lines.length - 1]!.length === 0) lines.pop();
  return lines;
}

function trimEndOfLine(line: Span[]): Span[] {
  const out = line.map((s) => ({ ...s }));
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    last.text = last.text.trimEnd();
    if (last.text !== '') break;
    out.pop();
  }
  return out;
}

describe('srt: gsantiago/subtitle.js fixtures (expected output of the `subtitle` package)', () => {
  it.each(['LaLaLand', 'ManOfSteel', 'WonderWoman'])('%s.srt matches %s.srt.json in times, text and italics', (name) => {
    const expected = JSON.parse(readFileSync(join(corpus, `gsantiago-subtitle.js/${name}.srt.json`), 'utf8')) as Array<{ type: string; data: { start: number; end: number; text: string } }>;
    const { track, diagnostics } = read(join(corpus, `gsantiago-subtitle.js/${name}.srt`));
    expect(diagnostics).toEqual([]);
    const cues = expected.filter((n) => n.type === 'cue');
    expect(track.cues).toHaveLength(cues.length);
    const toCompare = (c: Pick<Cue, 'start' | 'end' | 'lines'>) => ({ start: c.start, end: c.end, lines: c.lines });
    expect(track.cues.map(toCompare)).toEqual(cues.map((n) => ({ start: n.data.start, end: n.data.end, lines: expectedLines(n.data.text) })));
  });
});
