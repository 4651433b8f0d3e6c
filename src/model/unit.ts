import type { Lang } from './track.js';
import { plainOf, type TaggedText } from './tagged-text.js';

/**
 * What is translated as one text: consecutive cues that form one sentence.
 * `source[k]` is cue `cueIds[k]`'s tagged text; a translation has exactly one
 * target per cue, so a draft can never move to another cue.
 */
export interface Unit {
  /** The first cue's id: stable while the cue exists. */
  id: string;
  cueIds: string[];
  source: TaggedText[];
}

/** A unit's translation, one target per cue, and where it came from. */
export interface Draft {
  unitId: string;
  /** One per cue of the unit, same order; null when nothing could be drafted. */
  targets: TaggedText[] | null;
  origin: DraftOrigin;
  /** The provider (`deepl`, `offline`, `pseudo`) or `memory`. */
  provider: string;
  /** Characters DeepL billed for this unit; 0 from memory. */
  billedCharacters: number;
  /** Fuzzy match score 0..1 when origin is `memory-fuzzy`. */
  score?: number;
  /** For memory drafts: the stored entry's review status and reviewer. */
  status?: 'draft' | 'reviewed' | 'approved';
  /** For memory drafts whose cues a reviewer decided one by one: each cue's status, same order as `targets`. */
  cueStatus?: ('draft' | 'reviewed' | 'approved')[];
  /** For memory drafts: the reviewer's comment per cue (`''`: none), same order as `targets`. */
  comments?: string[];
  reviewer?: string;
  /**
   * For a unit a reviewer translated in part and a provider completed: which
   * cues the provider drafted, same order as `targets`. `origin` and
   * `provider` say where those came from; the others are the reviewer's, from
   * the memory. Absent when every cue came from one place.
   */
  filled?: boolean[];
  /**
   * For memory drafts: the machine provider (`deepl`) whose draft each cue is,
   * stored by an earlier run and confirmed by no reviewer since (`''`: a
   * person's, or an import's), same order as `targets`. Absent when no cue is
   * a machine's.
   */
  draftedBy?: string[];
  /**
   * A first draft over its character budget whose second request has not
   * come back (asked, or the quota or a failure stopped it): stored marked
   * as such, and asked again to its budget by the next run that condenses.
   */
  held?: true;
}

/** The review status of cue `k` of a memory draft: its own when the reviewer decided cue by cue, else the unit's. */
export function cueStatusOf(draft: Draft, k: number): Draft['status'] {
  return draft.cueStatus?.[k] ?? draft.status;
}

/** Where a cue's text came from in this run, and whose machine draft it is. */
export interface CueOrigin {
  origin: DraftOrigin;
  /** The provider that drafted it in this run, or `memory`. */
  provider: string;
  /** The machine provider whose draft the text is, no reviewer having confirmed it: this run's, or an earlier run's the memory kept. */
  machine?: string;
}

/**
 * Where cue `k` of a draft came from: the memory for a reviewer's cue of a
 * unit a provider completed (`filled`), else the draft's origin; from the
 * memory, a machine's draft says which (`draftedBy`).
 */
export function cueOriginOf(draft: Draft, k: number): CueOrigin {
  if (draft.filled?.[k] === false || draft.origin === 'memory-exact') {
    const machine = draft.draftedBy?.[k];
    return machine ? { origin: 'memory-exact', provider: 'memory', machine } : { origin: 'memory-exact', provider: 'memory' };
  }
  return draft.origin === 'machine' ? { origin: draft.origin, provider: draft.provider, machine: draft.provider } : { origin: draft.origin, provider: draft.provider };
}

/** Whether target `k` of a draft is missing: null targets, or no words where the cue's source has some. */
export function targetMissing(draft: Draft | undefined, unit: Unit, k: number): boolean {
  if (!draft?.targets) return true;
  const words = (text: string | undefined) => plainOf(text ?? '').trim() !== '';
  return !words(draft.targets[k]) && words(unit.source[k]);
}

/** The closest earlier translation of a unit the memory has no exact match for: shown to the reviewer beside the new draft. */
export interface Suggestion {
  targets: TaggedText[];
  score: number;
  status: 'draft' | 'reviewed' | 'approved';
  /**
   * Taken for this sentence's own translation before its source was edited:
   * near enough, and no sentence of the track as it is now. Else it is a
   * translation of some other, similar sentence (another cue, another film).
   */
  previous: boolean;
}

export type DraftOrigin = 'memory-exact' | 'memory-fuzzy' | 'machine' | 'pseudo' | 'untranslated';

export interface LanguagePair {
  source: Lang;
  target: Lang;
}

/** Joins a unit's cues into the one key the memory is looked up by. */
export const CUE_SEPARATOR = '\u001f';

export function unitKey(source: readonly TaggedText[]): string {
  return source.join(CUE_SEPARATOR);
}
