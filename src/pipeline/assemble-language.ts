import { fitCue } from '../fit/fit-cue.js';
import { renderingFor, termIndex, type Glossary, type Matcher } from '../glossary/index.js';
import type { FrameRate, Lang, Track } from '../model/track.js';
import { forLanguage, type Profile } from '../qc/index.js';
import { assembleTrack, type AssembledTrack } from '../translate/assemble.js';
import { plainOf } from '../model/tagged-text.js';
import type { Draft, Unit } from '../model/unit.js';

export interface AssembleLanguageInput {
  source: Track;
  units: readonly Unit[];
  drafts: readonly Draft[];
  target: Lang;
  /** Gives the line limits the drafts are fitted to. */
  profile: Profile;
  glossary?: { glossary: Glossary; matcher: Matcher } | undefined;
  frameRate?: FrameRate | undefined;
}

/**
 * Target renderings of the glossary terms in a unit's source, which a line
 * break must not split: asked for each cue of the unit, found once a unit.
 */
function protectedPhrasesOf(glossary: AssembleLanguageInput['glossary'], target: string): (unit: Unit) => readonly string[] {
  if (!glossary) return () => [];
  const terms = termIndex(glossary.glossary);
  const byUnit = new Map<Unit, readonly string[]>();
  return (unit) => {
    let phrases = byUnit.get(unit);
    if (phrases === undefined) {
      phrases = glossary.matcher.find(plainOf(unit.source.join(''))).flatMap((m) => {
        const term = terms.get(m.termId);
        if (!term) return [];
        if (term.doNotTranslate) return [m.form];
        const r = renderingFor(term, target);
        return r ? [r.preferred, ...r.allowed] : [];
      });
      byUnit.set(unit, phrases);
    }
    return phrases;
  };
}

/**
 * One language's track from its drafts: the source's cues and times, each
 * cue's text fitted to the profile's lines, glossary terms never split.
 * What `localize` writes and `deliver` delivers.
 */
export function assembleLanguage(input: AssembleLanguageInput): AssembledTrack {
  const { source, units, drafts, target, profile, glossary } = input;
  const fitOptions = { language: target, maxCharsPerLine: forLanguage(profile.maxCharsPerLine.value, target), maxLines: profile.maxLines.value };
  const protectedPhrases = protectedPhrasesOf(glossary, target);
  const assembled = assembleTrack(source, units, drafts, target, (spans, unit) => fitCue(spans, { ...fitOptions, protectedPhrases: protectedPhrases(unit) }).lines);
  if (input.frameRate) assembled.track.frameRate = input.frameRate;
  return assembled;
}
