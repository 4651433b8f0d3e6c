import { span } from '../../src/model/spans.js';
import type { Cue, Track } from '../../src/model/track.js';

/** A cue from plain lines; `*text*` makes an italic span. */
export function cue(id: string, start: number, end: number, ...lines: string[]): Cue {
  return { id, start, end, lines: lines.map((l) => (l === '' ? [] : [/^\*.*\*$/.test(l) ? span(l.slice(1, -1), { italic: true }) : span(l)])) };
}

export function track(language: string, ...cues: Cue[]): Track {
  return { language, cues, meta: {} };
}
