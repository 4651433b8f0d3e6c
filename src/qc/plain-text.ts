import { cueText, lineText } from '../model/spans.js';
import type { Cue, Lang } from '../model/track.js';
import { UNTRANSLATED_MARK } from '../model/untranslated.js';
import { lineJoiner } from '../model/language.js';

/** A cue's words as one run, lines joined as the language joins them (a space, or nothing in Chinese and Japanese). */
export function plainText(cue: Pick<Cue, 'lines'>, language: Lang): string {
  return cue.lines.map(lineText).join(lineJoiner(language));
}

/** A cue the pipeline could not draft: it shows its source behind the mark. */
export function isMarkedUntranslated(cue: Pick<Cue, 'lines'>): boolean {
  return cueText(cue).trimStart().startsWith(UNTRANSLATED_MARK);
}
