import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/formats/decode.js';
import { parse } from '../../src/formats/parse.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { writeXliff } from '../../src/review/xliff-write.js';
import { segment } from '../../src/translate/segment.js';
import { diagnosticProblem } from '../helpers/diagnostic-shape.js';
import { handPicked, mutants } from '../helpers/mutations.js';

/** The review XLIFF subloc writes for the project's sample, every cue drafted. */
function sampleXliff(): string {
  const track = parse(readFileSync(resolve(process.cwd(), 'subtitles/hotline-beijing.zh-Hans.srt')), { language: 'zh-Hans' }).track;
  const cues = segment(track).flatMap((u) =>
    u.cueIds.map((id, k) => {
      const c = track.cues.find((x) => x.id === id)!;
      const source = u.source[k]!;
      return { id, unitId: u.id, start: c.start, end: c.end, source, target: `EN ${source}`, state: 'machine' as const, origin: 'machine' as const, terms: [], findings: [], metrics: { durationMs: c.end - c.start, charsPerSecond: 10, lines: 1, maxLineWidth: 20, chars: 20, budget: 42 } };
    }),
  );
  return writeXliff({ title: 'hotline-beijing', sourceLang: 'zh-Hans', targetLang: 'en-US', generatedAt: '2026-11-28T12:00:00Z', profile: 'netflix', cues });
}

/**
 * `readXliff` never throws: a damaged review file is error diagnostics, each
 * with its line, and cues that each say where they stand.
 */
describe('readXliff given a damaged review file', () => {
  it('never throws, and locates every error', () => {
    const bytes = Buffer.from(sampleXliff());
    const found: string[] = [];
    for (const m of [...handPicked(bytes), ...mutants(bytes, 1206, 150)]) {
      try {
        const read = readXliff(decode(m.bytes).text, 'hotline-beijing.en-US.xlf');
        const problem = diagnosticProblem(read.diagnostics) ?? read.cues.find((c) => !Number.isInteger(c.line) || typeof c.id !== 'string')?.id;
        if (problem !== undefined) found.push(`[${m.label}] ${problem}`);
      } catch (error) {
        found.push(`[${m.label}] threw ${String(error).slice(0, 200)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
