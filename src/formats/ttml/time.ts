import type { Diagnostic } from '../../model/diagnostic.js';
import { dropFrameLabelToFrames, isSkippedLabel } from '../../model/frame-rate.js';
import type { FrameRate } from '../../model/track.js';
import { messages } from './messages.js';
import { add, fromDecimal, ms, mul, rat, type Rat } from './rational.js';

/** The `ttp:` parameters that give time expressions their meaning, resolved once per document. */
export interface TimingParameters {
  smpte: boolean;
  /** `ttp:frameRate`, the whole frames a second counts (24 for 23.976). */
  frameRate: number;
  multiplier: readonly [number, number];
  subFrameRate: number;
  /** Ticks per second, exact (it follows the effective frame rate when not given). */
  tickRate: Rat;
  dropFrame: boolean;
  /** Present only when the document declares `ttp:frameRate`. */
  declared?: FrameRate;
}

const POSITIVE = /^\s*([1-9]\d*)\s*$/;
const PAIR = /^\s*([1-9]\d*)\s+([1-9]\d*)\s*$/;

/** Digits as a number the arithmetic can count in (at most 2^53), or undefined: larger ones reach Infinity. */
function countableNumber(digits: string | undefined): number | undefined {
  const n = Number(digits);
  return digits !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

/** `at` locates the root element, counted only when a parameter is bad. */
export function readParameters(attrs: Record<string, string>, fallback: FrameRate | undefined, at: () => { line: number }): { params: TimingParameters; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const positive = (name: string, def: number): number => {
    const v = attrs[name];
    if (v === undefined) return def;
    const n = countableNumber(POSITIVE.exec(v)?.[1]);
    if (n !== undefined) return n;
    diagnostics.push(messages.badParameter(name, v, 'a positive whole number', at()));
    return def;
  };

  const declaredRate = countableNumber(POSITIVE.exec(attrs['ttp:frameRate'] ?? '')?.[1]) !== undefined;
  let frameRate = positive('ttp:frameRate', 30);
  let multiplier: [number, number] = [1, 1];
  const m = attrs['ttp:frameRateMultiplier'];
  if (m !== undefined) {
    const pair = PAIR.exec(m);
    const numerator = countableNumber(pair?.[1]);
    const denominator = countableNumber(pair?.[2]);
    if (numerator !== undefined && denominator !== undefined) multiplier = [numerator, denominator];
    else diagnostics.push(messages.badParameter('ttp:frameRateMultiplier', m, 'two positive whole numbers such as `1000 1001`', at()));
  }
  if (!declaredRate && fallback) {
    // The caller's frame rate stands in for a missing ttp:frameRate.
    frameRate = Math.round(fallback.numerator / fallback.denominator);
    const r = rat(fallback.numerator, fallback.denominator * frameRate);
    multiplier = [r.n, r.d];
  }
  const subFrameRate = positive('ttp:subFrameRate', 1);
  const effective = rat(frameRate * multiplier[0], multiplier[1]);
  const tickRate = attrs['ttp:tickRate'] !== undefined ? rat(positive('ttp:tickRate', 1)) : declaredRate ? mul(effective, subFrameRate) : rat(1);

  const timeBase = attrs['ttp:timeBase'];
  let smpte = false;
  if (timeBase === 'smpte') smpte = true;
  else if (timeBase !== undefined && timeBase !== 'media') diagnostics.push(messages.timeBase(timeBase, at()));

  let dropFrame = false;
  const dropMode = attrs['ttp:dropMode'];
  if (smpte && dropMode === 'dropNTSC') dropFrame = true;
  else if (smpte && dropMode !== undefined && dropMode !== 'nonDrop') diagnostics.push(messages.dropMode(dropMode, at()));
  if (smpte && attrs['ttp:markerMode'] === 'discontinuous') diagnostics.push(messages.markerMode(at()));

  const params: TimingParameters = { smpte, frameRate, multiplier, subFrameRate, tickRate, dropFrame };
  if (declaredRate) {
    params.declared = { numerator: effective.n, denominator: effective.d };
    if (dropFrame) params.declared.dropFrame = true;
  }
  return { params, diagnostics };
}

const CLOCK = /^(\d+):(\d\d):(\d\d)(?:\.(\d+)|:(\d+)(?:\.(\d+))?)?$/;
const OFFSET = /^(\d+(?:\.\d+)?)(h|ms|m|s|f|t)$/;

/** Whether every field given is one `countableNumber` reads. */
function countable(...fields: Array<string | undefined>): boolean {
  return fields.every((f) => f === undefined || countableNumber(f) !== undefined);
}

/** Frames (plus sub-frames) to seconds at the effective frame rate. */
function frames(count: Rat, p: TimingParameters): Rat {
  return mul(count, p.multiplier[1], p.frameRate * p.multiplier[0]);
}

function digit(v: string, i: number): number {
  const c = v.charCodeAt(i) - 0x30;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * `HH:MM:SS` and `HH:MM:SS.mmm`, the forms nearly every file uses, read
 * without a regex; undefined for anything else, which `CLOCK` then reads.
 */
function plainClock(v: string): Rat | undefined {
  let i = 0;
  let h = 0;
  for (let d = digit(v, 0); d >= 0 && i < 6; d = digit(v, ++i)) h = h * 10 + d;
  const n = v.length;
  if (i === 0 || (n !== i + 6 && n !== i + 10) || v.charCodeAt(i) !== 0x3a || v.charCodeAt(i + 3) !== 0x3a) return undefined;
  const m1 = digit(v, i + 1);
  const m2 = digit(v, i + 2);
  const s1 = digit(v, i + 4);
  const s2 = digit(v, i + 5);
  if (m1 < 0 || m2 < 0 || s1 < 0 || s2 < 0) return undefined;
  const min = m1 * 10 + m2;
  const s = s1 * 10 + s2;
  if (min > 59 || s > 60) return undefined;
  const whole = h * 3600 + min * 60 + s;
  if (n === i + 6) return rat(whole);
  const f1 = digit(v, i + 7);
  const f2 = digit(v, i + 8);
  const f3 = digit(v, i + 9);
  if (v.charCodeAt(i + 6) !== 0x2e || f1 < 0 || f2 < 0 || f3 < 0) return undefined;
  return ms(whole * 1000 + f1 * 100 + f2 * 10 + f3);
}

/** A frame field at or past `ttp:frameRate`, or a sub-frame field at or past `ttp:subFrameRate`: counted on, as a sum. */
export interface FieldOverflow {
  /** `dropped`: a frame label drop-frame timecode skips (`00:01:00;00`). */
  field: 'frame' | 'sub-frame' | 'dropped';
  rate: number;
}

/** What reading a time expression noticed, for the resolver to say. */
export interface Seen {
  overflow?: FieldOverflow | undefined;
  /**
   * A media time `HH:MM:SS:FF` at a rate of fractional frames a second
   * (23.976): its frames count from its whole second, which falls between
   * two frames of the picture.
   */
  offGrid?: boolean;
}

/** A TTML time expression in seconds, or undefined when it is not one; what it noticed is set in `seen`. */
export function parseTime(value: string, p: TimingParameters, seen?: Seen): Rat | undefined {
  const plain = plainClock(value);
  if (plain) return plain;
  const v = value.trim();
  const clock = CLOCK.exec(v);
  if (clock) {
    const h = Number(clock[1]);
    const min = Number(clock[2]);
    const s = Number(clock[3]);
    const fraction = clock[4];
    const frameField = clock[5];
    if (min > 59 || s > 60 || !countable(clock[1], frameField, clock[6])) return undefined;
    if (frameField === undefined) {
      const whole = h * 3600 + min * 60 + s;
      if (fraction === undefined) return rat(whole);
      if (fraction.length === 3) return ms(whole * 1000 + Number(fraction));
      // A whole part of 0 always counts.
      return add(rat(whole), fromDecimal(`0.${fraction}`)!);
    }
    const ff = Number(frameField);
    const sub = clock[6] === undefined ? 0 : Number(clock[6]);
    if (seen && ff >= p.frameRate) seen.overflow = { field: 'frame', rate: p.frameRate };
    else if (seen && sub >= p.subFrameRate) seen.overflow = { field: 'sub-frame', rate: p.subFrameRate };
    const frameCount = rat(ff * p.subFrameRate + sub, p.subFrameRate);
    if (p.smpte) {
      // Drop-frame timecode skips the first frame labels of every minute but each tenth: such a label names no frame.
      const rate = { numerator: p.frameRate * 1000, denominator: 1001 };
      if (seen && p.dropFrame && isSkippedLabel(min, s, ff, rate)) seen.overflow = { field: 'dropped', rate: p.frameRate };
      const label = p.dropFrame
        ? dropFrameLabelToFrames(h, min, s, ff, rate)
        : (h * 3600 + min * 60 + s) * p.frameRate + ff;
      return frames(add(rat(label - ff), frameCount), p);
    }
    // Media time: the clock part is real seconds, only the frames count at the effective rate.
    const whole = rat(h * 3600 + min * 60 + s);
    if (seen && mul(whole, p.frameRate * p.multiplier[0], p.multiplier[1]).d !== 1) seen.offGrid = true;
    return add(whole, frames(frameCount, p));
  }
  const offset = OFFSET.exec(v);
  if (!offset) return undefined;
  const count = fromDecimal(offset[1]!);
  if (!count) return undefined;
  switch (offset[2]) {
    case 'h':
      return mul(count, 3600);
    case 'm':
      return mul(count, 60);
    case 's':
      return count;
    case 'ms':
      return mul(count, 1, 1000);
    case 'f':
      return frames(count, p);
    default:
      return mul(count, p.tickRate.d, p.tickRate.n);
  }
}

const BARE_SECONDS = /^(\d+(?:\.\d+)?)$/;
const MINUTES_SECONDS = /^(\d+):(\d\d(?:\.\d+)?)$/;

/** Forms real files use that TTML does not allow: `19.764` (seconds) and `3:58.640` (minutes). */
export function parseLenientTime(value: string): Rat | undefined {
  const v = value.trim();
  const bare = BARE_SECONDS.exec(v);
  if (bare) return fromDecimal(bare[1]!);
  const ms = MINUTES_SECONDS.exec(v);
  const seconds = ms && countable(ms[1]) ? fromDecimal(ms[2]!) : undefined;
  return seconds && add(rat(Number(ms![1]) * 60), seconds);
}
