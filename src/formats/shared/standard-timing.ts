import type { Ms } from '../../model/track.js';
import { COLON, GT, MINUS, SPACE, ZERO } from './char-codes.js';

/** Length of `HH:MM:SS,mmm --> HH:MM:SS,mmm`. */
export const STANDARD_TIMING_LENGTH = 29;

const DIGIT_POSITIONS = new Uint8Array([0, 1, 3, 4, 6, 7, 9, 10, 11, 17, 18, 20, 21, 23, 24, 26, 27, 28]);

function d2(s: string, i: number): number {
  return (s.charCodeAt(i) - ZERO) * 10 + s.charCodeAt(i + 1) - ZERO;
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
  for (let k = 0; k < DIGIT_POSITIONS.length; k++) {
    const c = s.charCodeAt(o + DIGIT_POSITIONS[k]!);
    if (c < 0x30 || c > 0x39) return false;
  }
  const m1 = d2(s, o + 3);
  const s1 = d2(s, o + 6);
  const m2 = d2(s, o + 20);
  const s2 = d2(s, o + 23);
  if (m1 > 59 || s1 > 59 || m2 > 59 || s2 > 59) return false;
  out.start = ((d2(s, o) * 60 + m1) * 60 + s1) * 1000 + d2(s, o + 9) * 10 + s.charCodeAt(o + 11) - ZERO;
  out.end = ((d2(s, o + 17) * 60 + m2) * 60 + s2) * 1000 + d2(s, o + 26) * 10 + s.charCodeAt(o + 28) - ZERO;
  return true;
}
