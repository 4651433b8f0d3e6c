import type { Ms } from '../../model/track.js';
import { clockTime } from '../shared/clock-time.js';
import { isDigit } from '../shared/char-codes.js';

/** Why a timestamp could not be read; negative so it never collides with a time. */
export const TimestampError = {
  digit: -1,
  colon: -2,
  twoDigits: -3,
  dot: -4,
  threeDigits: -5,
  over59: -6,
  tooLarge: -7,
} as const;

/** Where a reader stands in a string; advanced by the functions that read from it. */
export interface Cursor {
  pos: number;
}

/** More hour digits than this cannot be a time in milliseconds without losing precision. */
const MAX_HOUR_DIGITS = 9;

/** Reads a run of ASCII digits; the count of digits read is `cursor.pos` moved. */
function digits(text: string, cursor: Cursor): number {
  let value = 0;
  let i = cursor.pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) break;
    value = value * 10 + (c - 0x30);
    i++;
  }
  cursor.pos = i;
  return value;
}

/**
 * The WebVTT "collect a timestamp" algorithm: `[hh:]mm:ss.ttt`, hours of any
 * length, minutes and seconds 00–59, exactly three fraction digits. Returns
 * milliseconds, or a negative `TimestampError` with `cursor.pos` at the fault.
 */
export function readTimestamp(text: string, cursor: Cursor): Ms {
  if (!isDigit(text.charCodeAt(cursor.pos))) return TimestampError.digit;
  let start = cursor.pos;
  let value1 = digits(text, cursor);
  const firstLength = cursor.pos - start;
  const hours = firstLength !== 2 || value1 > 59;
  if (firstLength > MAX_HOUR_DIGITS) {
    cursor.pos = start;
    return TimestampError.tooLarge;
  }
  if (text.charCodeAt(cursor.pos) !== 0x3a) return TimestampError.colon;
  cursor.pos++;
  start = cursor.pos;
  let value2 = digits(text, cursor);
  if (cursor.pos - start !== 2) return TimestampError.twoDigits;
  let value3: number;
  if (hours || text.charCodeAt(cursor.pos) === 0x3a) {
    if (text.charCodeAt(cursor.pos) !== 0x3a) return TimestampError.colon;
    cursor.pos++;
    start = cursor.pos;
    value3 = digits(text, cursor);
    if (cursor.pos - start !== 2) return TimestampError.twoDigits;
  } else {
    value3 = value2;
    value2 = value1;
    value1 = 0;
  }
  if (text.charCodeAt(cursor.pos) !== 0x2e) return TimestampError.dot;
  cursor.pos++;
  start = cursor.pos;
  const fraction = digits(text, cursor);
  if (cursor.pos - start !== 3) return TimestampError.threeDigits;
  if (value2 > 59 || value3 > 59) {
    cursor.pos = start - 1;
    return TimestampError.over59;
  }
  return value1 * 3_600_000 + value2 * 60_000 + value3 * 1000 + fraction;
}

/** `HH:MM:SS.mmm`, hours always written and allowed past 99. */
export function formatTimestamp(ms: Ms): string {
  return clockTime(ms, '.');
}
