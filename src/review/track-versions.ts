import { createHash } from 'node:crypto';
import type { TaggedText } from '../model/tagged-text.js';

/**
 * A language's track as `localize` wrote it, cue by cue: a short hash of
 * each cue's text, and when. An edited SRT or WebVTT carries no date; these
 * tell which version it was made from, and which of its cues the translator
 * left as they were.
 */
export interface TrackVersion {
  /** ISO 8601. */
  at: string;
  /** Per cue id, `cueTextHash` of its text. */
  cues: Readonly<Record<string, string>>;
}

export function cueTextHash(text: TaggedText): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The version the file was made from, as far as the cues left as written
 * tell: the one most of them agree with, the earliest of those that agree
 * with as many (a later one would let the file undo what was saved between
 * them). Undefined when no cue is as any version wrote it.
 */
export function madeFrom(versions: readonly TrackVersion[], cues: ReadonlyMap<string, string>): TrackVersion | undefined {
  let best: TrackVersion | undefined;
  let most = 0;
  for (const version of versions) {
    let agreeing = 0;
    for (const [id, hash] of cues) if (version.cues[id] === hash) agreeing++;
    if (agreeing > most) {
      best = version;
      most = agreeing;
    }
  }
  return best;
}

/** Whether a cue's text is one subloc wrote for it in some version: then it is no edit of the translator's. */
export function writtenBefore(versions: readonly TrackVersion[], id: string, hash: string | undefined): TrackVersion | undefined {
  return hash === undefined ? undefined : versions.findLast((v) => v.cues[id] === hash);
}
