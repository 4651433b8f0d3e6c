import { diagnostic } from '../../model/diagnostic.js';
import { dropFrameLabelToFrames, framesToMs, isSkippedLabel, nominalFps } from '../../model/frame-rate.js';
import type { Cue, FrameRate, Span } from '../../model/track.js';
import { isWhiteSpaceCode } from '../../model/white-space.js';
import type { CueTimeFields, ParseOptions, ParseResult } from '../types.js';
import { IdRecorder, idNumber, settleCueIds } from '../shared/cue-ids.js';
import { Finder } from '../shared/finder.js';
import { keepShapes } from '../shared/keep-shapes.js';
import { LineSource } from '../shared/line-source.js';
import { readStandardTiming, STANDARD_TIMING_LENGTH, type Times } from '../shared/standard-timing.js';
import { CueText } from './cue-text.js';
import { messages } from './messages.js';
import { Reporter } from './reporter.js';
import { srtTimeField } from './time-field.js';
import {
  ARROW_VARIANT,
  DECIMAL_POINT,
  DROP_FRAME_LABEL,
  FIELD_OVERFLOW,
  FIELD_WIDTH,
  FRAMES,
  isSpace,
  looksLikeTiming,
  MAX_HOURS,
  NO_FRACTION,
  NO_HOURS,
  parseTiming,
  SHORT_FRACTION,
  SHORT_HOURS,
  type Timing,
  type TimingError,
} from './timing.js';
import { GT, LT, SLASH } from '../shared/char-codes.js';

// What the reader expects next.
const BETWEEN = 0; // a cue number or timing line, after blank lines
const TEXT = 1; // text of the current cue
const SKIP = 2; // the rest of a block whose cue was dropped

/** Whether `text[from..to)` is all white space. */
function isBlankAt(text: string, from: number, to: number): boolean {
  if (from === to) return true;
  // Only a line that starts with white space can be all white space.
  return isWhiteSpaceCode(text.charCodeAt(from)) && text.slice(from, to).trim() === '';
}

function isBlank(line: string): boolean {
  return isBlankAt(line, 0, line.length);
}

/** Whether `text[from..to)` is a cue-number line: digits, maybe with spaces around. */
function isIndexAt(text: string, from: number, to: number): boolean {
  let a = from;
  let b = to;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  if (a === b) return false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The digits of a cue-number line, or undefined when the line is anything else. */
function indexText(line: string): string | undefined {
  if (!isIndexAt(line, 0, line.length)) return undefined;
  let a = 0;
  let b = line.length;
  while (isSpace(line.charCodeAt(a))) a++;
  while (isSpace(line.charCodeAt(b - 1))) b--;
  return a === 0 && b === line.length ? line : line.slice(a, b);
}

/** Longest cue number read as a number in place; longer ones take the general path. */
const QUICK_INDEX_DIGITS = 9;

function startsLikeTimeAt(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  const c = i < to ? text.charCodeAt(i) : 0;
  return (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

function startsLikeTime(line: string): boolean {
  return startsLikeTimeAt(line, 0, line.length);
}

/** Whether a line ending at `end` may end in white space, which only `trimEnd` can tell. */
function mayEndInSpace(text: string, end: number): boolean {
  const c = text.charCodeAt(end - 1);
  return c <= 0x20 || c === 0xa0 || c === 0x3000;
}

/**
 * One pass over the lines with a three-state machine, recovering the way
 * Subtitle Edit does: a timing line (with or without its number) starts a
 * cue wherever it appears; a blank line ends the text unless more text
 * follows before the next cue number or timing line.
 */
class SrtReader {
  readonly report = new Reporter();
  readonly cues: Cue[] = [];
  /** Per cue: the line of its number (of its timing line when it has none), and whether the file numbered it. */
  readonly ids = new IdRecorder();
  private state = BETWEEN;
  // The current cue, built into one object literal at its end: nearly every
  // cue is one or two lines of one span each, kept as spans until then,
  // which saves most of the allocation work on 100,000-cue files.
  private cueId = '';
  private cueStart = 0;
  private cueEnd = 0;
  /** The current cue's id as a number, or -1 (see `idNumber`). */
  private cueNumber = -1;
  /** Input line (1-based) of the current cue's timing line. */
  private cueLine = 0;
  /** Input line (1-based) of the current cue's number, and whether it has one. */
  private idLine = 0;
  private idGiven = false;
  private first: Span | undefined;
  private second: Span | undefined;
  /** The lines once the cue is more than two lines of one span. */
  private lines: Span[][] | undefined;
  /** The cue's markup, once a line of it has any: `cueText` started for the cue. */
  private markup: CueText | undefined;
  private readonly cueText = new CueText(this.report);
  /** The last cue number read, or the one a missing number stood for. */
  private lastIndex: number | undefined;
  /** The last cue number as written, which is the id it gives. */
  private lastIndexText = '';
  private readonly times: Times = { start: 0, end: 0 };
  /** `<`, `{`, `&`, U+2028 and U+2029: where markup may start. */
  private readonly specials: Finder;
  /** What the file wrote before the frames of the timecode labels read, `;` once any label had it; '' for none. */
  labels: '' | ':' | ';' = '';
  /** Where each cue's times stand, when the caller asked (`locate`). */
  readonly timeFields: CueTimeFields[] = [];
  private cueTimes: CueTimeFields = { start: undefined, end: undefined };

  constructor(
    private readonly rows: LineSource,
    /** The rate `HH:MM:SS:FF` frames are counted at, when the caller knows it. */
    private readonly rate: FrameRate | undefined,
    private readonly locate = false,
  ) {
    this.specials = new Finder(rows.text, ['<', '{', '&', '\u2028', '\u2029']);
  }

  run(): void {
    const rows = this.rows;
    for (let i = 0; rows.has(i); i++) {
      if (this.state === BETWEEN) {
        if (rows.start(i) === rows.end(i)) continue;
        if (this.standardBlock(i)) {
          i++;
          continue;
        }
      }
      if (this.state === TEXT) {
        i = this.textLine(i);
        continue;
      }
      const line = rows.get(i)!;
      if (isBlank(line)) this.state = BETWEEN;
      else if (this.state === SKIP) i = this.skipLine(line, i);
      else i = this.blockStart(line, i);
    }
    if (this.state === TEXT) this.endCue();
  }

  /**
   * A cue number (digits alone) and a standard timing line at row `i`, read
   * in place: the shape of nearly every block. False leaves the rows to the
   * general path.
   */
  private standardBlock(i: number): boolean {
    const { rows, times } = this;
    const { text } = rows;
    if (!rows.has(i + 1)) return false;
    const from = rows.start(i);
    const to = rows.end(i);
    if (to - from > QUICK_INDEX_DIGITS) return false;
    let n = 0;
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c < 0x30 || c > 0x39) return false;
      n = n * 10 + c - 0x30;
    }
    const timing = rows.start(i + 1);
    if (rows.end(i + 1) - timing !== STANDARD_TIMING_LENGTH || !readStandardTiming(text, timing, 0x2c, times) || times.end <= times.start) return false;
    // Without leading zeros `String(n)` is the same text, and one-byte even when the file is two-byte (CJK).
    const plain = text.charCodeAt(from) !== 0x30 || to - from === 1;
    const id = plain ? String(n) : text.slice(from, to);
    this.noteIndex(n, id, i);
    this.idLine = i + 1;
    this.idGiven = true;
    if (this.locate) this.locateTimes(timing, { startAt: 0, startTo: 12, endAt: 17, endTo: STANDARD_TIMING_LENGTH, startFrame: -1, endFrame: -1 });
    this.openCue(id, plain ? n : -1, times.start, times.end, i + 2);
    return true;
  }

  /** Each handler returns the row of the last line it consumed. */
  private textLine(i: number): number {
    const { rows } = this;
    const from = rows.start(i);
    const to = rows.end(i);
    if (isBlankAt(rows.text, from, to)) {
      let j = i + 1;
      while (rows.has(j) && isBlankAt(rows.text, rows.start(j), rows.end(j))) j++;
      if (!rows.has(j) || this.startsBlock(j)) {
        this.endCue();
        this.state = BETWEEN;
        return j - 1;
      }
      const lines = this.general();
      if (lines.length === 0) {
        this.report.add(messages.blankLineAfterTiming(), { line: i + 1, cueId: this.cueId });
      } else {
        this.report.add(messages.blankLineInText(), { line: i + 1, cueId: this.cueId });
        for (let k = i; k < j; k++) lines.push([]);
      }
      return j - 1;
    }
    if (startsLikeTimeAt(rows.text, from, to)) {
      const line = rows.get(i)!;
      const index = indexText(line);
      if (index !== undefined) {
        const next = rows.get(i + 1);
        const t = next === undefined ? undefined : parseTiming(next);
        if (t?.ok) {
          this.report.add(messages.missingBlankLine(line), { line: i + 1, cueId: this.cueId });
          this.endCue();
          this.startCue(t, i + 1, index, i, true);
          return i + 1;
        }
      } else {
        const t = parseTiming(line);
        if (t.ok) {
          this.report.add(messages.missingBlankLine(line), { line: i + 1, cueId: this.cueId });
          this.endCue();
          this.startCue(t, i, undefined, i, true);
          return i;
        }
        if (looksLikeTiming(line)) {
          this.endCue();
          this.timingError(t, i);
          this.state = SKIP;
          return i;
        }
      }
    }
    this.addText(i);
    return i;
  }

  /** After blank lines: does row `j` begin a new cue rather than continue the text? */
  private startsBlock(j: number): boolean {
    const { rows } = this;
    if (isIndexAt(rows.text, rows.start(j), rows.end(j))) return true;
    const line = rows.get(j)!;
    if (looksLikeTiming(line)) return true;
    if (startsLikeTime(line) && parseTiming(line).ok) return true;
    const next = this.rows.get(j + 1);
    return next !== undefined && startsLikeTime(next) && parseTiming(next).ok;
  }

  private skipLine(line: string, i: number): number {
    const index = indexText(line);
    if (index !== undefined) {
      const next = this.rows.get(i + 1);
      const t = next === undefined ? undefined : parseTiming(next);
      if (t?.ok) {
        this.startCue(t, i + 1, index, i, false);
        return i + 1;
      }
      return i;
    }
    if (startsLikeTime(line)) {
      const t = parseTiming(line);
      if (t.ok) this.startCue(t, i, undefined, i, false);
    }
    return i;
  }

  private blockStart(line: string, i: number): number {
    const rows = this.rows;
    const next = rows.get(i + 1);
    const index = indexText(line);
    if (index !== undefined) {
      if (next === undefined || isBlank(next)) {
        let j = i + 1;
        let ahead = rows.get(j);
        while (ahead !== undefined && isBlank(ahead)) ahead = rows.get(++j);
        this.report.add(ahead === undefined ? messages.unexpectedEnd(index) : messages.strayNumber(index), { line: i + 1 });
        return i;
      }
      const t = parseTiming(next);
      if (t.ok) {
        this.startCue(t, i + 1, index, i, false);
        return i + 1;
      }
      this.noteIndex(Number(index), index, i);
      if (looksLikeTiming(next)) this.timingError(t, i + 1);
      else this.report.add(messages.missingTiming(index, next), { line: i + 2 });
      this.state = SKIP;
      return i + 1;
    }
    const t = parseTiming(line);
    if (t.ok) {
      this.startCue(t, i, undefined, i, false);
      return i;
    }
    if (looksLikeTiming(line)) {
      this.timingError(t, i);
      this.state = SKIP;
      return i;
    }
    if (next !== undefined) {
      const tn = parseTiming(next);
      if (tn.ok || looksLikeTiming(next)) {
        this.report.add(messages.invalidIndex(line), { line: i + 1 });
        if (tn.ok) this.startCue(tn, i + 1, undefined, i + 1, true);
        else {
          this.timingError(tn, i + 1);
          this.state = SKIP;
        }
        return i + 1;
      }
    }
    this.report.add(messages.unexpectedText(line), { line: i + 1 });
    this.state = SKIP;
    return i;
  }

  private noteIndex(n: number, index: string, row: number): void {
    if (this.lastIndex === undefined) {
      if (n === 0) this.report.add(messages.zeroBasedIndex(), { line: row + 1, cueId: index });
    } else if (n !== this.lastIndex + 1 && index !== this.lastIndexText) {
      // The same number again is said by the repeated-number warning.
      this.report.add(messages.indexOutOfOrder(index, this.lastIndex + 1), { line: row + 1, cueId: index });
    }
    this.lastIndex = n;
    this.lastIndexText = index;
  }

  /**
   * `index` is the cue number when the file gave one; `quiet` skips the
   * missing-number warning when another warning already covers the line.
   */
  private startCue(t: Timing, row: number, index: string | undefined, indexRow: number, quiet: boolean): void {
    const line = row + 1;
    const timing = this.rows.get(row)!;
    if (index !== undefined) this.noteIndex(Number(index), index, indexRow);
    else {
      if (!quiet) this.report.add(messages.missingIndex(timing), { line });
      this.lastIndex = (this.lastIndex ?? 0) + 1;
    }
    const number = index === undefined ? this.cues.length + 1 : idNumber(index);
    const id = index ?? String(number);
    this.idLine = index === undefined ? line : indexRow + 1;
    this.idGiven = index !== undefined;
    let { start, end } = t;
    if (t.flags & FRAMES) {
      const { rate } = this;
      // A drop-frame label read at another rate is off by 3.6 s an hour: not guessed either.
      if (t.flags & DROP_FRAME_LABEL && rate?.dropFrame !== true) {
        this.report.addOnce(messages.dropFrameLabel(timing, rate), { line, cueId: id });
        this.state = SKIP;
        return;
      }
      // Frames without their rate are a time off by up to a second (`:24` is 960 ms at 25 fps, not 240): not guessed.
      if (rate === undefined) {
        this.report.addOnce(messages.framesWithoutRate(timing), { line, cueId: id });
        this.state = SKIP;
        return;
      }
      if (t.startFrame >= 0) start = labelTime(start, t.startFrame, rate);
      if (t.endFrame >= 0) end = labelTime(end, t.endFrame, rate);
      if (this.labels !== ';') this.labels = t.flags & DROP_FRAME_LABEL ? ';' : ':';
    }
    if (end < start) {
      this.report.add(messages.endBeforeStart(timing), { line, cueId: id });
      this.state = SKIP;
      return;
    }
    if (t.flags !== 0 || t.rest !== '' || end === start) this.reportRecoveries(t, end === start, timing, { line, cueId: id });
    if (this.locate) this.locateTimes(this.rows.start(row), t);
    this.openCue(id, number, start, end, line);
  }

  /** The times of the timing line at `at`, where `t` found them. */
  private locateTimes(at: number, t: Pick<Timing, 'startAt' | 'startTo' | 'endAt' | 'endTo' | 'startFrame' | 'endFrame'>): void {
    const { text } = this.rows;
    this.cueTimes = {
      start: [srtTimeField(text, at + t.startAt, at + t.startTo, 'start', t.startFrame >= 0 ? this.rate : undefined)],
      end: [srtTimeField(text, at + t.endAt, at + t.endTo, 'end', t.endFrame >= 0 ? this.rate : undefined)],
    };
  }

  /** `number`: the id as a number, or -1; `line`: the 1-based input line of the timing line. */
  private openCue(id: string, number: number, start: number, end: number, line: number): void {
    this.cueId = id;
    this.cueNumber = number;
    this.cueStart = start;
    this.cueEnd = end;
    this.cueLine = line;
    this.markup = undefined;
    this.state = TEXT;
  }

  private reportRecoveries(t: Timing, zeroDuration: boolean, timing: string, at: { line: number; cueId: string }): void {
    if (t.rest !== '') {
      if (t.rest.slice(0, 2).toUpperCase() === 'X1') this.report.addOnce(messages.coordinates(t.rest), at);
      else this.report.addOnce(messages.trailingText(t.rest), at);
    }
    if (zeroDuration) this.report.add(messages.zeroDuration(timing), at);
    const f = t.flags;
    if (f & FRAMES) {
      const rate = this.rate!;
      this.report.addOnce(messages.frames(timing, rate), at);
      const frame = Math.max(t.startFrame, t.endFrame);
      if (frame >= nominalFps(rate)) this.report.addOnce(messages.frameOverflow(timing, frame, rate), at);
      if (skippedLabel(t.start, t.startFrame, rate) || skippedLabel(t.end, t.endFrame, rate)) this.report.addOnce(messages.skippedLabel(timing, rate), at);
    }
    if (f & DECIMAL_POINT) this.report.addOnce(messages.decimalPoint(timing, t.separator), at);
    if (f & SHORT_FRACTION) this.report.addOnce(messages.shortFraction(timing), at);
    if (f & NO_FRACTION) this.report.addOnce(messages.missingMilliseconds(timing), at);
    if (f & NO_HOURS) this.report.addOnce(messages.missingHours(timing), at);
    if (f & SHORT_HOURS) this.report.addOnce(messages.shortHours(timing), at);
    if (f & FIELD_WIDTH) this.report.addOnce(messages.fieldWidth(timing), at);
    if (f & FIELD_OVERFLOW) this.report.addOnce(messages.fieldOverflow(timing), at);
    if (f & ARROW_VARIANT) this.report.addOnce(messages.arrowVariant(timing, t.arrow), at);
  }

  private timingError(t: Timing | TimingError, row: number): void {
    if (t.ok) return;
    const found = this.rows.get(row)!;
    const at = { line: row + 1 };
    if (t.problem === 'negative') this.report.add(messages.negativeTime(found), at);
    else if (t.problem === 'out-of-range') this.report.add(messages.timeOutOfRange(found, MAX_HOURS), at);
    else this.report.add(messages.invalidTiming(found, t.reason), at);
  }

  /** The cue's lines as an array, for anything beyond two lines of one span. */
  private general(): Span[][] {
    if (this.lines === undefined) {
      this.lines = [];
      if (this.first !== undefined) this.lines.push([this.first]);
      if (this.second !== undefined) this.lines.push([this.second]);
      this.first = this.second = undefined;
    }
    return this.lines;
  }

  private addText(i: number): void {
    const { markup, rows } = this;
    const from = rows.start(i);
    const end = rows.end(i);
    const text = mayEndInSpace(rows.text, end) ? rows.get(i)!.trimEnd() : rows.text.slice(from, end);
    if (markup === undefined || markup.plain) {
      const s = this.hasMarkup(from, from + text.length) ? this.wholeLineTag(text, from) : { text };
      if (s !== undefined) {
        if (markup === undefined && this.lines === undefined) {
          if (this.first === undefined) {
            this.first = s;
            return;
          }
          if (this.second === undefined) {
            this.second = s;
            return;
          }
        }
        this.general().push([s]);
        return;
      }
    }
    (this.markup ??= this.cueText.start(this.cueId, this.general())).addLine(text, i + 1);
  }

  /**
   * `<i>text</i>` (or `<b>`, `<u>`) around a whole line of plain text, the
   * usual styled line, read without the tag machinery; undefined for anything
   * else. `from` is where the line starts in the text.
   */
  private wholeLineTag(line: string, from: number): Span | undefined {
    const n = line.length;
    if (n < 8 || line.charCodeAt(0) !== LT || line.charCodeAt(2) !== GT || line.charCodeAt(n - 4) !== LT || line.charCodeAt(n - 3) !== SLASH || line.charCodeAt(n - 1) !== GT) return undefined;
    const name = line.charCodeAt(1) | 0x20;
    if ((line.charCodeAt(n - 2) | 0x20) !== name || this.hasMarkup(from + 3, from + n - 4)) return undefined;
    const text = line.slice(3, n - 4);
    if (text.trim() === '') return undefined;
    return name === 0x69 ? { text, italic: true } : name === 0x62 ? { text, bold: true } : name === 0x75 ? { text, underline: true } : undefined;
  }

  /** Whether `text[from..end)` holds a character that may start markup. */
  private hasMarkup(from: number, end: number): boolean {
    return this.specials.within(from, end);
  }

  private endCue(): void {
    const { cueId: id, cueStart: start, cueEnd: end, first, second } = this;
    let cue: Cue;
    if (this.lines === undefined) {
      cue =
        second !== undefined
          ? { id, start, end, lines: [[first!], [second]] }
          : first !== undefined
            ? { id, start, end, lines: [[first]] }
            : { id, start, end, lines: [] };
    } else {
      const lines = this.lines;
      while (lines.length > 0 && lines[lines.length - 1]!.length === 0) lines.pop();
      cue = { id, start, end, lines: lines.slice() };
    }
    if (this.markup) {
      this.markup.finish();
      if (this.markup.placement) cue.placement = this.markup.placement;
    }
    if (cue.lines.length === 0) this.report.add(messages.emptyCue(), { line: this.cueLine, cueId: id });
    this.cues.push(cue);
    if (this.locate) this.timeFields.push(this.cueTimes);
    this.ids.add(this.idLine, this.idGiven, this.cueNumber);
    this.first = this.second = this.lines = this.markup = undefined;
  }
}

/**
 * The time a SMPTE timecode label names: the frames it counts from zero at
 * `rate` (`nominalFps` a second, drop-frame labels as they skip), as the
 * editing and broadcast tools that export `HH:MM:SS:FF` count them; at
 * 23.976 `01:00:00:00` is 3,603.6 s, not 3,600.
 */
function labelTime(whole: number, frame: number, rate: FrameRate): number {
  const s = Math.floor(whole / 1000);
  // A label drop-frame skips names no frame: read as the first label of its minute, not two frames before the last.
  const f = skippedLabel(whole, frame, rate) ? Math.round(nominalFps(rate) / 15) : frame;
  const frames = rate.dropFrame ? dropFrameLabelToFrames(Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60, f, rate) : s * nominalFps(rate) + f;
  return framesToMs(frames, rate);
}

function skippedLabel(whole: number, frame: number, rate: FrameRate): boolean {
  const s = Math.floor(whole / 1000);
  return rate.dropFrame === true && frame >= 0 && isSkippedLabel(Math.floor(s / 60) % 60, s % 60, frame, rate);
}

export function read(input: string, opts: ParseOptions = {}): ParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const reader = new SrtReader(new LineSource(text), opts.frameRate, opts.locateTimes);
  reader.run();
  const diagnostics = reader.report.finish();
  settleCueIds(reader.cues, reader.ids.origins(), diagnostics, ({ id, derived, line, firstLine }) => {
    const m = messages.repeatedNumber(id, firstLine, derived);
    return diagnostic(m.code, m.severity, m.message, { line, cueId: derived });
  });
  const track: ParseResult['track'] = { language: opts.language ?? 'und', cues: reader.cues, meta: {} };
  if (opts.frameRate) track.frameRate = { ...opts.frameRate };
  if (reader.labels !== '') track.meta.frameLabels = reader.labels;
  return opts.locateTimes ? { track, diagnostics, times: { text, cues: reader.timeFields } } : { track, diagnostics };
}

keepShapes(new SrtReader(new LineSource(''), undefined));
