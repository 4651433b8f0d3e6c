import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { framesToMs, msToFrames } from '../model/frame-rate.js';
import { screenRow } from '../model/screen-row.js';
import type { Cue, FrameRate, Lang, Ms, Placement, Track } from '../model/track.js';
import { readingChars } from '../qc/metrics.js';
import { forLanguage, type Profile } from '../qc/profile.js';
import { messages } from './messages.js';

export interface TimingFixOptions {
  /** The language whose reading speed the text needs (the track's own when it is the source). */
  language: Lang;
  profile: Profile;
  /** The delivery rate: every time lands on one of its frames. */
  frameRate: FrameRate;
  /**
   * How far an out-time may move past the original, for reading speed or the
   * minimum duration. @default 500 (Netflix: "up to half a second")
   */
  maxExtendMs?: Ms;
  /** Gaps up to this long are closed to the minimum gap ("chaining"). @default 500 (12 frames at 24 fps) */
  chainMs?: Ms;
  /**
   * The last frame an out-time may be extended to: a delivery's is the frame
   * before 24:00:00:00, where its timecode wraps. @default no limit
   */
  lastFrame?: number;
}

/** Which guideline moved a time. */
export type TimingRule = 'frame-grid' | 'min-duration' | 'reading-speed' | 'chaining' | 'min-gap' | 'overlap';

export interface TimingChange {
  cueId: string;
  edge: 'in' | 'out';
  before: Ms;
  after: Ms;
  rule: TimingRule;
}

export interface TimingFixResult {
  track: Track;
  /** Every time that moved, in cue order. */
  changes: TimingChange[];
  /** What could not be fixed by moving out-times, each with a hint. */
  findings: Diagnostic[];
}

interface Frames {
  cue: Cue;
  in: number;
  out: number;
  rule: TimingRule | undefined;
}

/**
 * Times a track the way a subtitler does before QC (Netflix, "Timed Text
 * Style Guide: Subtitle Timing Guidelines"): every time on a frame of the
 * delivery rate; in-times stay where speech starts (moved only to their
 * nearest frame, at most half a frame); out-times extended, by at most
 * `maxExtendMs`, to reach the minimum duration and the reading speed the
 * text needs, never into the next cue's minimum gap nor past the maximum
 * duration; gaps up to `chainMs` closed to the minimum gap where the cue
 * stays within the maximum duration; a cue that runs into the next ends the minimum
 * gap before it. "The next cue" is the next in the same row of the screen
 * (`screenRow`), as QC's overlap and gap rules compare them. Text and order
 * never change. What moving out-times cannot fix stays a finding with a hint.
 */
export function fixTiming(track: Track, options: TimingFixOptions): TimingFixResult {
  const { profile, frameRate: rate, language } = options;
  const toFrames = (ms: Ms) => msToFrames(ms, rate);
  const minGap = profile.minGapFrames.value;
  // Whole frames within the limit, to the millisecond: 12 at 25 fps (480 ms), not 13 (520 ms); 12 at 23.976 (500.5 ms).
  const within = (ms: Ms) => Math.floor(((ms + 1) * rate.numerator) / (rate.denominator * 1000));
  const maxExtend = within(options.maxExtendMs ?? 500);
  const chain = within(options.chainMs ?? 500);
  const minDuration = Math.ceil((profile.minDurationMs.value * rate.numerator) / (rate.denominator * 1000));
  const maxDuration = Math.floor((profile.maxDurationMs.value * rate.numerator) / (rate.denominator * 1000));
  const cps = forLanguage(profile.readingSpeed.value, language);
  const findings: Diagnostic[] = [];

  const cues: Frames[] = track.cues.map((cue) => ({ cue, in: toFrames(cue.start), out: toFrames(cue.end), rule: undefined }));
  // Only a cue in the same row of the screen limits another: a sign at the top is not cut for the dialogue beneath it.
  const nextListed: (Frames | undefined)[] = [];
  const below = new Map<Placement['vertical'], Frames>();
  for (let i = cues.length - 1; i >= 0; i--) {
    const row = screenRow(cues[i]!.cue);
    nextListed[i] = below.get(row);
    below.set(row, cues[i]!);
  }
  // The next in-time on screen in the row, whatever the list order: in a track out of order the next cue listed is not it.
  const nextIn = new Map<number, number>();
  const waiting = new Map<Placement['vertical'], number>();
  for (const { in: at, i } of cues.map((c, i) => ({ in: c.in, i })).sort((a, b) => a.in - b.in || a.i - b.i)) {
    const row = screenRow(cues[i]!.cue);
    const previous = waiting.get(row);
    if (previous !== undefined) nextIn.set(previous, at);
    waiting.set(row, i);
  }
  cues.forEach((c, i) => {
    const next = nextListed[i];
    // A track out of time order is left alone where it is: the fix never reorders.
    const following = next !== undefined && next.in >= c.in ? next : undefined;
    if (next !== undefined && following === undefined) findings.push(diagnostic('timing/out-of-order', 'warning', messages.outOfOrder(c.cue.id, next.cue.id), { cueId: next.cue.id }));
    const ceiling = Math.min(following === undefined ? Infinity : following.in - minGap, (nextIn.get(i) ?? Infinity) - minGap, options.lastFrame ?? Infinity);
    // No extension, nor rounding to frames, makes a cue outlast the profile's maximum duration; one already longer is not shortened.
    const longest = c.cue.end - c.cue.start <= profile.maxDurationMs.value ? c.in + maxDuration : Math.max(c.out, c.in + maxDuration);
    c.out = Math.min(c.out, longest);
    const original = c.out;

    const readingFrames = Number.isFinite(cps) && cps > 0 ? Math.ceil((readingChars(c.cue, language) / cps) * (rate.numerator / rate.denominator)) : 0;
    const needed = Math.max(minDuration, readingFrames);
    if (c.out - c.in < needed) {
      const out = Math.min(c.in + needed, original + maxExtend, ceiling, longest);
      if (out > c.out) {
        c.out = out;
        c.rule = readingFrames > minDuration ? 'reading-speed' : 'min-duration';
      }
    }
    if (following !== undefined) {
      const gap = following.in - c.out;
      if (gap > minGap && gap <= chain && ceiling <= longest) {
        c.out = ceiling;
        c.rule = 'chaining';
      } else if (gap < minGap) {
        c.out = ceiling;
        c.rule = gap < 0 ? 'overlap' : 'min-gap';
      }
    }
    // A cue lasts at least a frame, even where that leaves less than the minimum gap.
    if (c.out <= c.in) {
      c.out = c.in + 1;
      if (following !== undefined && c.out > ceiling) findings.push(diagnostic('timing/no-room', 'warning', messages.noRoom(c.cue.id, following.cue.id, minGap), { cueId: c.cue.id }));
    }

    const duration = c.out - c.in;
    if (duration < minDuration) {
      findings.push(diagnostic('timing/too-short', 'warning', messages.tooShort(c.cue.id, framesToMs(duration, rate), profile.minDurationMs.value, following?.cue.id), { cueId: c.cue.id }));
    } else if (duration < readingFrames) {
      const over = Math.ceil(readingChars(c.cue, language) - (duration * rate.denominator * cps) / rate.numerator);
      findings.push(diagnostic('timing/too-fast', 'warning', messages.tooFast(c.cue.id, cps, over, following?.cue.id), { cueId: c.cue.id }));
    }
  });

  const changes: TimingChange[] = [];
  const fixed = cues.map((c) => {
    const start = framesToMs(c.in, rate);
    const end = framesToMs(c.out, rate);
    if (start !== c.cue.start) changes.push({ cueId: c.cue.id, edge: 'in', before: c.cue.start, after: start, rule: 'frame-grid' });
    if (end !== c.cue.end) changes.push({ cueId: c.cue.id, edge: 'out', before: c.cue.end, after: end, rule: c.rule ?? 'frame-grid' });
    return start === c.cue.start && end === c.cue.end ? c.cue : { ...c.cue, start, end };
  });
  return { track: { ...track, cues: fixed, frameRate: rate }, changes, findings };
}
