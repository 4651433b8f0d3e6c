import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath, ms, parseCorpusFile, readCorpusText } from './corpus.js';
import { cueText } from '../../../src/model/spans.js';

interface Manifest {
  cases: Array<{ method: string; input: string; expected: string }>;
  inputs_without_expected: string[];
}

interface ExpectedCue {
  id: string;
  startTime: number;
  endTime: number;
  text: string;
}

const DIR = 'mozilla-vtt.js';
const manifest = JSON.parse(readFileSync(corpusPath(DIR, 'MANIFEST.json'), 'utf8')) as Manifest;

/**
 * Where the 2014-era expectations and the current W3C algorithm (which WPT
 * tests) disagree, we follow the current spec; and where a file has no valid
 * signature we read its cues anyway (with an error), as a subtitler would.
 * Each entry says how many cues we produce instead and why.
 */
const DIFFERENCES: Record<string, { cues: number; why: string }> = {
  'file-layout/header-no-new-line.vtt': {
    cues: 1,
    why: 'spec change: a `-->` line right under `WEBVTT` now ends the header and starts a cue (WPT header-timings.vtt expects 1 cue)',
  },
  'cue-times/min-top-digits.vtt': {
    cues: 0,
    why: 'spec change: `000:00.000` has three-digit hours and so needs minutes and seconds; WPT timings-too-long.vtt drops it',
  },
  'cue-times/minimum-spots-over-sixty.vtt': {
    cues: 0,
    why: 'spec change: `120:00.000` is hours (more than 59) without seconds; the current algorithm fails it',
  },
  'integration/id.vtt': {
    cues: 5,
    why: 'spec change: after a failed `-->` line the next timing line starts a new cue (WPT arrows.vtt keeps such cues)',
  },
  'file-layout/bom-garbage-data.vtt': { cues: 1, why: 'recovery: no `WEBVTT` signature; the cues are read anyway, with an error on line 1' },
  'file-layout/bom-tab-webvtt.vtt': { cues: 1, why: 'recovery: a tab before `WEBVTT`; the cues are read anyway, with an error on line 1' },
  'file-layout/newline-before-webvtt.vtt': { cues: 1, why: 'recovery: a blank line before `WEBVTT`; the cues are read anyway, with an error on line 1' },
  'file-layout/tab-after-bom-before-header.vtt': { cues: 1, why: 'recovery: a tab before `WEBVTT`; the cues are read anyway, with an error on line 1' },
};

/**
 * Invalid by design although no `-->` line is dropped: not WebVTT at all, a
 * timing line without an arrow, or cue text after a blank line (which the
 * suite expects to be lost).
 */
const INVALID_WITHOUT_ARROW = new Set([
  'file-layout/blank-file.vtt',
  'file-layout/blank-file-with-bom.vtt',
  'file-layout/garbage-signature.vtt',
  'cue-times/missing-separator.vtt',
  'cuetext/format/double-line-break.vtt',
]);

/** Lines holding `-->`: an upper bound of the cues a file means to have. */
function timingLikeLines(text: string): number {
  return text.split(/\r\n|\r|\n/).filter((l) => l.includes('-->')).length;
}

describe('mozilla/vtt.js regression suite (2014-era expectations)', () => {
  it('maps 265 inputs to expectations', () => {
    expect(manifest.cases).toHaveLength(265);
  });

  it.each(manifest.cases.map((c) => [c.input, c.expected] as const))('%s', (input, expectedFile) => {
    const expected = (JSON.parse(readFileSync(corpusPath(DIR, expectedFile), 'utf8')) as { cues: ExpectedCue[] }).cues;
    const { track, diagnostics } = parseCorpusFile(DIR, input);
    const difference = DIFFERENCES[input];
    expect(track.cues.length, difference?.why ?? 'cue count').toBe(difference?.cues ?? expected.length);
    if (difference?.why.startsWith('recovery')) expect(diagnostics[0]).toMatchObject({ code: 'vtt/missing-signature', severity: 'error', line: 1 });
    if (difference) return;

    expected.forEach((e, i) => {
      const cue = track.cues[i]!;
      expect(cue.id, `cue ${i} id`).toBe(e.id === '' ? String(i + 1) : e.id);
      expect(cue.start, `cue ${i} start`).toBe(ms(e.startTime));
      expect(cue.end, `cue ${i} end`).toBe(ms(e.endTime));
      if (!/[<&]/.test(e.text)) expect(cueText(cue), `cue ${i} text`).toBe(e.text);
    });

    const errors = diagnostics.filter((d) => d.severity === 'error');
    const invalidByDesign = INVALID_WITHOUT_ARROW.has(input) || expected.length < timingLikeLines(readCorpusText(DIR, input));
    if (invalidByDesign) {
      expect(errors.length, 'an error diagnostic for what the suite drops').toBeGreaterThan(0);
      for (const d of errors) expect(d.line, d.message).toBeGreaterThan(0);
    } else {
      expect(errors).toEqual([]);
    }
  });

  it.each(manifest.inputs_without_expected)('%s (no expectation) parses', (input) => {
    expect(() => parseCorpusFile(DIR, input)).not.toThrow();
  });

  it('reads blank and signature-less files as errors with a line', () => {
    for (const input of ['file-layout/blank-file.vtt', 'file-layout/blank-file-with-bom.vtt', 'file-layout/garbage-signature.vtt']) {
      const { track, diagnostics } = parseCorpusFile(DIR, input);
      expect(track.cues, input).toEqual([]);
      expect(diagnostics.find((d) => d.severity === 'error')?.line, input).toBe(1);
    }
  });
});
