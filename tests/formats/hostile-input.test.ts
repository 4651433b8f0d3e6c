import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIds } from '../../src/formats/format-ids.js';
import { parse, type ParseOptions } from '../../src/formats/parse.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { Track } from '../../src/model/track.js';
import { diagnosticProblem } from '../helpers/diagnostic-shape.js';
import { around, mutants, reencodings, type Mutant } from '../helpers/mutations.js';

const corpus = resolve(process.cwd(), '../shared/corpus');

/** Small real files of every format subloc reads, and the project's own sample. */
const FILES = Object.entries({
  'androidx-media/subrip': ['typical', 'typical_with_tags', 'typical_utf16le'],
  'cth103-libsub/data': ['test2.srt', 'test.vtt', 'test1.xml'],
  'papnkukn-subsrt': ['sample.srt', 'sample.vtt'],
  'ylysyym-aspasia': ['gbk.srt'],
  'videojs-elephantsdream': ['captions.ja.vtt'],
  'sandflow-ttconv/vtt/valid': ['style.vtt'],
  'w3c-webvtt.js/wpt-cue-parsing': ['tags.vtt', 'entities.vtt'],
  'osk-node-webvtt': ['malformed.vtt'],
  'w3c-imsc-tests/imsc1/ttml': ['tt/Tt001.ttml', 'misc/special-character-001.ttml'],
  'tkarabela-pysubs2': ['ttml_example.ttml'],
  'isaacbernat-netflix-to-srt': ['sample3.xml'],
  'irt-ebu-tt-d-application-samples/ttml': ['fontsize-001-ttml.xml', 'space-preserve-001-ttml.xml'],
  'cth103-libdcp/data': ['subs1.xml', 'subs2.xml', 'subtitles_with_vZani.xml', 'verify_incorrect_closed_caption_ordering3.xml'],
}).flatMap(([folder, names]) => names.map((name) => resolve(corpus, folder, name)));
const SAMPLE = resolve(process.cwd(), 'subtitles/hotline-beijing.zh-Hans.srt');

const SEED = 20_261_206;
const MUTANTS_PER_FILE = 150;
/** SMPTE DCP has only these two samples, each with many times in edit units: more mutants each. */
const MORE = new Set(['cth103-libdcp/data/subtitles_with_vZani.xml', 'cth103-libdcp/data/verify_incorrect_closed_caption_ordering3.xml'].map((f) => resolve(corpus, f)));

/** What is wrong with a parse result, or undefined when it keeps every promise. */
function problemOf(track: Track, diagnostics: Diagnostic[]): string | undefined {
  const shape = diagnosticProblem(diagnostics);
  if (shape) return shape;
  const ids = new Set<string>();
  // WebVTT and DCP keep a cue that ends before it starts, as the WPT tests want, and say so.
  let reversed = 0;
  for (const cue of track.cues) {
    if (ids.has(cue.id)) return `the cue id \`${cue.id}\` twice`;
    ids.add(cue.id);
    if (!Number.isSafeInteger(cue.start) || !Number.isSafeInteger(cue.end) || cue.start < 0) return `cue \`${cue.id}\` has times ${cue.start}–${cue.end}; expected whole milliseconds from 0`;
    if (cue.end < cue.start) reversed++;
    if (!Array.isArray(cue.lines) || !cue.lines.every((line) => Array.isArray(line) && line.every((span) => typeof span.text === 'string'))) {
      return `cue \`${cue.id}\` has lines that are not arrays of spans with text`;
    }
  }
  const said = diagnostics.filter((d) => d.code.endsWith('/end-before-start')).length;
  if (reversed > said) return `${reversed} cues end before they start, and only ${said} diagnostics say so`;
  return undefined;
}

/** Where a mutant first differs from the file it was made from. */
function firstDifference(original: Uint8Array, mutant: Uint8Array): number {
  let i = 0;
  while (i < original.length && i < mutant.length && original[i] === mutant[i]) i++;
  return i;
}

/** Every failing (file, mutant, format) as one line that says how to make it again. */
function failures(file: string, original: Uint8Array, inputs: readonly Mutant[], seed: number | undefined): string[] {
  const found: string[] = [];
  for (const mutant of inputs) {
    for (const format of [undefined, ...formatIds]) {
      const opts: ParseOptions = format === undefined ? { fileName: file } : { fileName: file, format };
      let problem: string | undefined;
      try {
        const { track, diagnostics } = parse(mutant.bytes, opts);
        problem = problemOf(track, diagnostics);
      } catch (error) {
        problem = `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(0, 300);
      }
      if (problem) {
        const where = seed === undefined ? '' : ` seed ${seed}`;
        found.push(`${file}${where} [${mutant.label}] format ${format ?? '(detected)'}: ${problem}; ${around(mutant.bytes, firstDifference(original, mutant.bytes))}`);
      }
    }
  }
  return found;
}

/**
 * Damaged real files through the public `parse`, both with the format
 * detected and with every format forced: never a throw, every diagnostic of
 * the one shape with a line on each error, and a well-formed track.
 */
describe('parse given damaged real files', () => {
  it.each([...FILES, SAMPLE].map((file, i) => [relative(process.cwd(), file), file, SEED + i] as const))('%s, mutated', (_, file, seed) => {
    const bytes = readFileSync(file);
    expect(failures(file, bytes, mutants(bytes, seed, MORE.has(file) ? 4 * MUTANTS_PER_FILE : MUTANTS_PER_FILE), seed)).toEqual([]);
  });

  it.each([SAMPLE, resolve(corpus, 'papnkukn-subsrt/sample.vtt'), resolve(corpus, 'cth103-libdcp/data/subs1.xml'), resolve(corpus, 'w3c-imsc-tests/imsc1/ttml/tt/Tt001.ttml')])(
    '%s, in other encodings and cut mid-character',
    (file) => {
      const bytes = readFileSync(file);
      expect(failures(file, bytes, reencodings(bytes.toString('utf8')), undefined)).toEqual([]);
    },
  );
});

describe('subtitle formats subloc does not read', () => {
  it.each([
    ['tkarabela-pysubs2/ttml_example.ass', 'an Advanced SubStation Alpha script (ASS/SSA)'],
    ['papnkukn-subsrt/sample.ssa', 'an Advanced SubStation Alpha script (ASS/SSA)'],
    ['cth103-libsub/data/test3.ssa', 'an Advanced SubStation Alpha script (ASS/SSA)'],
    ['papnkukn-subsrt/sample.sub', 'a MicroDVD file (frame-numbered `{start}{end}` lines)'],
    ['papnkukn-subsrt/sample.sbv', 'a SubViewer or YouTube SBV file'],
    ['papnkukn-subsrt/sample.smi', 'a SAMI file'],
    ['papnkukn-subsrt/sample.lrc', 'an LRC lyrics file'],
  ])('names %s as what it is', (file, kind) => {
    const { diagnostics } = parse(readFileSync(resolve(corpus, file)), { fileName: file });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'input/unsupported-format', severity: 'error', line: 1 })]);
    expect(diagnostics[0]!.message).toBe(`found ${kind}, which subloc does not read; expected SRT, WebVTT, TTML or DCP subtitle XML: convert it to SRT first (ffmpeg or Subtitle Edit can)`);
  });

  it('names the Scenarist SCC files of the corpus', () => {
    const scc = readFileSync(resolve(corpus, 'sandflow-ttconv/scc/pop-on.scc'));
    expect(parse(scc, { fileName: 'pop-on.scc' }).diagnostics[0]!.message).toMatch(/^found a Scenarist SCC caption file \(CEA-608\), which subloc does not read/);
  });

  it('keeps the message of a text that is no subtitle format at all, and names DCP XML in it', () => {
    const { diagnostics } = parse('hello world\nthis is not subtitles\n', { fileName: 'notes.txt' });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'input/unknown-format', line: 1 })]);
    expect(diagnostics[0]!.message).toContain('an XML `<tt>`, `<SubtitleReel>` or `<DCSubtitle>` root');
  });
});

describe('control characters in SRT and WebVTT', () => {
  it.each([
    ['srt', '1\n00:00:01,000 --> 00:00:02,000\nHe\u0000llo\n\n2\n00:00:03,000 --> 00:00:04,000\nBy\u001be\u0000\n'],
    ['vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHe\u0000llo\n\n00:00:03.000 --> 00:00:04.000\nBy\u001be\u0000\n'],
  ] as const)('%s: left out before the reader, the first said at its line and column', (format, text) => {
    const { track, diagnostics } = parse(Buffer.from(text), { format });
    expect(track.cues.map((c) => c.lines.map((l) => l.map((s) => s.text).join('')).join('\n'))).toEqual(['Hello', 'Bye']);
    const found = diagnostics.filter((d) => d.code === 'input/control-characters');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', line: format === 'srt' ? 3 : 4, column: 3 })]);
    expect(found[0]!.message).toMatch(/^found the control character U\+0000 \(and 2 more\); expected text; left out$/);
  });

  it.each([
    ['srt', '1\n00:00:01,000 --> 00:00:02,000\ndon\u0092t \u0085 \u007f\u0081x\n'],
    ['vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\ndon\u0092t \u0085 \u007f\u0081x\n'],
  ] as const)('%s: a C1 control read as the Windows-1252 character it stands for, DEL and the unnamed ones left out', (format, text) => {
    const { track, diagnostics } = parse(Buffer.from(text), { format });
    expect(track.cues[0]!.lines.map((l) => l.map((s) => s.text).join(''))).toEqual(['don\u2019t \u2026 x']);
    const found = diagnostics.filter((d) => d.code === 'input/control-characters');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', line: format === 'srt' ? 3 : 4, column: 4 })]);
    expect(found[0]!.message).toBe('found the control character U+0092 (and 3 more); expected text; read as `\u2019`, the Windows-1252 character it stands for in a file converted from Windows-1252 as if it were Latin-1');
  });
});
