import type { Ms } from '../../model/track.js';
import { excerpt } from '../shared/excerpt.js';
import { readStandardTiming, STANDARD_TIMING_LENGTH, type Times } from '../shared/standard-timing.js';
import { COLON, COMMA, DOT, GT, isDigit, MINUS, NBSP, SEMICOLON, SPACE, TAB, ZERO } from '../shared/char-codes.js';

/**
 * Largest hour value read. SRT has no limit of its own; beyond about 416
 * days a time is a typo or garbage, and refusing it keeps the arithmetic
 * exact and the message clear.
 */
export const MAX_HOURS = 9999;

// Recoveries, as bits so a well-formed line costs nothing but the check.
export const DECIMAL_POINT = 1;
export const SHORT_FRACTION = 2;
export const NO_FRACTION = 4;
export const NO_HOURS = 8;
export const SHORT_HOURS = 16;
export const FIELD_WIDTH = 32;
export const FIELD_OVERFLOW = 64;
export const ARROW_VARIANT = 128;
/** `HH:MM:SS:FF`: two digits after a third `:`, frames as broadcast tools write them, left for the reader to count at its rate. */
export const FRAMES = 256;
/** `HH:MM:SS;FF`: a `;` before the frames, the SMPTE notation of a drop-frame label (with FRAMES). */
export const DROP_FRAME_LABEL = 512;

export interface Timing {
  ok: true;
  start: Ms;
  end: Ms;
  /** Recovery bits; 0 for a standard line. */
  flags: number;
  /** The separator found before milliseconds when it was not `,`. */
  separator: string;
  /** The arrow as found, when it was not `-->`. */
  arrow: string;
  /** Text after the end time, trimmed. */
  rest: string;
  /** The frame field of the start and end time when it is one (FRAMES), else -1; `start` and `end` hold the whole seconds then. */
  startFrame: number;
  endFrame: number;
  /** Where the start and the end time stand in the line: `line.slice(startAt, startTo)`. */
  startAt: number;
  startTo: number;
  endAt: number;
  endTo: number;
}

export type TimingProblem = 'negative' | 'out-of-range' | 'invalid';

export interface TimingError {
  ok: false;
  problem: TimingProblem;
  /** What is wrong, for the message. */
  reason: string;
}

/** White space inside an SRT line: space, tab and no-break space. */
export function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === NBSP;
}

/** Reads one timestamp from a position; the lenient half of the timing line. */
class Scanner {
  pos = 0;
  flags = 0;
  separator = '';
  /** The frame field of the last time read, or -1. */
  frame = -1;
  /** Where the last time read starts. */
  from = 0;
  problem: TimingProblem | undefined;
  reason = '';

  constructor(readonly s: string) {}

  fail(problem: TimingProblem, reason: string): number {
    if (this.problem === undefined) {
      this.problem = problem;
      this.reason = reason;
    }
    return -1;
  }

  /** Digits from `pos`: [value, count]. A long run is kept whole so the range check sees it. */
  private digits(): [number, number] {
    const s = this.s;
    const from = this.pos;
    let value = 0;
    while (this.pos < s.length && isDigit(s.charCodeAt(this.pos))) {
      value = value * 10 + s.charCodeAt(this.pos) - ZERO;
      this.pos++;
    }
    return [value, this.pos - from];
  }

  /** Two digits after `;`, taken as the frame field; anything else is left for the `unexpected` message. */
  private dropFrameField(fields: Array<[number, number]>): void {
    const at = this.pos;
    this.pos++;
    const frame = this.digits();
    if (frame[1] !== 2) {
      this.pos = at;
      return;
    }
    fields.push(frame);
    this.flags |= DROP_FRAME_LABEL;
  }

  timestamp(which: 'start' | 'end'): Ms {
    const s = this.s;
    const from = this.pos;
    this.from = from;
    let negative = false;
    if (s.charCodeAt(this.pos) === MINUS && isDigit(s.charCodeAt(this.pos + 1))) {
      negative = true;
      this.pos++;
    }
    if (!isDigit(s.charCodeAt(this.pos))) return this.fail('invalid', `no ${which} time`);
    const fields: Array<[number, number]> = [this.digits()];
    while (fields.length < 4 && s.charCodeAt(this.pos) === COLON && isDigit(s.charCodeAt(this.pos + 1))) {
      this.pos++;
      fields.push(this.digits());
    }
    if (fields.length === 3 && s.charCodeAt(this.pos) === SEMICOLON) this.dropFrameField(fields);
    let fraction: [number, number] | undefined;
    const sep = s.charCodeAt(this.pos);
    this.frame = -1;
    if (fields.length === 4) {
      fraction = fields.pop()!;
      if (fraction[1] === 2) {
        this.frame = fraction[0];
        this.flags |= FRAMES;
        fraction = undefined;
      } else {
        // `HH:MM:SS:mmm`: a colon where the comma belongs.
        this.flags |= DECIMAL_POINT;
        this.separator = ':';
      }
    } else if (sep === COMMA || sep === DOT) {
      this.pos++;
      fraction = this.digits();
      if (sep === DOT) {
        this.flags |= DECIMAL_POINT;
        this.separator = '.';
      }
    }
    const text = s.slice(from, this.pos);
    if (fields.length < 2) return this.fail('invalid', `the ${which} time \`${excerpt(text)}\` has no \`:\``);
    const next = s.charCodeAt(this.pos);
    if (this.pos < s.length && !isSpace(next) && !(which === 'start' && (next === MINUS || next === GT || next === 0x2013 || next === 0x2014))) {
      return this.fail('invalid', `unexpected \`${s[this.pos]}\` after the ${which} time \`${excerpt(text)}\``);
    }

    let hours = 0;
    let minutes: [number, number];
    let seconds: [number, number];
    if (fields.length === 3) {
      const h = fields[0]!;
      hours = h[0];
      minutes = fields[1]!;
      seconds = fields[2]!;
      if (h[1] === 1) this.flags |= SHORT_HOURS;
    } else {
      this.flags |= NO_HOURS;
      minutes = fields[0]!;
      seconds = fields[1]!;
    }
    if (minutes[1] !== 2 || seconds[1] !== 2) this.flags |= FIELD_WIDTH;
    if ((fields.length === 3 && minutes[0] > 59) || seconds[0] > 59) this.flags |= FIELD_OVERFLOW;

    let ms = 0;
    // Frames are the reader's to count, at the rate it knows (or it says it knows none).
    if (this.frame < 0) {
      if (fraction === undefined || fraction[1] === 0) this.flags |= NO_FRACTION;
      else if (fraction[1] > 3) return this.fail('invalid', `the ${which} time \`${excerpt(text)}\` has ${fraction[1]} digits after the separator; expected at most 3 (milliseconds)`);
      else {
        if (fraction[1] < 3) this.flags |= SHORT_FRACTION;
        ms = fraction[0] * (fraction[1] === 1 ? 100 : fraction[1] === 2 ? 10 : 1);
      }
    }

    const total = hours * 3600 + minutes[0] * 60 + seconds[0];
    if (hours > MAX_HOURS || total / 3600 > MAX_HOURS + 1) return this.fail('out-of-range', `the ${which} time \`${excerpt(text)}\` is beyond ${MAX_HOURS} hours`);
    if (negative) return this.fail('negative', `the ${which} time \`${excerpt(text)}\` is negative`);
    return total * 1000 + ms;
  }

  spaces(): void {
    while (this.pos < this.s.length && isSpace(this.s.charCodeAt(this.pos))) this.pos++;
  }
}

function isArrowChar(c: number): boolean {
  return c === MINUS || c === GT || c === 0x2013 || c === 0x2014 || c === 0x3d || isSpace(c);
}

/**
 * Reads a timing line leniently: `,` or `.` (or `:`) before 1-3 digits of
 * milliseconds or none, two digits after a third `:` (or a `;`, drop-frame) as frames (`startFrame`, `endFrame`), 1-digit or missing hours, arrow variants such as
 * `->` or `- ->`, extra spaces, and anything after the end time (kept in
 * `rest` for the caller to judge).
 */
export function parseTiming(line: string): Timing | TimingError {
  const times: Times = { start: 0, end: 0 };
  if (line.length === STANDARD_TIMING_LENGTH && readStandardTiming(line, 0, COMMA, times)) {
    return { ok: true, start: times.start, end: times.end, flags: 0, separator: '', arrow: '', rest: '', startFrame: -1, endFrame: -1, startAt: 0, startTo: 12, endAt: 17, endTo: STANDARD_TIMING_LENGTH };
  }

  const sc = new Scanner(line);
  sc.spaces();
  const start = sc.timestamp('start');
  if (sc.problem !== undefined && sc.problem === 'invalid') return { ok: false, problem: sc.problem, reason: sc.reason };
  const startFrame = sc.frame;
  const [startAt, startTo] = [sc.from, sc.pos];
  sc.spaces();

  const arrowFrom = sc.pos;
  while (sc.pos < line.length && isArrowChar(line.charCodeAt(sc.pos))) sc.pos++;
  // `--> -00:00:01,000`: the last `-` is the end time's sign, not part of the arrow.
  if (sc.pos > arrowFrom && line.charCodeAt(sc.pos - 1) === MINUS && isDigit(line.charCodeAt(sc.pos)) && line.slice(arrowFrom, sc.pos).includes('>')) sc.pos--;
  const arrow = line.slice(arrowFrom, sc.pos).trim();
  if (!arrow.includes('>')) {
    return { ok: false, problem: 'invalid', reason: arrow === '' ? 'expected `-->` after the start time, found nothing' : `expected \`-->\` between the times, found \`${excerpt(arrow)}\`` };
  }
  let flags = 0;
  if (arrow !== '-->') flags |= ARROW_VARIANT;
  if (sc.pos >= line.length) return { ok: false, problem: 'invalid', reason: 'no end time' };

  const end = sc.timestamp('end');
  if (sc.problem !== undefined) return { ok: false, problem: sc.problem, reason: sc.reason };
  return { ok: true, start, end, flags: flags | sc.flags, separator: sc.separator, arrow, rest: line.slice(sc.pos).trim(), startFrame, endFrame: sc.frame, startAt, startTo, endAt: sc.from, endTo: sc.pos };
}

/**
 * A line that was meant as a timing line even if it cannot be read as one:
 * it starts with a time or an arrow and holds an arrow. Used to tell a
 * broken timing line from cue text.
 */
export function looksLikeTiming(line: string): boolean {
  let i = 0;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  const c = line.charCodeAt(i);
  const startsRight = isDigit(c) || (c === MINUS && (isDigit(line.charCodeAt(i + 1)) || line.charCodeAt(i + 1) === MINUS || line.charCodeAt(i + 1) === GT));
  return startsRight && (line.includes('->') || line.includes('\u2013>') || line.includes('\u2014>'));
}

/** Whether the reader would take this line for a timing line, good or broken. */
export function isTimingLike(line: string): boolean {
  return looksLikeTiming(line) || parseTiming(line).ok;
}
