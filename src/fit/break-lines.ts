import { languageProperties } from '../model/language.js';
import type { Span } from '../model/track.js';
import { fitCue, type FitOptions } from './fit-cue.js';


/**
 * The lines of `fitCue` with the Netflix width for the language unless the
 * options give one; a line too long for the width stays long (QC flags it).
 */
export function breakLines(spans: readonly Span[], language: string, options: Partial<Omit<FitOptions, 'language'>> = {}): Span[][] {
  return fitCue(spans, { maxCharsPerLine: languageProperties(language).charsPerLine, ...options, language }).lines;
}
