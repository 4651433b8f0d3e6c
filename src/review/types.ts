import type { Diagnostic } from '../model/diagnostic.js';
import type { FrameRate, Lang, Ms } from '../model/track.js';
import type { TaggedText } from '../model/tagged-text.js';
import type { DraftOrigin } from '../model/unit.js';
import type { CueAt } from './cue-at.js';

/**
 * Where a cue's translation stands. `machine`, `memory` and `fuzzy` are
 * drafts nobody has checked; `needs-review` is a draft whose source changed
 * since a reviewed translation was made (the old one is the suggestion).
 */
export type ReviewState = 'untranslated' | 'machine' | 'memory' | 'fuzzy' | 'needs-review' | 'reviewed' | 'approved';

export interface ReviewCue extends CueAt {
  source: TaggedText;
  /** Null when untranslated. */
  target: TaggedText | null;
  state: ReviewState;
  origin: DraftOrigin;
  /** Provider of the draft (`deepl`, `memory`, …): of a machine draft the memory kept (origin `memory-exact`), the machine's. */
  provider?: string;
  /** Fuzzy match score 0..1. */
  score?: number;
  reviewer?: string;
  /** The reviewer's comment on this cue, kept in the memory with its translation. */
  comment?: string;
  /** An earlier translation offered for reference (a fuzzy match, or the reviewed one before the source changed). */
  suggestion?: TaggedText;
  /** Glossary terms found in the source, with the rendering expected in this language. */
  /** `accepted`: every rendering the glossary accepts (the expected one and its allowed alternatives). */
  terms: { source: string; expected: string; accepted: string[]; termId: string }[];
  /** QC and glossary findings on this cue. */
  findings: Diagnostic[];
  /**
   * `chars` is what the target holds as reading speed counts it (CJK
   * half-width 0.5); `budget` what the cue can hold under the profile (see
   * `characterBudget`), so a translator sees how much to cut before QC does.
   */
  metrics: { durationMs: Ms; charsPerSecond: number; lines: number; maxLineWidth: number; chars: number; budget: number };
}

/** Everything the XLIFF file, the HTML sheet and `qc.json` are written from. */
export interface ReviewPackage {
  title: string;
  sourceLang: Lang;
  targetLang: Lang;
  frameRate?: FrameRate;
  /** ISO 8601. */
  generatedAt: string;
  profile: string;
  cues: ReviewCue[];
}
