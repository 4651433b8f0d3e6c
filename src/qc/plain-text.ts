import { withoutSpeakerDashes } from '../model/dialogue.js';
import { cueText, lineText } from '../model/spans.js';
import type { Cue, Lang } from '../model/track.js';
import { UNTRANSLATED_MARK } from '../model/untranslated.js';
import { lineJoiner } from '../model/language.js';
import { speakerBreaks } from '../fit/break-points.js';

/** A cue's words as one run, lines joined as the language joins them (a space, or nothing in Chinese and Japanese). */
export function plainText(cue: Pick<Cue, 'lines'>, language: Lang): string {
  return cue.lines.map(lineText).join(lineJoiner(language));
}

/**
 * A cue's words as `plainText` joins them, a dialogue's without its
 * speakers' dashes (`withoutSpeakerDashes`), one written on one line taken
 * at the speakers the fitter breaks it for (`speakerBreaks`): `-3 veces`
 * says 3, where a lone `-5 °C` says minus 5.
 */
export function spokenText(cue: Pick<Cue, 'lines'>, language: Lang): string {
  const lines = cue.lines.map(lineText);
  const turns = lines.length === 1 ? speakerTurns(lines[0]!) : lines;
  return withoutSpeakerDashes(turns).join(lineJoiner(language));
}

function speakerTurns(text: string): string[] {
  const turns: string[] = [];
  let from = 0;
  for (const { at, resume } of speakerBreaks(text)) {
    turns.push(text.slice(from, at));
    from = resume;
  }
  return [...turns, text.slice(from)];
}

/** A cue the pipeline could not draft: it shows its source behind the mark. */
export function isMarkedUntranslated(cue: Pick<Cue, 'lines'>): boolean {
  return cueText(cue).trimStart().startsWith(UNTRANSLATED_MARK);
}
