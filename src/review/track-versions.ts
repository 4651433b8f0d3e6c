import { createHash } from 'node:crypto';
import type { TaggedText } from '../model/tagged-text.js';

/**
 * A language's track as `localize` wrote it: a short hash of each cue's
 * text, and when. An edited SRT or WebVTT carries no date; these tell which
 * versions it may have been made from, and which of its cues the translator
 * left as they were. Cues are named by their source text, not their number:
 * a cue inserted before them in a new cut renumbers them, and a cue whose
 * source changed is another cue. A line said twice is one name with the
 * texts of both cues.
 */
export interface TrackVersion {
  /** ISO 8601. */
  at: string;
  /** Per `cueTextHash` of a source text, the `cueTextHash` of each cue's text that translates it. */
  cues: Readonly<Record<string, readonly string[]>>;
  /**
   * The same, as `cueLayoutHash`: each cue's lines exactly as written, so a
   * cue whose words stayed but whose lines or spaces a translator changed is
   * an edit. Absent in versions recorded before it was kept.
   */
  layouts?: Readonly<Record<string, readonly string[]>>;
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

/** A short hash of a cue's lines as tagged text (`toTaggedLines`), every space and break counted. */
export function cueLayoutHash(lines: TaggedText): string {
  return createHash('sha256').update(lines).digest('hex').slice(0, 16);
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
export function madeFrom(recorded: TrackVersions, cues: Iterable<{ source: string; text: string }>): Dating | undefined {
  const { versions } = recorded;
  let common: number[] | undefined;
  let bound = Infinity;
  for (const { source, text } of cues) {
    const agreeing: number[] = [];
    versions.forEach((v, i) => {
      if (wrote(v, source, text)) agreeing.push(i);
    });
    if (agreeing.length === 0) continue;
    bound = Math.min(bound, agreeing.at(-1)!);
    common = common === undefined ? agreeing : common.filter((i) => agreeing.includes(i));
  }
  if (common === undefined) return undefined;
  const first = common.length > 0 ? common[0]! : bound;
  return { version: versions[first]!, older: recorded.pruned && first === 0 };
}

/** Whether a version wrote `text` (a `cueTextHash`) for a cue of the source text `source` (one too). */
export function wrote(version: TrackVersion, source: string, text: string): boolean {
  return version.cues[source]?.includes(text) === true;
}

/** Whether a version wrote a cue just so: its lines (`layout`, a `cueLayoutHash`) where it recorded them, else its words (`text`). */
export function wroteAsLaidOut(version: TrackVersion, source: string, text: string, layout: string): boolean {
  return version.layouts === undefined ? wrote(version, source, text) : version.layouts[source]?.includes(layout) === true;
}
