import { isDialogue } from '../model/dialogue.js';
import { screenRow } from '../model/screen-row.js';
import type { Cue, Track } from '../model/track.js';
import { cueText, lineText } from '../model/spans.js';
import { toTagged } from '../model/tagged-text.js';
import type { Unit } from '../model/unit.js';

export interface SegmentOptions {
  /** Cues further apart than this start a new sentence even without punctuation. @default 1500 */
  maxGapMs?: number;
  /** Longest run of cues translated as one text. @default 3 */
  maxCues?: number;
}

/** Sentence-final punctuation of the languages subloc reads, then closing quotes and brackets. */
const SENTENCE_END = /[。！？!?.…][”’"'」』）)\]]*$/u;

function endsSentence(cue: Cue): boolean {
  return SENTENCE_END.test(cueText(cue).trim());
}

/** A cue with lines starting in dashes holds two speakers: never part of a longer unit. */
function isTwoSpeakers(cue: Cue): boolean {
  return isDialogue(cue.lines.map(lineText));
}

/**
 * Groups cues into sentence units: a cue joins the next when it does not end
 * a sentence, the next starts within `maxGapMs` in the same row of the
 * screen (a sign at the top is no part of the words spoken beneath it),
 * neither is a two-speaker cue, and the unit has fewer than `maxCues` cues.
 */
export function segment(track: Track, opts: SegmentOptions = {}): Unit[] {
  const maxGap = opts.maxGapMs ?? 1500;
  const maxCues = opts.maxCues ?? 3;
  const units: Unit[] = [];
  let run: Cue[] = [];
  const flush = () => {
    if (run.length === 0) return;
    units.push({ id: run[0]!.id, cueIds: run.map((c) => c.id), source: run.map((c) => toTagged(c.lines, track.language)) });
    run = [];
  };
  track.cues.forEach((cue, i) => {
    run.push(cue);
    const next = track.cues[i + 1];
    const joins =
      next !== undefined &&
      !endsSentence(cue) &&
      next.start - cue.end <= maxGap &&
      screenRow(next) === screenRow(cue) &&
      run.length < maxCues &&
      !isTwoSpeakers(cue) &&
      !isTwoSpeakers(next);
    if (!joins) flush();
  });
  flush();
  return units;
}
