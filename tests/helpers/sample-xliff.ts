import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from '../../src/formats/parse.js';
import type { ReviewState } from '../../src/review/types.js';
import { writeXliff } from './review-files.js';
import { segment } from '../../src/translate/segment.js';

export const SAMPLE_SOURCE = resolve(import.meta.dirname, '../../subtitles/hotline-beijing.zh-Hans.srt');

/** The en-US review XLIFF subloc writes for the project's sample, every cue drafted as `EN <source>` in `state`. */
export function sampleXliff(state: ReviewState = 'machine'): string {
  const track = parse(readFileSync(SAMPLE_SOURCE), { language: 'zh-Hans' }).track;
  const cues = segment(track).flatMap((u) =>
    u.cueIds.map((id, k) => {
      const c = track.cues.find((x) => x.id === id)!;
      const source = u.source[k]!;
      const metrics = { durationMs: c.end - c.start, charsPerSecond: 10, lines: 1, maxLineWidth: 20, chars: 20, budget: 42 };
      return { id, unitId: u.id, start: c.start, end: c.end, source, target: `EN ${source}`, state, origin: 'machine' as const, terms: [], findings: [], metrics };
    }),
  );
  return writeXliff({ title: 'hotline-beijing', sourceLang: 'zh-Hans', targetLang: 'en-US', generatedAt: '2026-11-28T12:00:00Z', profile: 'netflix', cues });
}
