import type { Ms } from '../../model/track.js';
import { COLON, GT, MINUS, SPACE, ZERO } from './char-codes.js';

/** Length of `HH:MM:SS,mmm --> HH:MM:SS,mmm`. */
export const STANDARD_TIMING_LENGTH = 29;

/** Two decimal digits at `i` as a number, or -1 when either is no digit. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - ZERO;
  const b = s.charCodeAt(i + 1) - ZERO;
  // `>>> 0` turns a negative difference into a huge one: one comparison tells a digit.
  return a >>> 0 <= 9 && b >>> 0 <= 9 ? a * 10 + b : -1;
}

/** Where the standard reading of a timing line puts its times. */
export interface Times {
  start: Ms;
  end: Ms;
}

/**
 * `HH:MM:SS,mmm --> HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm --> HH:MM:SS.mmm`
 * (WebVTT, `separator` `.`) at `from`, the shape of nearly every timing
 * line, read in place into `out`: no string is cut out of the text. False
 * for anything else, which the format's own reader then reads; what
 * follows the 29 characters is the caller's to judge.
 */
export function readStandardTiming(text: string, from: number, separator: number, out: Times): boolean {
  const s = text;
  const o = from;
  if (o + STANDARD_TIMING_LENGTH > s.length) return false;
  if (s.charCodeAt(o + 2) !== COLON || s.charCodeAt(o + 5) !== COLON || s.charCodeAt(o + 8) !== separator) return false;
  if (s.charCodeAt(o + 19) !== COLON || s.charCodeAt(o + 22) !== COLON || s.charCodeAt(o + 25) !== separator) return false;
  if (s.charCodeAt(o + 12) !== SPACE || s.charCodeAt(o + 13) !== MINUS || s.charCodeAt(o + 14) !== MINUS || s.charCodeAt(o + 15) !== GT || s.charCodeAt(o + 16) !== SPACE) return false;
  // Each character is read once: as a digit, the reading tells whether it is one.
  const h1 = d2(s, o);
  const m1 = d2(s, o + 3);
  const s1 = d2(s, o + 6);
  const f1 = d2(s, o + 9);
  const g1 = s.charCodeAt(o + 11) - ZERO;
  const h2 = d2(s, o + 17);
  const m2 = d2(s, o + 20);
  const s2 = d2(s, o + 23);
  const f2 = d2(s, o + 26);
  const g2 = s.charCodeAt(o + 28) - ZERO;
  if ((h1 | f1 | h2 | f2) < 0 || g1 >>> 0 > 9 || g2 >>> 0 > 9) return false;
  // A non-digit reads as -1, which these bounds also refuse.
  if (m1 >>> 0 > 59 || s1 >>> 0 > 59 || m2 >>> 0 > 59 || s2 >>> 0 > 59) return false;
  out.start = ((h1 * 60 + m1) * 60 + s1) * 1000 + f1 * 10 + g1;
  out.end = ((h2 * 60 + m2) * 60 + s2) * 1000 + f2 * 10 + g2;
  return true;
}
