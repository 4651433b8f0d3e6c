import type { Lang } from '../model/track.js';
import type { TaggedText } from '../model/tagged-text.js';
import type { LanguagePair } from '../model/unit.js';

/** A draft may be replaced by anything; reviewed and approved work only by equal or higher. */
export type MemoryStatus = 'draft' | 'reviewed' | 'approved';

/** The time of an entry whose date nobody recorded (a TMX without dates): older than any dated entry. */
export const UNDATED = '1970-01-01T00:00:00.000Z';

/** The `provider` of an entry a reviewer saved in the review studio. */
export const STUDIO_PROVIDER = 'studio';

export interface MemoryEntry {
  sourceLang: Lang;
  targetLang: Lang;
  /** One tagged text per cue of the unit. */
  source: TaggedText[];
  /** One tagged text per cue, same length as `source`. */
  target: TaggedText[];
  /**
   * Content hash of the glossary the draft was made under. Machine drafts
   * only match under the same glossary; reviewed and approved entries, and
   * imported ones (empty version), match under any.
   */
  glossaryVersion: string;
  /** `deepl`, `pseudo`, `tmx`, `xliff`… */
  provider: string;
  /** The unit's status: the lowest of its cues' when `cueStatus` says them. */
  status: MemoryStatus;
  /**
   * Each cue's own status, same length as `source`, when the cues of the unit
   * differ (a reviewer decides cue by cue in the review studio); absent when
   * every cue has `status`.
   */
  cueStatus?: MemoryStatus[];
  reviewer?: string;
  /**
   * Set on a reviewer's own decision (review import, the review studio).
   * An import or a machine never replaces such an entry at equal status.
   */
  byReviewer?: true;
  /**
   * A reviewer's comment per cue, same length as `source` (`''`: none). Kept
   * with the translation it is about, and written into the XLIFF notes.
   */
  comments?: string[];
  /**
   * The machine provider (`deepl`) whose draft each cue is, for an entry of
   * someone else's (a reviewer's) that a provider completed: a run filled the
   * cues a reviewer left empty. `''` for a cue that is not a machine's; same
   * length as `source`; absent when no cue is. A reviewer's later save or
   * confirmation of the cue makes it theirs (`''`).
   */
  filledBy?: string[];
  /** ISO 8601 time of the last change; `UNDATED` when unknown. */
  updatedAt: string;
}

export interface MemoryPairCount {
  source: Lang;
  target: Lang;
  entries: number;
}

export interface MemoryMatch {
  entry: MemoryEntry;
  /** 1 for an exact match; otherwise similarity of the source texts, 0..1. */
  score: number;
}

export interface PutResult {
  /** Entries stored: new to the memory, or replacing the stored one (see `replaces`). */
  written: number;
  /**
   * Entries the memory held already as they are (target, status, cue
   * statuses, comments, reviewer, time…): not written again, so a re-import
   * of a file says what it changed.
   */
  unchanged: number;
  /** Entries not written because the stored one outranks them (see `replaces`). */
  kept: number;
  /**
   * Set when the batch was not written at all: this many of its units are no
   * longer as it was planned on (`PlannedOn`). Plan again on what is there now.
   */
  stale?: number;
}

/**
 * What a change was planned on: the unit's entry as `exact` answered under
 * `glossaryVersion` (`undefined`: the memory had none). Given with an entry
 * to `put`, the batch is written only when `exact` answers so still, checked
 * under a lock that every such write of the unit takes: of two reviewers'
 * changes planned on one state, in any processes on any machines, exactly
 * one is written, and a batch is applied whole on what it was planned on or
 * not at all.
 */
/** How often a writer plans a change again when the memory finds its units changed since it read them (`stale`). */
export const PLAN_ATTEMPTS = 3;

export interface PlannedOn {
  glossaryVersion: GlossaryVersions;
  entry: MemoryEntry | undefined;
}

/**
 * The glossary versions a lookup takes machine drafts under: one, or a
 * unit's own and a former one (see glossary/draft-versions.ts), the own
 * preferred when both are there and equally new. Reviewed, approved and
 * imported (version `''`) entries count under any.
 */
export type GlossaryVersions = string | { readonly own: string; readonly former: string };

/** `versions` as the two a query compares with. */
export function versionPair(versions: GlossaryVersions): [own: string, former: string] {
  return typeof versions === 'string' ? [versions, versions] : [versions.own, versions.former];
}

/** Unit `i`'s versions of those given to `exactMany`. */
export function eachVersions(versions: GlossaryVersions | readonly GlossaryVersions[], i: number): GlossaryVersions {
  return Array.isArray(versions) ? (versions as readonly GlossaryVersions[])[i]! : (versions as GlossaryVersions);
}

/** The run that holds a memory's run lock, as it recorded itself. */
export interface RunHolder {
  pid: number;
  hostname: string;
  /** ISO 8601 time it took the lock. */
  since: string;
  /** What it does, e.g. `subloc localize hotline-beijing`. */
  purpose: string;
}

export interface RunLockOptions {
  /** What this run does, shown to a run that waits for it. */
  purpose: string;
  /** Called once, when another run holds the lock and this one starts waiting; `undefined` when it has not said who it is yet. */
  onWait?: (holder: RunHolder | undefined) => void;
  /** Stops the waiting: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * What part of the memory the run drafts into, e.g. one film in one
   * language: runs of different scopes go side by side, runs of one scope
   * take turns, and a run without a scope excludes every other run.
   * @default the whole memory
   */
  scope?: string;
}

export interface RunLock {
  /** Lets the next run in; a second call does nothing. */
  release(): void;
  /**
   * Aborted, with a `MEMORY_LOCK_LOST` SublocError as its reason, when the
   * lock was lost before it was released (a server memory's connection
   * dropped, its server restarted): another run may be let in, so the run
   * must send nothing more. Never for a lock that cannot be lost (SQLite's).
   */
  readonly lost?: AbortSignal;
  /** The server session that holds the lock (a server memory's), which a record of units in flight names: refused once it has ended. */
  readonly session?: LockSession;
}

/** A server session by its process and when it began: a process number alone may be the next session's. */
export interface LockSession {
  pid: number;
  since: string;
}

/** A unit another run has on its way to the provider (see InFlightUnits). */
export interface InFlightUnit {
  /** What that run does, as it said when it took the run lock. */
  purpose: string;
  /** ISO 8601 time its record runs out, by the memory's clock: by then its answer is stored, or will not be. */
  until: string;
}

/**
 * The units runs have sent to the provider and not yet stored, recorded in
 * the memory itself by unit key (see unitClaimKey), each under its run
 * (`holder`). A server memory's run lock can be lost while its run still has
 * requests on their way (the server restarted); the run that takes the lock
 * next finds them here and waits for their answers instead of billing the
 * units again.
 */
export interface InFlightUnits {
  /**
   * Records `keys` as sent by `holder` for `forMs`, committed when it
   * resolves: only then may the request leave. With the session of the run
   * lock the holder took, refused (`MEMORY_LOCK_LOST`) once that session has
   * ended, though the holder has not heard yet: another run may hold the lock.
   */
  record(keys: readonly string[], holder: { id: string; purpose: string; session?: LockSession | undefined }, forMs: number): Promise<void>;
  /** For each key, another holder's record of it that has not run out, or undefined. */
  others(keys: readonly string[], holderId: string): Promise<(InFlightUnit | undefined)[]>;
  /** Clears `holderId`'s records of `keys`, and every record that has run out. */
  clear(keys: readonly string[], holderId: string): Promise<void>;
}

/**
 * The translation memory and review state: SQLite embedded, or a server
 * database shared by many machines. Asynchronous because a server answers
 * over the network; every implementation keeps the same rules (see
 * `precedence.ts`), which one contract test suite checks.
 */
export interface MemoryStore {
  /** Where it is, as the user named it (a file path, `:memory:`, a URL without its password): for messages. */
  readonly location: string;
  /** Best exact match by status (approved, reviewed, draft), then by recency. */
  exact(source: readonly TaggedText[], pair: LanguagePair, glossaryVersion: GlossaryVersions): Promise<MemoryEntry | undefined>;
  /** `exact` for each of many units at once, in their order (with one version for all, or each its own): one round trip to a server for a whole track. */
  exactMany(sources: readonly (readonly TaggedText[])[], pair: LanguagePair, glossaryVersion: GlossaryVersions | readonly GlossaryVersions[]): Promise<(MemoryEntry | undefined)[]>;
  /**
   * A reviewer's work (reviewed, approved, or a reviewer's own decision)
   * that has one of `cues` as the source of one of its cues: the best entry
   * of each source, as `exact` orders them, in no set order. A new cut may
   * have split such a unit, cut a cue from it or put one into it.
   */
  reviewedWithCues(cues: readonly TaggedText[], pair: LanguagePair): Promise<MemoryEntry[]>;
  /** Best match with the same number of cues scoring at least `minScore` (0..1) on the plain source text. */
  fuzzy(source: readonly TaggedText[], pair: LanguagePair, minScore: number, except?: ReadonlySet<string>): Promise<MemoryMatch | undefined>;
  /**
   * Stores all in one transaction; an entry replaces a stored one only as
   * `replaces` says. With `plannedOn` (same index as `entries`), nothing is
   * stored unless every unit given one is still as it says.
   */
  put(entries: readonly MemoryEntry[], plannedOn?: readonly (PlannedOn | undefined)[]): Promise<PutResult>;
  /** Every entry, optionally for one language pair, oldest first. */
  entries(pair?: Partial<LanguagePair>): Promise<MemoryEntry[]>;
  /** The language pairs it holds entries for, each with how many; tags spelt as one of its entries spells them. */
  pairs(): Promise<MemoryPairCount[]>;
  /**
   * Waits until no other run (in any process) holds this memory's run lock,
   * then holds it until `release()`, `close()` or the end of the process,
   * however it ends: a run that drafts and bills holds it, so two runs never
   * bill the same unit.
   */
  lockRuns(options: RunLockOptions): Promise<RunLock>;
  /**
   * Where the run lock can be lost while its run lives (a server memory):
   * the units runs have on their way to the provider. Absent where it
   * cannot (SQLite's lock is the process's own file lock: it ends only with
   * the process, and the requests in flight end with it).
   */
  readonly inFlight?: InFlightUnits;
  /** Closes the memory, releasing the run lock if held; a second call does nothing. */
  close(): Promise<void>;
}
