import { clockTime } from './clock-time.js';

/** 100 hours: from here on an hour takes more than two digits. */
const TWO_DIGIT_HOURS = 360_000_000;

const C0 = 0x30;

/**
 * `HH:MM:SS,mmm --> HH:MM:SS,mmm` and a line end (`separator` `.` for
 * WebVTT), for whole, non-negative milliseconds. A writer makes one a cue:
 * built from char codes it is one flat string, where joining the two
 * timestamps would make a dozen short strings for the collector and then
 * a flattening copy.
 */
export function timingLine(start: number, end: number, separator: number): string {
  if (start >= TWO_DIGIT_HOURS || end >= TWO_DIGIT_HOURS) {
    const s = String.fromCharCode(separator);
    return `${clockTime(start, s)} --> ${clockTime(end, s)}\n`;
  }
  const h1 = Math.floor(start / 3_600_000);
  const m1 = Math.floor(start / 60_000) % 60;
  const s1 = Math.floor(start / 1000) % 60;
  const f1 = start % 1000;
  const h2 = Math.floor(end / 3_600_000);
  const m2 = Math.floor(end / 60_000) % 60;
  const s2 = Math.floor(end / 1000) % 60;
  const f2 = end % 1000;
  return String.fromCharCode(
    C0 + Math.floor(h1 / 10), C0 + (h1 % 10), 0x3a, C0 + Math.floor(m1 / 10), C0 + (m1 % 10), 0x3a, C0 + Math.floor(s1 / 10), C0 + (s1 % 10),
    separator, C0 + Math.floor(f1 / 100), C0 + (Math.floor(f1 / 10) % 10), C0 + (f1 % 10),
    0x20, 0x2d, 0x2d, 0x3e, 0x20,
    C0 + Math.floor(h2 / 10), C0 + (h2 % 10), 0x3a, C0 + Math.floor(m2 / 10), C0 + (m2 % 10), 0x3a, C0 + Math.floor(s2 / 10), C0 + (s2 % 10),
    separator, C0 + Math.floor(f2 / 100), C0 + (Math.floor(f2 / 10) % 10), C0 + (f2 % 10),
    0x0a,
  );
}
