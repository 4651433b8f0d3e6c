/** Integer milliseconds: the only time unit in the core. */
export type Ms = number;

/** A BCP 47 language tag such as `zh-Hans` or `en-US`. */
export type Lang = string;

export interface Span {
  text: string;
  italic?: true;
  bold?: true;
  underline?: true;
  /** CSS colour: a name (`yellow`) or `#rrggbb` / `#rrggbbaa`. */
  color?: string;
}

export interface Placement {
  vertical: 'bottom' | 'top' | 'middle';
  horizontal?: 'left' | 'center' | 'right';
}

export interface Cue {
  /**
   * Unique within its track; every reader makes it so. The file's own
   * number or identifier when no other cue has it, else one derived from it
   * (`2~2` for the second cue numbered 2).
   */
  id: string;
  start: Ms;
  end: Ms;
  /** Each line is a run of styled spans; a line break separates lines. */
  lines: Span[][];
  placement?: Placement;
}

/**
 * A frame rate as an exact fraction, so 23.976 is 24000/1001 and never a float
 * that drifts. `dropFrame` only affects how SMPTE timecode labels frames.
 */
export interface FrameRate {
  numerator: number;
  denominator: number;
  dropFrame?: true;
}

export interface TrackMeta {
  title?: string;
  /** The encoding the bytes were decoded from, when the track came from bytes. */
  encoding?: string;
  /** The adapter that read the track. */
  sourceFormat?: string;
  /**
   * The file wrote its times as SMPTE timecode labels at the track's frame
   * rate (a broadcast SRT's `HH:MM:SS:FF`), with this before the frames
   * (`;` where it marked drop-frame labels so): how to write it back as it came.
   */
  frameLabels?: ':' | ';';
}

export interface Track {
  language: Lang;
  cues: Cue[];
  frameRate?: FrameRate;
  meta: TrackMeta;
}
