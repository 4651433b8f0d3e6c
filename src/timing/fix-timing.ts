import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { framesToMs, msToFrames } from '../model/frame-rate.js';
import { screenRow } from '../model/screen-row.js';
import type { Cue, FrameRate, Lang, Ms, Placement, Track } from '../model/track.js';
import { readingChars } from '../qc/metrics.js';
import { forLanguage, type Profile } from '../qc/profile.js';
import { messages, type Limit } from './messages.js';

export interface TimingFixOptions {
  /** The language whose reading speed the text needs (the track's own when it is the source). */
  language: Lang;
  profile: Profile;
  /** The delivery rate: every time lands on one of its frames. */
  frameRate: FrameRate;
  /**
   * How far an out-time may move to reach the minimum duration, and then as
   * far again to reach the reading speed. @default 500 (Netflix: "up to half a second")
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
 * nearest frame, at most half a frame); an out-time moved to the minimum
 * duration when that is at most `maxExtendMs` away, then to the reading
 * speed the text needs when that is at most `maxExtendMs` further, never
 * part of the way, never into the next cue's minimum gap nor past the
 * maximum duration; gaps up to `chainMs` closed to the minimum gap where the
 * cue stays within the maximum duration (for a cue still short of its need,
 * gaps up to `chainMs` beyond the reach of `maxExtendMs`); a cue that runs
 * into the next ends the minimum gap before it. "The next cue" is the next
 * in the same row of the screen (`screenRow`), as QC's overlap and gap rules
 * compare them. Text and order never change, and the fix run on its own
 * output moves nothing. What moving out-times cannot fix stays a finding
 * naming what stopped it, with a remedy.
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
  const nextIn = new Map<number, Frames>();
  const waiting = new Map<Placement['vertical'], number>();
  for (const i of cues.map((_, i) => i).sort((a, b) => cues[a]!.in - cues[b]!.in || a - b)) {
    const row = screenRow(cues[i]!.cue);
    const previous = waiting.get(row);
    if (previous !== undefined) nextIn.set(previous, cues[i]!);
    waiting.set(row, i);
  }
  const fps = rate.numerator / rate.denominator;
  const readingFramesOf = (chars: number) => (Number.isFinite(cps) && cps > 0 ? Math.ceil((chars / cps) * fps) : 0);
  // The characters to cut for a text to be read in `frames`.
  const overIn = (chars: number, frames: number) => Math.ceil(chars - (frames * cps) / fps);
  const ms = (frames: number) => framesToMs(frames, rate);

  cues.forEach((c, i) => {
    const next = nextListed[i];
    // A track out of time order is left alone where it is: the fix never reorders.
    const following = next !== undefined && next.in >= c.in ? next : undefined;
    if (next !== undefined && following === undefined) findings.push(diagnostic('timing/out-of-order', 'warning', messages.outOfOrder(c.cue.id, next.cue.id), { cueId: next.cue.id }));
    // The cue it must end the minimum gap before: the next in its row listed, or in time, whichever starts first.
    const later = nextIn.get(i);
    const limiter = later !== undefined && (following === undefined || later.in < following.in) ? later : following;
    const byCue = limiter === undefined ? Infinity : limiter.in - minGap;
    const ceiling = Math.min(byCue, options.lastFrame ?? Infinity);
    // No extension, nor rounding to frames, makes a cue outlast the profile's maximum duration; one already longer is not shortened.
    const longest = c.cue.end - c.cue.start <= profile.maxDurationMs.value ? c.in + maxDuration : Math.max(c.out, c.in + maxDuration);
    c.out = Math.min(c.out, longest);
    const original = c.out;

    const chars = readingChars(c.cue, language);
    const readingFrames = readingFramesOf(chars);
    const needed = Math.max(minDuration, readingFrames);
    // Each need is met whole or not at all, so that the fix finds nothing to move in its own output: an out-time moved
    // part of the way would pass for the end of speech on the next run, which would move it another half second.
    // The minimum duration first, which a cue needs whatever was said; the reading speed's allowance counts from there.
    for (const [frames, rule] of [[minDuration, 'min-duration'], [needed, 'reading-speed']] as const) {
      const target = Math.min(c.in + frames, ceiling, longest);
      if (target > c.out && target - c.out <= maxExtend) {
        c.out = target;
        c.rule = rule;
      }
    }
    let cut: 'overlap' | 'min-gap' | undefined;
    if (following !== undefined) {
      const gap = following.in - c.out;
      // A cue still short of its need is chained when the allowance would bring it that close: the end of the chain is as
      // stable as a need met, where an out-time left at the allowance's end would be moved again by the next run.
      const reach = c.out < Math.min(c.in + needed, ceiling, longest) ? c.out + maxExtend : c.out;
      if (gap > minGap && following.in - reach <= chain && ceiling <= longest) {
        c.out = ceiling;
        c.rule = 'chaining';
      } else if (gap < minGap) {
        c.out = ceiling;
        c.rule = cut = gap < 0 ? 'overlap' : 'min-gap';
      }
    }
    // A cue lasts at least a frame, even where that leaves less than the minimum gap; that finding says all there is to say.
    if (c.out <= c.in) {
      c.out = c.in + 1;
      if (limiter !== undefined && c.out > ceiling) {
        findings.push(diagnostic('timing/no-room', 'warning', messages.noRoom(c.cue.id, limiter.cue.id, minGap), { cueId: c.cue.id }));
        return;
      }
    }

    const duration = c.out - c.in;
    const short = duration < minDuration;
    if (!short && duration >= readingFrames) return;
    const target = c.in + (short ? minDuration : needed);
    // What stopped the out-time: the next cue (or the end of the day) before the target, the maximum duration, else the allowance.
    const limit: Limit =
      cut !== undefined || ceiling < target
        ? limiter !== undefined && byCue === ceiling
          ? { by: 'next', next: limiter.cue.id, after: ms(limiter.in) - ms(c.in), minGap, cut, inside: limiter.out <= original, later: ms(target) - ms(ceiling) }
          : { by: 'day-end' }
        : longest < target
          ? { by: 'max-duration', max: ms(longest) - ms(c.in) }
          : { by: 'allowance', more: ms(target) - ms(c.out), allowed: ms(c.out + maxExtend) - ms(c.out), allowedFrames: maxExtend, room: limiter === undefined ? undefined : { next: limiter.cue.id, ms: ms(limiter.in) - ms(c.out) } };
    // Merged with the next cue, the two pass: within the maximum duration, and readable in the time they span together.
    const span = limiter === undefined ? 0 : Math.max(original, limiter.out) - c.in;
    const mergeWith = limiter !== undefined && span <= maxDuration && span >= readingFramesOf(chars + readingChars(limiter.cue, language)) && span >= minDuration ? limiter.cue.id : undefined;
    const shortfall = { cue: c.cue.id, lasts: ms(duration), mergeWith };
    if (limit.by !== 'max-duration' && short) {
      findings.push(diagnostic('timing/too-short', 'warning', messages.tooShort({ ...shortfall, limit }, profile.minDurationMs.value), { cueId: c.cue.id }));
    } else {
      // The time the cue can have: a reach of the allowance from where it ends, else what it has (or the maximum duration).
      const room = limit.by === 'allowance' ? c.out + maxExtend : limit.by === 'max-duration' ? longest : c.out;
      findings.push(diagnostic('timing/too-fast', 'warning', messages.tooFast({ ...shortfall, limit }, cps, chars, overIn(chars, room - c.in)), { cueId: c.cue.id }));
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
