import type { Glossary, Matcher } from '../glossary/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { toTagged } from '../model/tagged-text.js';
import type { FrameRate, Lang, Track } from '../model/track.js';
import type { Draft, Unit } from '../model/unit.js';
import { runQc, type Profile } from '../qc/index.js';
import { UNPLACED_CODE } from '../translate/translator.js';
import type { AssembledTrack } from '../translate/assemble.js';
import { checkGlossary } from './check-glossary.js';

export interface CheckLanguageInput {
  source: Track;
  units: readonly Unit[];
  drafts: readonly Draft[];
  /** What the provider noticed about the drafts, by cue. */
  draftDiagnostics: readonly Diagnostic[];
  assembled: AssembledTrack;
  profile: Profile;
  glossary?: { glossary: Glossary; matcher: Matcher } | undefined;
  frameRate?: FrameRate | undefined;
}

export interface LanguageCheck {
  /** What the reviewer sees on each cue (QC, glossary, cues a draft could not be put on), in cue order. */
  findings: Diagnostic[];
  /** The glossary's findings alone. */
  violations: Diagnostic[];
  /** Cues the provider's translation could not be put on. */
  unplaced: Diagnostic[];
}

/** One language's track checked: the glossary on every draft, QC on every cue, and the provider's unplaced cues. */
export function checkLanguage(input: CheckLanguageInput): LanguageCheck {
  const { source, assembled } = input;
  const target: Lang = assembled.track.language;
  const cueIndex = new Map(source.cues.map((c, i) => [c.id, i]));
  const violations = input.glossary ? checkGlossary(input.units, input.drafts, { source: source.language, target }, input.glossary) : [];
  // The reviewer must see on the cue itself why it has no draft: in the XLIFF notes, the HTML sheet and qc.json.
  const unplaced = input.draftDiagnostics.filter((d) => d.code === UNPLACED_CODE);
  const { track, origins } = assembled;
  const targetTagged = new Map(track.cues.filter((c) => origins.has(c.id)).map((c) => [c.id, toTagged(c.lines, target)]));
  // The glossary goes to QC for its renderings' numbers (`12345` in a preferred wording is no added number), as `subloc qc
  // --glossary` reads them; its compliance is checked above, on the drafts, so QC's own glossary rule stays off.
  const profile = { ...input.profile, rules: { ...input.profile.rules, glossary: 'off' as const } };
  const qc = runQc(track, { language: target, profile, source, targetTagged, ...(input.glossary === undefined ? {} : { glossary: input.glossary }), ...(input.frameRate === undefined ? {} : { frameRate: input.frameRate }) });
  const findings = [...qc, ...violations, ...unplaced].sort((a, b) => cueIndex.get(a.cueId ?? '')! - cueIndex.get(b.cueId ?? '')!);
  return { findings, violations, unplaced };
}
