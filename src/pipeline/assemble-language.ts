import { fitCue } from '../fit/fit-cue.js';
import { renderingFor, termIndex, type Glossary, type Matcher } from '../glossary/index.js';
import type { FrameRate, Lang, Span, Track } from '../model/track.js';
import { forLanguage, type Profile } from '../qc/index.js';
import { assembleTrack, type AssembledTrack } from '../translate/assemble.js';
import { fromTagged, plainOf } from '../model/tagged-text.js';
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
 * break must not split, a term's inside a longer one's included (a
 * translation may render 居委会主任 by its 居委会 alone): asked for each cue
 * of the unit, found once a unit.
 */
function protectedPhrasesOf(glossary: AssembleLanguageInput['glossary'], target: string): (unit: Unit) => readonly string[] {
  if (!glossary) return () => [];
  const terms = termIndex(glossary.glossary);
  const byUnit = new Map<Unit, readonly string[]>();
  return (unit) => {
    let phrases = byUnit.get(unit);
    if (phrases === undefined) {
      const found = glossary.matcher.findAll(plainOf(unit.source.join(''))).flatMap((m) => {
        const term = terms.get(m.termId);
        if (!term) return [];
        if (term.doNotTranslate) return [m.form];
        const r = renderingFor(term, target);
        return r ? [r.preferred, ...r.allowed] : [];
      });
      phrases = [...new Set(found)];
      byUnit.set(unit, phrases);
    }
    return phrases;
  };
}

/**
 * Fits one language's cues to the profile's lines, glossary terms never
 * split. Drafts fitted ahead, as they arrive, are not fitted again when the
 * language is assembled: a cue's lines are kept with the text they were
 * fitted from, and only a cue whose text has changed since is fitted anew.
 */
export interface LanguageFitter {
  fit(spans: Span[], unit: Unit, cueId: string, text: string): Span[][];
  /** Fits the cues of drafts now, while the language waits for others. */
  ahead(drafts: readonly Draft[]): void;
}

export function languageFitter(input: Pick<AssembleLanguageInput, 'units' | 'target' | 'profile' | 'glossary'>): LanguageFitter {
  const { target, profile } = input;
  const fitOptions = { language: target, maxCharsPerLine: forLanguage(profile.maxCharsPerLine.value, target), maxLines: profile.maxLines.value };
  const protectedPhrases = protectedPhrasesOf(input.glossary, target);
  const fitted = new Map<string, { text: string; lines: Span[][] }>();
  let unitsById: ReadonlyMap<string, Unit> | undefined;
  const fitNow = (spans: Span[], unit: Unit): Span[][] => fitCue(spans, { ...fitOptions, protectedPhrases: protectedPhrases(unit) }).lines;
  return {
    fit(spans, unit, cueId, text) {
      const early = fitted.get(cueId);
      return early?.text === text ? early.lines : fitNow(spans, unit);
    },
    ahead(drafts) {
      unitsById ??= new Map(input.units.map((u) => [u.id, u]));
      for (const draft of drafts) {
        const unit = unitsById.get(draft.unitId);
        if (!unit || draft.targets?.length !== unit.cueIds.length) continue;
        unit.cueIds.forEach((cueId, k) => {
          const text = draft.targets![k]!;
          fitted.set(cueId, { text, lines: fitNow(fromTagged(text), unit) });
        });
      }
    },
  };
}

/**
 * One language's track from its drafts: the source's cues and times, each
 * cue's text fitted to the profile's lines, glossary terms never split.
 * What `localize` writes and `deliver` delivers.
 */
export function assembleLanguage(input: AssembleLanguageInput, fitter: LanguageFitter = languageFitter(input)): AssembledTrack {
  const { source, units, drafts, target } = input;
  const assembled = assembleTrack(source, units, drafts, target, (spans, unit, cueId, text) => fitter.fit(spans, unit, cueId, text));
  if (input.frameRate) assembled.track.frameRate = input.frameRate;
  return assembled;
}
