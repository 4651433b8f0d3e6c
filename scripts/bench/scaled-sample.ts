import { readFileSync } from 'node:fs';
import { formats } from '../../src/formats/index.js';
import { parse } from '../../src/formats/parse.js';
import type { Cue } from '../../src/model/track.js';

const SAMPLE = new URL('../../subtitles/hotline-beijing.zh-Hans.srt', import.meta.url);

/**
 * The bundled sample repeated to `count` cues as an SRT text, as long a film
 * as a benchmark needs. Each copy's text differs (a take number), so the
 * memory cannot answer for any unit: every one is drafted and billed.
 */
export function scaledSample(count: number): string {
  const sample = parse(readFileSync(SAMPLE)).track;
  const span = sample.cues.at(-1)!.end + 5000;
  const cues: Cue[] = [];
  for (let copy = 0; cues.length < count; copy++) {
    for (const cue of sample.cues.slice(0, count - cues.length)) {
      const lines = cue.lines.map((line, i) => (i === 0 && copy > 0 ? [{ text: `第${copy}遍 ` }, ...line] : line));
      cues.push({ ...cue, id: String(cues.length + 1), start: cue.start + copy * span, end: cue.end + copy * span, lines });
    }
  }
  return formats.srt.serialize({ ...sample, cues }).text;
}
