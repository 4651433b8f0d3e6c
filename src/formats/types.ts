import type { Diagnostic } from '../model/diagnostic.js';
import type { FrameRate, Lang, Ms, Track } from '../model/track.js';

import type { FormatId } from './format-ids.js';

export type { FormatId };

export interface ParseOptions {
  /** Language of the track when the file does not say; BCP 47. @default 'und' */
  language?: Lang;
  /** Frame rate to use for frame-based times when the file does not say. */
  frameRate?: FrameRate;
  /** Say where each cue's times stand in the text (`ParseResult.times`), to write others in their place. @default false */
  locateTimes?: boolean;
}

export interface SerializeOptions {
  /**
   * Write times on this frame grid (rounded to the nearest frame) where the
   * format can say frames. @default the track's own frame rate, else media time
   */
  frameRate?: FrameRate;
  /**
   * Write times as SMPTE timecode labels at the frame rate, with this before
   * the frames (`;` only at a drop-frame rate), where the format is written
   * in clock times that a broadcast tool may have written as labels (SRT);
   * a time between two frames is written as the nearest and said.
   * @default the format's own clock times
   */
  frameLabels?: ':' | ';';
  /** Identifier of the document where the format has one (DCP `Id`, a urn:uuid). @default a new random UUID */
  documentId?: string;
  /** ISO 8601 date-time where the format records one (DCP `IssueDate`). @default now */
  issueDate?: string;
}

/** One time as a file writes it: where it stands in the text read, and how another is written there. */
export interface TimeField {
  /** `text.slice(from, to)` of `TimeMap.text` is the time as written. */
  from: number;
  to: number;
  /**
   * The cue's times as this field writes them, in its notation and counted
   * from its origin (a TTML `dur` from the cue's begin); `rate` is the frame
   * grid they were put on. Undefined when the notation cannot hold the time:
   * a frame of another rate than the one it counts.
   */
  write(times: { start: Ms; end: Ms }, rate: FrameRate): string | undefined;
  /** The frames the notation counts, for the message when it cannot hold a time. */
  counts?: FrameRate;
}

/**
 * Where a cue's in- and out-time stand in the text: every field that writes
 * it (the `begin` of each paragraph joined into one cue), shared with the
 * cues that share it (the rows of one DCP subtitle); undefined where no
 * field of its own writes it (a TTML time inherited from a `<div>`).
 */
export interface CueTimeFields {
  start: TimeField[] | undefined;
  end: TimeField[] | undefined;
}

/** `track.cues[k]`'s times stand at `cues[k]` of `text`, the text the reader read (without a byte order mark). */
export interface TimeMap {
  text: string;
  cues: CueTimeFields[];
}

export interface ParseResult {
  track: Track;
  diagnostics: Diagnostic[];
  /** With `locateTimes`, from a reader that can say where its times stand. */
  times?: TimeMap;
}

export interface SerializeResult {
  text: string;
  diagnostics: Diagnostic[];
}

/** What the format table knows of a format without loading its reader or writer. */
export interface FormatInfo {
  readonly id: FormatId;
  /** Human name for messages, e.g. `SubRip`. */
  readonly name: string;
  /** Lower-case, without the dot: the endings this format is recognised by. */
  readonly extensions: readonly string[];
  /**
   * What a written file's name ends with after `<title>.<lang>.`, without the
   * leading dot: distinct for every format, since four of them are XML.
   */
  readonly suffix: string;
  /** Cheap sniff of decoded text; must not parse the whole file. */
  detect(text: string): boolean;
  /**
   * The format whose reader reads it, when that is another's (EBU-TT-D is
   * TTML): a file of it reads as that format. @default its own id
   */
  readonly readAs?: FormatId;
  /**
   * Times count from the first frame of a reel, which is 00:00:00:00 (DCP
   * subtitle XML): a delivery's programme start (`--start`) is not added.
   * @default false
   */
  readonly reelRelative?: boolean;
  /**
   * The finest step its times are written in, in ms: Interop's 4 ms ticks
   * (`00:00:09:156`). A time within one step of another is the same time
   * read back. @default 1
   */
  readonly timeStepMs?: number;
  /**
   * Its text is drawn with a font the package carries (DCP subtitles: the
   * Interop file loads `font.ttf`, the SMPTE one names a font asset): a
   * delivery gives one, whose glyphs must cover the text; `largest` is the
   * biggest font file it takes, in bytes, where it has a limit.
   */
  readonly font?: { readonly largest?: number };
  /**
   * The only frame rates a file of it can be timed at, in whole frames a
   * second (DCP: 24, 25, 30, 48, 50, 60). @default any rate
   */
  readonly frameRates?: readonly number[];
}

export type Reader = (text: string, opts?: ParseOptions) => ParseResult;
export type Writer = (track: Track, opts?: SerializeOptions) => SerializeResult;

export interface FormatAdapter extends FormatInfo {
  parse: Reader;
  serialize: Writer;
}

/** A row of the lazy format table: its reader and writer load on first use, each on its own. */
export interface FormatRow extends FormatInfo {
  reader(): Promise<Reader>;
  writer(): Promise<Writer>;
}
