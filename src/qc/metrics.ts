import { lineText, trimLines } from '../model/spans.js';
import type { Cue, Lang, Ms } from '../model/track.js';
import { textWidth } from '../model/language.js';

export interface CueMetrics {
  durationMs: Ms;
  /** Characters per second, to 0.1; 0 for a cue without duration. */
  charsPerSecond: number;
  lines: number;
  /** The widest line, counted as `textWidth` counts. */
  maxLineWidth: number;
  /** What reading speed is measured on (`readingChars`). */
  chars: number;
}

/**
 * The characters reading speed is measured on: every character of every
 * line, spaces and punctuation included, line breaks not (Netflix partner
 * help, "How is reading speed measured? Do punctuation and spaces count?").
 * CJK half-width characters count 0.5, as `textWidth` counts them.
 */
export function readingChars(cue: Pick<Cue, 'lines'>, language: Lang): number {
  return cue.lines.reduce((sum, line) => sum + textWidth(lineText(line), language), 0);
}

/** Reading speed rounded to 0.1 characters/s, the precision subtitling tools show and limits are checked at. */
export function charsPerSecond(chars: number, durationMs: Ms): number {
  return Math.round(((chars * 1000) / durationMs) * 10) / 10;
}

export function cueMetrics(cue: Pick<Cue, 'start' | 'end' | 'lines'>, language: Lang): CueMetrics {
  const durationMs = cue.end - cue.start;
  const lines = trimLines(cue.lines);
  const chars = readingChars(cue, language);
  return {
    durationMs,
    charsPerSecond: durationMs > 0 ? charsPerSecond(chars, durationMs) : 0,
    lines: lines.length,
    maxLineWidth: lines.reduce((max, line) => Math.max(max, textWidth(lineText(line), language)), 0),
    chars,
  };
}
