import type { MemoryStatus } from '../memory/store.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Lang, Ms } from '../model/track.js';
import type { ReviewState } from '../review/types.js';

/** A cue as the review studio shows it (see `StudioCue` in studio/api.ts, the same shape on the wire). */
export interface SessionCue {
  id: string;
  unitId: string;
  start: Ms;
  end: Ms;
  /** Plain, `\n` between lines. */
  source: string;
  /** The source with its markup, when it has any. */
  sourceTagged?: string;
  /** The current translation as the track shows it: plain, `\n` between lines; `''` when untranslated. */
  text: string;
  /** The draft before a reviewer touched it (the provider's, else the closest earlier translation); null when none. */
  machine: string | null;
  state: MemoryStatus;
  origin: ReviewState;
  /** Changes whenever the cue's stored text, state or comment changes. */
  revision: string;
  findings: Diagnostic[];
  budget: { used: number; budget: number };
  metrics: { charsPerSecond: number; lines: number; maxLineWidth: number; durationMs: Ms };
  terms: { source: string; preferred: string; forbidden: string[] }[];
  comment: string;
  reviewer?: string;
}

/** A reviewer's change to one cue; `revision` is the one the change was made on. */
export interface CueChange {
  text?: string;
  state?: MemoryStatus;
  comment?: string;
  revision: string;
}

export type SaveOutcome =
  | { outcome: 'saved'; cue: SessionCue }
  /** The cue changed since the revision the change names: nothing was saved; `cue` is the cue as it is now. */
  | { outcome: 'stale'; message: string; cue: SessionCue }
  | { outcome: 'invalid'; message: string }
  | { outcome: 'not-found'; message: string };

export interface TrackSummary {
  language: Lang;
  cues: number;
  counts: { draft: number; reviewed: number; approved: number; untranslated: number };
}

export interface CheckResult {
  findings: Diagnostic[];
  budget: SessionCue['budget'];
  metrics: SessionCue['metrics'];
}
