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
  /** Per cue id, `cueTextHash` of the source text it translates: an edit made for another source is not laid on this one. */
  sources?: Readonly<Record<string, string>>;
}

/** A short hash of a cue's words: white space left out, so a line broken or joined (a CJK break takes its space) is the same text. */
export function cueTextHash(text: TaggedText): string {
  return createHash('sha256').update(text.replace(/\s+/gu, '')).digest('hex').slice(0, 16);
}

/** When a file was made, as its untouched cues tell. */
export interface Dating {
  /** The version taken as the file's: the latest all its untouched cues agree with, else the earliest any of them allows. */
  version: TrackVersion;
  /** Every version the file may have been made from. */
  candidates: TrackVersion[];
}

/**
 * The version the file was made from, as far as the cues left as written
 * tell (a cue whose text no version wrote is the translator's, and tells
 * nothing). When they agree with no one version (a file of mixed origin),
 * the earliest any of them allows, so that it never undoes what was saved
 * after it. Undefined when no cue is as any version wrote it: the file
 * cannot be dated.
 */
export function madeFrom(versions: readonly TrackVersion[], cues: ReadonlyMap<string, string>): Dating | undefined {
  let common: number[] | undefined;
  let bound = Infinity;
  for (const [id, hash] of cues) {
    const agreeing: number[] = [];
    versions.forEach((v, i) => {
      if (v.cues[id] === hash) agreeing.push(i);
    });
    if (agreeing.length === 0) continue;
    bound = Math.min(bound, agreeing.at(-1)!);
    common = common === undefined ? agreeing : common.filter((i) => agreeing.includes(i));
  }
  if (common === undefined) return undefined;
  if (common.length === 0) return { version: versions[bound]!, candidates: [versions[bound]!] };
  return { version: versions[common.at(-1)!]!, candidates: common.map((i) => versions[i]!) };
}
