import type { FrameRate, Ms } from './track.js';

/** 24 fps: the rate a track is taken to be timed at when nothing says otherwise. */
export const FILM: Readonly<FrameRate> = Object.freeze({ numerator: 24, denominator: 1 });

const NAMED: Record<string, FrameRate> = {
  '23.976': { numerator: 24000, denominator: 1001 },
  '23.98': { numerator: 24000, denominator: 1001 },
  '24': { numerator: 24, denominator: 1 },
  '25': { numerator: 25, denominator: 1 },
  '29.97': { numerator: 30000, denominator: 1001 },
  '29.97df': { numerator: 30000, denominator: 1001, dropFrame: true },
  '30': { numerator: 30, denominator: 1 },
  '48': { numerator: 48, denominator: 1 },
  '50': { numerator: 50, denominator: 1 },
  '59.94': { numerator: 60000, denominator: 1001 },
  '59.94df': { numerator: 60000, denominator: 1001, dropFrame: true },
  '60': { numerator: 60, denominator: 1 },
};

/** Reads `24`, `23.976`, `29.97df`, `30000/1001`; undefined when it is none of these. */
export function parseFrameRate(text: string): FrameRate | undefined {
  const t = text.trim().toLowerCase();
  const named = NAMED[t];
  if (named) return { ...named };
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (fraction) {
    const numerator = Number(fraction[1]);
    const denominator = Number(fraction[2]);
    return numerator > 0 && denominator > 0 ? { numerator, denominator } : undefined;
  }
  if (/^\d+$/.test(t) && Number(t) > 0) return { numerator: Number(t), denominator: 1 };
  return undefined;
}

/** The whole number of frames a timecode counts per second (24 for 23.976). */
export function nominalFps(rate: FrameRate): number {
  return Math.round(rate.numerator / rate.denominator);
}

/**
 * The rate as a user types it (`24`, `23.976`, `29.97df`), read back by
 * `parseFrameRate` as the same rate; a fraction (`23976/1000`) where a
 * decimal would be read as another rate (`23.976` is 24000/1001).
 */
export function frameRateLabel(rate: FrameRate): string {
  const fps = rate.numerator / rate.denominator;
  const decimal = Number.isInteger(fps) ? String(fps) : fps.toFixed(3).replace(/\.?0+$/, '');
  const read = parseFrameRate(decimal);
  const label = read !== undefined && read.numerator * rate.denominator === rate.numerator * read.denominator ? decimal : `${rate.numerator}/${rate.denominator}`;
  return rate.dropFrame ? `${label}df` : label;
}

/** Nearest frame to a time: how writers land on the frame grid. */
export function msToFrames(ms: Ms, rate: FrameRate): number {
  return Math.round((ms * rate.numerator) / (rate.denominator * 1000));
}

/** Start of a frame, rounded to the millisecond: how readers leave the frame grid. */
export function framesToMs(frames: number, rate: FrameRate): Ms {
  return Math.round((frames * rate.denominator * 1000) / rate.numerator);
}

/**
 * A cue's first and last frame, each end on its nearest frame. A cue whose
 * ends round to one frame, or that lasts no time at all, is given one frame
 * (`extended`): no player shows a cue of no frames, and the DCP writers and
 * `deliver` show it for one.
 */
export function cueFrames(start: Ms, end: Ms, rate: FrameRate): { first: number; last: number; extended: boolean } {
  const first = msToFrames(start, rate);
  const last = msToFrames(end, rate);
  const extended = last <= first && end >= start;
  return { first, last: extended ? first + 1 : last, extended };
}

/** A cue's times as a writer puts them on the frame grid: each end on its nearest frame, one frame at least (`cueFrames`). */
export function cueOnFrames(start: Ms, end: Ms, rate: FrameRate): { start: Ms; end: Ms } {
  const { first, last } = cueFrames(start, end, rate);
  return { start: framesToMs(first, rate), end: framesToMs(last, rate) };
}

/** Snaps a time to the nearest frame boundary. */
export function snapToFrame(ms: Ms, rate: FrameRate): Ms {
  return framesToMs(msToFrames(ms, rate), rate);
}

/** Whether a drop-frame label is one drop-frame skips (`00:01:00;00`, `;01`): it names no frame. */
export function isSkippedLabel(m: number, s: number, f: number, rate: FrameRate): boolean {
  return s === 0 && m % 10 !== 0 && f < Math.round(nominalFps(rate) / 15);
}

/**
 * Frame count of a SMPTE drop-frame label. Drop-frame skips labels 0 and 1
 * (2 and 3 at 59.94) at the start of every minute except each tenth minute.
 */
export function dropFrameLabelToFrames(h: number, m: number, s: number, f: number, rate: FrameRate): number {
  const fps = nominalFps(rate);
  const drop = Math.round(fps / 15);
  const totalMinutes = h * 60 + m;
  return (totalMinutes * 60 + s) * fps + f - drop * (totalMinutes - Math.floor(totalMinutes / 10));
}

export function framesToDropFrameLabel(frames: number, rate: FrameRate): [number, number, number, number] {
  const fps = nominalFps(rate);
  const drop = Math.round(fps / 15);
  const perTenMinutes = fps * 600 - drop * 9;
  const perMinute = fps * 60 - drop;
  const tens = Math.floor(frames / perTenMinutes);
  const rest = frames % perTenMinutes;
  const extra = rest < drop ? 0 : drop * Math.floor((rest - drop) / perMinute);
  const label = frames + drop * 9 * tens + extra;
  const f = label % fps;
  const s = Math.floor(label / fps) % 60;
  const m = Math.floor(label / (fps * 60)) % 60;
  const h = Math.floor(label / (fps * 3600));
  return [h, m, s, f];
}

/** Drop-frame labels exist only at the 1000/1001 rates whose nominal rate is a multiple of 30 (29.97, 59.94). */
export function canDropFrames(rate: FrameRate): boolean {
  return rate.denominator === 1001 && nominalFps(rate) % 30 === 0;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The SMPTE label of a frame count: `HH:MM:SS:FF`, `HH:MM:SS;FF` at a drop-frame rate. */
export function formatTimecode(frames: number, rate: FrameRate): string {
  if (rate.dropFrame && canDropFrames(rate)) {
    const [h, m, s, f] = framesToDropFrameLabel(frames, rate);
    return `${two(h)}:${two(m)}:${two(s)};${two(f)}`;
  }
  const fps = nominalFps(rate);
  const f = frames % fps;
  const seconds = Math.floor(frames / fps);
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}:${two(f)}`;
}
