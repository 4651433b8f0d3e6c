import type { Span } from '../model/track.js';
import { fitCue, type FitOptions } from './fit-cue.js';

export { textWidth } from '../qc/width.js';

/** Netflix figures: 42 characters a line for Latin scripts, 16 for Simplified Chinese, 13 for Japanese. */
export function maxLineWidth(language: string): number {
  if (/^ja(-|$)/i.test(language)) return 13;
  if (/^(zh|ko)(-|$)/i.test(language)) return 16;
  return 42;
}

/**
 * The lines of `fitCue` with the Netflix width for the language unless the
 * options give one; a line too long for the width stays long (QC flags it).
 */
export function breakLines(spans: readonly Span[], language: string, options: Partial<Omit<FitOptions, 'language'>> = {}): Span[][] {
  return fitCue(spans, { maxCharsPerLine: maxLineWidth(language), ...options, language }).lines;
}
