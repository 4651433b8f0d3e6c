import { createHash } from 'node:crypto';
import type { TaggedText } from '../model/tagged-text.js';

/**
 * A language's track as `localize` wrote it: a short hash of each cue's
 * text, and when. An edited SRT or WebVTT carries no date; these tell which
 * versions it may have been made from, and which of its cues the translator
 * left as they were. Cues are named by their source text (`sourceKeys`), not
 * their number: a cue inserted before them in a new cut renumbers them, and
 * a cue whose source changed is another cue.
 */
export interface TrackVersion {
  /** ISO 8601. */
  at: string;
  /** Per source key, `cueTextHash` of the cue's text. */
  cues: Readonly<Record<string, string>>;
}

export interface TrackVersions {
  /** Oldest first. */
  versions: readonly TrackVersion[];
  /** Older versions were let go: a file may be older than the first kept. */
  pruned: boolean;
}

/** A short hash of a cue's words: white space left out, so a line broken or joined (a CJK break takes its space) is the same text. */
export function cueTextHash(text: TaggedText): string {
  return createHash('sha256').update(text.replace(/\s+/gu, '')).digest('hex').slice(0, 16);
}

/** Each cue's key: the hash of its source text, and which cue of that text it is (a line said twice is two cues). */
export function sourceKeys(cues: readonly { id: string; source: TaggedText }[]): Map<string, string> {
  const seen = new Map<string, number>();
  const keys = new Map<string, string>();
  for (const { id, source } of cues) {
    const hash = cueTextHash(source);
    const n = seen.get(hash) ?? 0;
    seen.set(hash, n + 1);
    keys.set(id, `${hash}#${n}`);
  }
  return keys;
}

/** What a file's untouched cues tell of the version it was made from. */
export interface Dating {
  /**
   * The earliest version the file may have been made from: what it is
   * judged against, so that it never undoes what was saved after it.
   */
  version: TrackVersion;
  /** Whether the file may be older than every version kept. */
  older: boolean;
}

/**
 * Of the versions, those every cue of the file left as written agrees with (a
 * cue whose text no version wrote is the translator's, and tells nothing);
 * for a file of mixed origin, the earliest any of its cues allows. Undefined
 * when no cue is as any version wrote it: the file cannot be dated.
 */
export function madeFrom(recorded: TrackVersions, cues: ReadonlyMap<string, string>): Dating | undefined {
  const { versions } = recorded;
  let common: number[] | undefined;
  let bound = Infinity;
  for (const [key, hash] of cues) {
    const agreeing: number[] = [];
    versions.forEach((v, i) => {
      if (v.cues[key] === hash) agreeing.push(i);
    });
    if (agreeing.length === 0) continue;
    bound = Math.min(bound, agreeing.at(-1)!);
    common = common === undefined ? agreeing : common.filter((i) => agreeing.includes(i));
  }
  if (common === undefined) return undefined;
  const first = common.length > 0 ? common[0]! : bound;
  return { version: versions[first]!, older: recorded.pruned && first === 0 };
}
