import { COLON, GT, LF, MINUS, SPACE, ZERO } from './char-codes.js';
import { clockTime } from './clock-time.js';

/** 100 hours: from here on an hour takes more than two digits. */
const TWO_DIGIT_HOURS = 360_000_000;

/** Longest label copied code by code: `apply` passes every code as an argument. */
const MAX_LABEL = 64;

/**
 * Char codes of a head being built, one array for each length: an array
 * passed to `String.fromCharCode.apply` must be exactly as long as the head.
 */
const scratch: number[][] = [];

/**
 * A cue's head as one flat string: `breaks` line ends (what ends the
 * previous cue), `label` and a line end unless `label` is '' (SRT's cue
 * number, a WebVTT id), then `HH:MM:SS,mmm --> HH:MM:SS,mmm` and a line end
 * (`separator` `.` for WebVTT), for whole, non-negative milliseconds.
 * Built from char codes in one call, where joining the pieces would make a
 * dozen short strings for the collector and then a flattening copy.
 */
export function cueHead(breaks: number, label: string, start: number, end: number, separator: number): string {
  if (start >= TWO_DIGIT_HOURS || end >= TWO_DIGIT_HOURS || label.length > MAX_LABEL) {
    const s = String.fromCharCode(separator);
    return `${'\n'.repeat(breaks)}${label}${label === '' ? '' : '\n'}${clockTime(start, s)} --> ${clockTime(end, s)}\n`;
  }
  const length = breaks + label.length + (label === '' ? 0 : 1) + 30;
  const codes = (scratch[length] ??= new Array<number>(length).fill(0));
  let p = 0;
  while (p < breaks) codes[p++] = LF;
  if (label !== '') {
    for (let i = 0; i < label.length; i++) codes[p++] = label.charCodeAt(i);
    codes[p++] = LF;
  }
  p = clock(codes, p, start, separator);
  codes[p++] = SPACE;
  codes[p++] = MINUS;
  codes[p++] = MINUS;
  codes[p++] = GT;
  codes[p++] = SPACE;
  p = clock(codes, p, end, separator);
  codes[p] = LF;
  return String.fromCharCode.apply(null, codes);
}

/** `HH:MM:SS,mmm` into `codes` from `p`; returns where it ends. `| 0` keeps the arithmetic on integers. */
function clock(codes: number[], p: number, ms: number, separator: number): number {
  const h = (ms / 3_600_000) | 0;
  const m = ((ms / 60_000) | 0) % 60;
  const s = ((ms / 1000) | 0) % 60;
  const f = ms % 1000;
  codes[p] = ZERO + ((h / 10) | 0);
  codes[p + 1] = ZERO + (h % 10);
  codes[p + 2] = COLON;
  codes[p + 3] = ZERO + ((m / 10) | 0);
  codes[p + 4] = ZERO + (m % 10);
  codes[p + 5] = COLON;
  codes[p + 6] = ZERO + ((s / 10) | 0);
  codes[p + 7] = ZERO + (s % 10);
  codes[p + 8] = separator;
  codes[p + 9] = ZERO + ((f / 100) | 0);
  codes[p + 10] = ZERO + (((f / 10) | 0) % 10);
  codes[p + 11] = ZERO + (f % 10);
  return p + 12;
}
