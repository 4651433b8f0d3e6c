import { breakLines } from '../fit/break-lines.js';
import { span } from '../model/spans.js';
import type { Cue, Lang, Span, Track } from '../model/track.js';
import { UNTRANSLATED_MARK } from '../model/untranslated.js';
import { fromTagged } from '../model/tagged-text.js';
import type { Draft, Unit } from '../model/unit.js';

export interface AssembledTrack {
  track: Track;
  /** Per cue id, the draft its text came from; absent for untranslated cues. */
  origins: Map<string, Draft>;
  untranslated: string[];
}

/**
 * The target track: the source's cues, times and placement, each cue's text
 * replaced by its own part of its unit's draft. Cue k of a unit only ever
 * takes target k of that unit's draft.
 */
export function assembleTrack(
  source: Track,
  units: readonly Unit[],
  drafts: readonly Draft[],
  target: Lang,
  /** `text`: the cue's part of the draft, as tagged text, which `spans` were read from. */
  fit: (spans: Span[], unit: Unit, cueId: string, text: string) => Span[][] = (spans) => breakLines(spans, target),
): AssembledTrack {
  const byUnit = new Map(drafts.map((d) => [d.unitId, d]));
  const textByCue = new Map<string, { text: string; draft: Draft; unit: Unit }>();
  for (const unit of units) {
    const draft = byUnit.get(unit.id);
    if (!draft?.targets || draft.targets.length !== unit.cueIds.length) continue;
    unit.cueIds.forEach((cueId, k) => textByCue.set(cueId, { text: draft.targets![k]!, draft, unit }));
  }
  const origins = new Map<string, Draft>();
  const untranslated: string[] = [];
  const cues = source.cues.map((cue): Cue => {
    const found = textByCue.get(cue.id);
    const spans = found ? fromTagged(found.text) : [];
    if (!found || spans.every((s) => s.text.trim() === '')) {
      untranslated.push(cue.id);
      const [first = [], ...rest] = cue.lines;
      return { ...cue, lines: [[span(`${UNTRANSLATED_MARK} `), ...first], ...rest] };
    }
    origins.set(cue.id, found.draft);
    return { ...cue, lines: fit(spans, found.unit, cue.id, found.text) };
  });
  return { track: { ...source, language: target, cues, meta: { ...source.meta } }, origins, untranslated };
}
