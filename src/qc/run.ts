import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { FILM } from '../model/frame-rate.js';
import type { Cue, FrameRate, Lang, Track } from '../model/track.js';
import type { Glossary, Matcher } from '../glossary/index.js';
import type { TaggedText } from '../model/tagged-text.js';
import type { QcContext, Report } from './define-rule.js';
import type { Profile } from './profile.js';
import { rules } from './rules/index.js';

export interface QcOptions {
  /** The track's language (BCP 47): picks the figures and the counting. */
  language: Lang;
  profile: Profile;
  /** Overrides the track's frame rate for the gap rule. @default the track's, else 24 fps */
  frameRate?: FrameRate;
  /** The source the track was translated from, its cues matched to the track's by id. */
  source?: Track;
  /** Checks glossary compliance against `source`; `matcher` is `createMatcher(glossary)`. */
  glossary?: { glossary: Glossary; matcher: Matcher };
  /** The draft's tagged text per cue id: lets `unbalanced-tags` check the tags themselves. */
  targetTagged?: ReadonlyMap<string, TaggedText>;
}


/**
 * Runs every rule the profile does not turn off. A rule's findings take the
 * profile's severity for it when set, else their own, else the rule's
 * default. Findings come in track cue order, then in rule order.
 */
export function runQc(track: Track, opts: QcOptions): Diagnostic[] {
  const sourceById = new Map<string, Cue>(opts.source?.cues.map((c) => [c.id, c]));
  const ctx: QcContext = {
    track,
    language: opts.language,
    profile: opts.profile,
    frameRate: opts.frameRate ?? track.frameRate ?? FILM,
    sourceCue: (id) => sourceById.get(id),
    ...(opts.source === undefined ? {} : { source: opts.source }),
    ...(opts.glossary === undefined ? {} : { glossary: opts.glossary }),
    ...(opts.targetTagged === undefined ? {} : { targetTagged: opts.targetTagged }),
  };
  const order = new Map<Cue, number>(track.cues.map((c, i) => [c, i]));
  const found: { index: number; d: Diagnostic }[] = [];
  for (const rule of rules) {
    const configured = opts.profile.rules[rule.id];
    if (configured === 'off') continue;
    const report: Report = (cue, message, options = {}) => {
      const severity = configured ?? options.severity ?? rule.defaultSeverity;
      found.push({ index: order.get(cue) ?? track.cues.length, d: diagnostic(options.code ?? `qc/${rule.id}`, severity, message, { cueId: cue.id }) });
    };
    rule.check(ctx, report);
  }
  // Array.prototype.sort is stable: rule order holds within a cue.
  return found.sort((a, b) => a.index - b.index).map((f) => f.d);
}
