import { framesToDropFrameLabel } from '../../model/frame-rate.js';
import type { FrameRate, Ms } from '../../model/track.js';
import { add, toMs, type Rat } from './rational.js';
import { parseLenientTime, parseTime, type TimingParameters } from './time.js';

const CLOCK = /^(\d+):(\d\d):(\d\d)(?:\.(\d+)|:(\d+)(?:\.(\d+))?)?$/;
const OFFSET = /^(\d+(?:\.\d+)?)(h|ms|m|s|f|t)$/;
const BARE_SECONDS = /^\d+(?:\.\d+)?$/;
const MINUTES_SECONDS = /^(\d+):\d\d(?:\.\d+)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `H:MM:SS` from whole seconds, the hours as wide as the file wrote them. */
function clock(seconds: number, width: number): string {
  return `${pad(Math.floor(seconds / 3600), width)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** `.mmm` (as many digits as the file wrote, three at least), or nothing for a whole second the file wrote without one. */
function fraction(ms: number, digits: number): string {
  if (digits === 0 && ms === 0) return '';
  return `.${pad(ms, 3)}${'0'.repeat(Math.max(0, digits - 3))}`;
}

/** Seconds as the shortest decimal that holds the milliseconds: `12`, `12.5`, `12.042`. */
function decimalSeconds(ms: number): string {
  const rest = ms % 1000;
  return rest === 0 ? String(Math.floor(ms / 1000)) : `${Math.floor(ms / 1000)}.${pad(rest, 3).replace(/0+$/, '')}`;
}

/** The rate a TTML time expression's frames count at. */
function effectiveRate(p: TimingParameters): FrameRate {
  const rate: FrameRate = { numerator: p.frameRate * p.multiplier[0], denominator: p.multiplier[1] };
  if (p.dropFrame) rate.dropFrame = true;
  return rate;
}

/** `offset` ms in the notation of `written`, rounded to its unit; undefined for a notation this does not write. */
function inNotation(written: string, offset: number, p: TimingParameters): string | undefined {
  const ms = Math.round(offset);
  const rate = effectiveRate(p);
  const frames = Math.round((offset * rate.numerator) / (rate.denominator * 1000));
  const c = CLOCK.exec(written);
  if (c) {
    const width = c[1]!.length;
    if (c[5] === undefined) return clock(Math.floor(ms / 1000), width) + fraction(ms % 1000, c[4]?.length ?? 0);
    const sub = c[6] === undefined ? '' : '.0';
    if (p.smpte && p.dropFrame) {
      const [h, m, s, f] = framesToDropFrameLabel(frames, rate);
      return `${pad(h, width)}:${pad(m)}:${pad(s)}:${pad(f)}${sub}`;
    }
    if (p.smpte) return `${clock(Math.floor(frames / p.frameRate), width)}:${pad(frames % p.frameRate)}${sub}`;
    // Media time: the clock part is real seconds, only the frames count at the effective rate.
    const whole = Math.floor(ms / 1000);
    const f = Math.round(((offset - whole * 1000) * rate.numerator) / (rate.denominator * 1000));
    return `${clock(whole, width)}:${pad(f)}${sub}`;
  }
  const o = OFFSET.exec(written);
  if (o) {
    switch (o[2]) {
      case 'ms':
        return `${ms}ms`;
      case 'f':
        return `${frames}f`;
      case 't':
        return `${Math.round((offset * p.tickRate.n) / (p.tickRate.d * 1000))}t`;
      default:
        // Hours and minutes rarely hold a time to the millisecond: seconds do.
        return `${decimalSeconds(ms)}s`;
    }
  }
  if (BARE_SECONDS.test(written)) return decimalSeconds(ms);
  if (MINUTES_SECONDS.test(written)) return `${Math.floor(ms / 60_000)}:${pad(Math.floor(ms / 1000) % 60)}${fraction(ms % 1000, 3)}`;
  return undefined;
}

/**
 * `target` as a TTML time expression in the notation of `written` (clock
 * time, with frames or not; an offset in `h`, `m`, `s`, `ms`, `f` or `t`),
 * counted from `base`; undefined when no expression of that notation reads
 * back as `target` (a frame of another rate than the one it counts).
 */
export function ttmlTimeText(written: string, target: Ms, base: Rat, p: TimingParameters): string | undefined {
  const offset = target - (base.n * 1000) / base.d;
  if (offset <= -0.5) return undefined;
  const text = inNotation(written.trim(), Math.max(0, offset), p);
  if (text === undefined) return undefined;
  const read = parseTime(text, p) ?? parseLenientTime(text);
  return read !== undefined && toMs(add(base, read)) === target ? text : undefined;
}

/** The frames a TTML time expression counts, when it counts frames (`00:00:01:12`, `36f`). */
export function framesCounted(written: string, p: TimingParameters): FrameRate | undefined {
  const v = written.trim();
  return CLOCK.exec(v)?.[5] !== undefined || OFFSET.exec(v)?.[2] === 'f' ? effectiveRate(p) : undefined;
}
