import type { MemoryStatus } from '../memory/store.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Lang, Ms } from '../model/track.js';
import type { CueAt } from '../review/cue-at.js';
import type { ReviewState } from '../review/types.js';

/**
 * A cue as the review studio shows it; the same shape travels on the wire
 * (`StudioCue` in studio/api.ts).
 */
export interface SessionCue extends CueAt {
  /** When the track `localize` writes shows the cue: the source's times, on the frame grid of the config's `fps` when it names one. */
  start: Ms;
  end: Ms;
  /** Plain text, `\n` between lines. */
  source: string;
  /** The source with its markup (`<i>`, `<b>`…) when it has any. */
  sourceTagged?: string;
  /** The current translation, plain, `\n` between lines; `''` when untranslated. */
  text: string;
  /** The draft before any reviewer touched it (a machine or memory draft, or a fuzzy suggestion); null when none. */
  machine: string | null;
  /** An untranslated cue is a `draft` whose `text` is `''` and whose `origin` is `untranslated`. */
  state: MemoryStatus;
  /**
   * Where the current text came from: `machine` (a provider's draft),
   * `memory` (an exact memory match), `fuzzy` (a similar source's
   * translation), `needs-review` (a draft whose source changed since a
   * reviewed translation), `reviewed`/`approved` (a reviewer's), `untranslated`.
   */
  origin: ReviewState;
  /** Opaque; send it back with a change. It changes whenever the cue's stored text, state or comment changes. */
  revision: string;
  /** QC and glossary findings on the current text (`code`, `severity`, `message`). */
  findings: Diagnostic[];
  /** Characters used, as reading speed counts them, and the cue's character budget under the profile. */
  budget: { used: number; budget: number };
  /** Figures of the current text against the profile. */
  metrics: {
    /** Characters per second, to 0.1; 0 for a cue without duration. */
    charsPerSecond: number;
    lines: number;
    /** The widest line, counted as reading speed counts (CJK half-width 0.5). */
    maxLineWidth: number;
    durationMs: Ms;
  };
  /** Glossary terms found in the source, with what the translation should say. */
  terms: {
    /** The form found in the source. */
    source: string;
    /** The preferred rendering in this language (the source form itself for a do-not-translate term). */
    preferred: string;
    /** Renderings the glossary forbids in this language. */
    forbidden: string[];
  }[];
  /** The reviewer's comment; `''` when none. */
  comment: string;
  /** Who last saved a decision on this cue's unit. */
  reviewer?: string;
  /**
   * The other cues saying the same sentence (the same source, at the same
   * place in it), when it is said more than once: the memory keeps one
   * translation of a sentence, so a save of this cue is a save of those too.
   */
  repeats?: string[];
}

/** A reviewer's change to one cue; `revision` is the one the change was made on. */
export interface CueChange {
  text?: string;
  state?: MemoryStatus;
  comment?: string;
  revision: string;
}

export type SaveOutcome =
  /** `also`: the other cues the save changed, those saying the same sentence (see `SessionCue.repeats`). */
  | { outcome: 'saved'; cue: SessionCue; also: SessionCue[] }
  /** The cue changed since the revision the change names: nothing was saved; `cue` is the cue as it is now. */
  | { outcome: 'stale'; message: string; cue: SessionCue }
  | { outcome: 'invalid'; message: string }
  | { outcome: 'not-found'; message: string };

export interface TrackSummary {
  language: Lang;
  cues: number;
  /** `untranslated` cues are not counted as `draft`. */
  counts: { draft: number; reviewed: number; approved: number; untranslated: number };
}

export interface CheckResult {
  findings: Diagnostic[];
  budget: SessionCue['budget'];
  metrics: SessionCue['metrics'];
}
